import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dimensions, CELL_DIMENSIONS } from '../../../src/shared/dimensions';
import kyivPlanJson from '../../../src/shared/plan/kyiv-1325-2021-2023.json';
import type { LocalizedText } from '../../../src/shared/plan';

/**
 * The English of the catalogue and the dimensions uses the glossary's one term for each key
 * Ukrainian term (docs/glossary.md, the rows marked ✓), and none of the renderings it rejects.
 */
interface Rule {
  /** the glossary row's first cell, as written there */
  row: string;
  /** where the Ukrainian says the term … */
  uk: RegExp;
  /** … the English must say this */
  en: RegExp;
  /** words that must appear in no English text (`unless`: except where the Ukrainian says this) */
  rejected?: { en: RegExp; unless?: RegExp }[];
}

const A = "['’ʼ]";
const RULES: Rule[] = [
  { row: 'виконавець, відповідальний виконавець ✓', uk: /виконавц/i, en: /executor/i, rejected: [{ en: /implementer/i }] },
  { row: 'постраждалі від насильства (торгівлі людьми, домагань) ✓', uk: /постраждал\S*\s+від\s+(домашнього\s+)?насильств/i, en: /survivor/i, rejected: [{ en: /\bvictim/i }] },
  {
    row: "громадські об'єднання ✓",
    uk: new RegExp(`громадськ\\S*\\s+(та\\s+)?об${A}єднан`, 'i'),
    en: /public associations?/i,
    rejected: [{ en: /\bNGOs?\b/ }, { en: /non-governmental/i }, { en: /civil society organi[sz]ations?/i }],
  },
  { row: 'здобувачі освіти ✓', uk: /здобувач\S*\s+освіти/i, en: /learners?/i, rejected: [{ en: /students and pupils/i }] },
  { row: 'педагогічні працівники ✓', uk: /педагогічн\S*\s+працівник/i, en: /teaching staff/i, rejected: [{ en: /\beducators?\b/i }] },
  {
    row: 'державні службовці, посадові особи місцевого самоврядування ✓',
    uk: /посадов\S*\s+ос\S*\s+місцевого\s+самоврядування/i,
    en: /local self-government officials/i,
    rejected: [{ en: /local government officials/i }],
  },
  { row: 'насильство за ознакою статі; гендерно зумовлене насильство ✓', uk: /насильств\S*\s+за\s+ознакою\s+статі|гендерно\s+зумовлен\S*\s+насильств/i, en: /gender-based/i },
  { row: 'домашнє насильство ✓', uk: /домашн\S*\s+насильств/i, en: /domestic/i },
  { row: "сексуальне насильство, пов'язане з конфліктом ✓", uk: new RegExp(`сексуальн\\S*\\s+насильств\\S*,?\\s+пов${A}язан\\S*\\s+з\\s+конфліктом`, 'i'), en: /conflict-related sexual violence/i },
  { row: 'сексуальні домагання ✓', uk: /сексуальн\S*\s+домаган/i, en: /sexual harassment/i },
  { row: 'торгівля людьми ✓', uk: /торгівл\S*\s+людьми/i, en: /trafficking in human beings/i, rejected: [{ en: /human trafficking/i }] },
  { row: 'консультація ✓', uk: /консультаці/i, en: /consult/i },
  { row: 'консультування ✓', uk: /консультуван/i, en: /counselling/i },
  { row: 'звернення ✓', uk: /звернен|звернул|звернут/i, en: /contact/i, rejected: [{ en: /\bcall(s|ed)?\b/i }, { en: /\bappeals?\b/i }] },
  { row: 'гаряча лінія ✓', uk: /гаряч\S*\s+ліні/i, en: /hotline/i },
  { row: '«телефон довіри» ✓', uk: /телефону?\s+довіри/i, en: /Trust Line/, rejected: [{ en: /helpline/i }] },
  { row: 'соціально-психологічна допомога ✓', uk: /соціально\s*-\s*психологічн/i, en: /social-psychological/i, rejected: [{ en: /social and psychological/i }] },
  { row: '(безоплатна) правова допомога ✓', uk: /правов\S*\s+допомог/i, en: /legal aid/i },
  { row: 'адміністративні послуги ✓', uk: /адміністративн\S*(\s+послуг|,\s+медичн)/i, en: /administrative/i },
  { row: 'круглий стіл ✓', uk: /кругл\S*\s+стол/i, en: /round tables?/i },
  { row: "пам'ятка ✓", uk: new RegExp(`пам${A}ятк`, 'i'), en: /leaflets?/i, rejected: [{ en: /\bmemos?\b/i }, { en: /memorand/i }] },
  { row: 'інформаційні носії ✓', uk: /інформаційн\S*\s+носі/i, en: /information boards and stands/i, rejected: [{ en: /information media/i }] },
  { row: 'встановлення миру ✓', uk: /встановлення\s+миру/i, en: /peacemaking/i, rejected: [{ en: /peacebuilding/i, unless: /миробудуван/i }] },
  { row: 'миробудування ✓', uk: /миробудуван/i, en: /peacebuilding/i },
];

interface Text {
  path: string;
  text: LocalizedText;
}

function texts(value: unknown, path: string): Text[] {
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.uk === 'string' && typeof obj.en === 'string') return [{ path, text: obj as unknown as LocalizedText }];
  return Object.entries(obj).flatMap(([k, v]) => texts(v, `${path}.${k}`));
}

const all: Text[] = [
  ...texts(kyivPlanJson, 'catalogue'),
  ...CELL_DIMENSIONS.flatMap((d) => texts(dimensions[d], `dimensions.${d}`)),
];
/** The English screens' message files (every en.ts or en.json under src/client/locales), read as text. */
const locales = new URL('../../../src/client/locales/', import.meta.url);
const screens = (readdirSync(locales, { recursive: true }) as string[])
  .filter((f) => /(^|\/)en(\.|\/)/.test(f.replaceAll('\\', '/')) && /\.(ts|json)$/.test(f))
  .map((f) => ({ path: f, en: readFileSync(new URL(f, locales), 'utf8') }));
const glossary = readFileSync(new URL('../../../docs/glossary.md', import.meta.url), 'utf8');

describe('the glossary', () => {
  it('is what the test checks: one rule for every row marked ✓', () => {
    const checked = [...glossary.matchAll(/^\| ([^|]*✓) \|/gm)].map((m) => m[1]);
    expect(RULES.map((r) => r.row).sort()).toEqual(checked.sort());
  });

  it('covers the catalogue and the dimensions', () => {
    expect(all.filter((t) => t.path.startsWith('catalogue')).length).toBeGreaterThan(200);
    expect(all.filter((t) => t.path.startsWith('dimensions')).length).toBeGreaterThan(50);
  });

  it.each(RULES.map((r) => [r.row, r] as const))('%s: the English says the glossary term wherever the Ukrainian has it', (_, rule) => {
    const found = all.filter((t) => rule.uk.test(t.text.uk));
    expect(found.length, 'the term occurs').toBeGreaterThan(0);
    const wrong = found.filter((t) => !rule.en.test(t.text.en)).map((t) => `${t.path}: ${t.text.en}`);
    expect(wrong).toEqual([]);
  });

  it.each(RULES.filter((r) => r.rejected).map((r) => [r.row, r] as const))('%s: no rejected rendering anywhere', (_, rule) => {
    const wrong = all.flatMap((t) =>
      rule.rejected!.filter((x) => x.en.test(t.text.en) && !(x.unless && x.unless.test(t.text.uk))).map((x) => `${t.path}: ${x.en} in "${t.text.en}"`),
    );
    expect(wrong).toEqual([]);
  });

  it('holds on the English screens too: no rejected rendering', () => {
    expect(screens.map((s) => s.path)).toEqual(expect.arrayContaining(['en.ts']));
    const rejected = RULES.flatMap((r) => (r.rejected ?? []).filter((x) => !x.unless).map((x) => x.en));
    const wrong = screens.flatMap((s) => rejected.filter((re) => re.test(s.en)).map((re) => `${s.path}: ${re} matches "${re.exec(s.en)![0]}"`));
    expect(wrong).toEqual([]);
  });
});
