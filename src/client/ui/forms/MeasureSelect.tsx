// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Measure } from '../../../shared/plan/catalogue-schema';
import { useText, useTranslation } from '../../app/i18n';
import { planHasEnded } from '../../../shared/plan/plan-period';
import { useCatalogue } from '../../catalogue/catalogue';
import { localToday, shorten } from '../../catalogue/measures';
import { OptionSelect } from './OptionSelect';

interface Props {
  id: string;
  measures: Measure[];
  selected: Measure | undefined;
  registration: UseFormRegisterReturn;
  error?: string;
}

/** What the form does when the person picks a measure (other indicators, other dates). */
export function onMeasureChange(choose: (measureId: string) => void): { onChange: (e: { target: { value: string } }) => void } {
  return { onChange: (e) => choose(e.target.value) };
}

/**
 * Choose a measure of the plan by number and text; its full text shows beneath. When today is past
 * the active plan's years, a line says the plan has ended, how records are dated, and who brings a new one.
 */
export function MeasureSelect({ id, measures, selected, registration, error }: Props) {
  const { t } = useTranslation();
  const text = useText();
  const options = measures.map((m) => ({ value: m.id, label: `${m.id}. ${shorten(text(m.text), 80)}` }));
  const catalogue = useCatalogue();
  const ended = planHasEnded(catalogue, localToday());
  return (
    <>
      <OptionSelect
      id={id}
      label={t('form.measure')}
      options={options}
      registration={registration}
      error={error}
      hint={selected ? `${selected.id}. ${text(selected.text)}` : undefined}
      />
      {ended && (
        <p className="notice notice-info" data-testid="plan-ended">
          {t('form.planEnded', { title: text(catalogue.title), year: Math.max(...catalogue.years) })}
        </p>
      )}
    </>
  );
}
