// Its texts come with its chunk (app/screenTexts.ts).
import '../app/screenTexts';
import type { Catalogue, Measure } from '../../shared/plan/catalogue-schema';
import { measureLastDay } from '../../shared/plan/catalogue-index';
import { useLang, useTranslation } from '../app/i18n';

/**
 * Why a new record's date is not today: the measure's period in the plan has ended (the 2021–2023
 * plan did), so the form offers its last day. Said under the date field, once, in the reader's words.
 */
export function usePeriodEndedHint(measure: Measure | undefined, catalogue: Catalogue, today: string): string | undefined {
  const { t } = useTranslation();
  const lang = useLang();
  if (!measure) return undefined;
  const last = measureLastDay(measure, catalogue);
  if (today <= last) return undefined;
  const date = new Date(`${last}T00:00:00`).toLocaleDateString(lang === 'uk' ? 'uk-UA' : 'en-GB', { dateStyle: 'long' });
  return t('form.periodEnded', { date });
}
