import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Measure } from '../../../shared/plan/catalogue-schema';
import { useText, useTranslation } from '../../app/i18n';
import { shorten } from '../../catalogue/measures';
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

/** Choose a measure of the plan by number and text; its full text shows beneath. */
export function MeasureSelect({ id, measures, selected, registration, error }: Props) {
  const { t } = useTranslation();
  const text = useText();
  const options = measures.map((m) => ({ value: m.id, label: `${m.id}. ${shorten(text(m.text), 80)}` }));
  return (
    <OptionSelect
      id={id}
      label={t('form.measure')}
      options={options}
      registration={registration}
      error={error}
      hint={selected ? `${selected.id}. ${text(selected.text)}` : undefined}
    />
  );
}
