import { dimensions, isMinorAgeBand, NOT_STATED } from '../dimensions';
import type { LocalizedText } from '../plan/catalogue-schema';

/**
 * Sex together with adult or child, as the plan writes it: "жінок/дівчат, чоловіків/хлопців"
 * (15.2), "жінок, чоловіків, дівчат та хлопців" (17.3). Worked out from the age bands' `minor`
 * flag (0–13, 14–17 are children), so any count by sex and age band can be split this way.
 */
export type LifeStage = 'adult' | 'child' | 'age_not_stated';

export interface SexLifeStage {
  sex: string;
  lifeStage: LifeStage;
  value: number;
}

function lifeStageOf(ageBand: string): LifeStage {
  if (ageBand === NOT_STATED) return 'age_not_stated';
  return isMinorAgeBand(ageBand) ? 'child' : 'adult';
}

const SEX_ORDER = dimensions.sex.values.map((v) => v.id);
const STAGE_ORDER: readonly LifeStage[] = ['adult', 'child', 'age_not_stated'];

/** Counts by sex × adult/child, in the dimensions' order (women, girls, …, men, boys, …); empty rows left out. */
export function sexByLifeStage(cells: readonly { sex: string; ageBand: string; value: number }[]): SexLifeStage[] {
  const sums = new Map<string, SexLifeStage>();
  for (const { sex, ageBand, value } of cells) {
    const lifeStage = lifeStageOf(ageBand);
    const key = `${sex}|${lifeStage}`;
    const seen = sums.get(key);
    if (seen) seen.value += value;
    else sums.set(key, { sex, lifeStage, value });
  }
  const rank = (r: SexLifeStage) => {
    const sex = SEX_ORDER.indexOf(r.sex);
    return (sex < 0 ? SEX_ORDER.length : sex) * STAGE_ORDER.length + STAGE_ORDER.indexOf(r.lifeStage);
  };
  return [...sums.values()].filter((r) => r.value > 0).sort((a, b) => rank(a) - rank(b));
}

const ageNotStated: LocalizedText = { uk: 'вік не зазначено', en: 'age not stated' };
const sexNotStated: Record<LifeStage, LocalizedText> = {
  adult: { uk: 'Стать не зазначено, дорослі', en: 'Sex not stated, adults' },
  child: { uk: 'Стать не зазначено, діти', en: 'Sex not stated, children' },
  age_not_stated: { uk: 'Стать і вік не зазначено', en: 'Sex and age not stated' },
};

/** "Жінки", "Дівчата", "Чоловіки (вік не зазначено)", "Стать не зазначено, діти", … */
export function sexLifeStageLabel(row: Pick<SexLifeStage, 'sex' | 'lifeStage'>): LocalizedText {
  if (row.sex === NOT_STATED) return sexNotStated[row.lifeStage];
  const value = dimensions.sex.values.find((v) => v.id === row.sex);
  const label = value?.label ?? { uk: row.sex, en: row.sex };
  if (row.lifeStage === 'adult') return label;
  if (row.lifeStage === 'child')
    return value?.childLabel ?? { uk: `${label.uk} (діти)`, en: `${label.en} (children)` };
  return { uk: `${label.uk} (${ageNotStated.uk})`, en: `${label.en} (${ageNotStated.en})` };
}
