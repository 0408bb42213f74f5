import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Measure } from '../../../shared/plan/catalogue-schema';
import { useText } from '../../app/i18n';
import { shorten } from '../../catalogue/measures';
import { OptionSelect } from './OptionSelect';

interface Props {
  id: string;
  label: string;
  measures: Measure[];
  selected: Measure | undefined;
  registration: UseFormRegisterReturn;
  error?: string;
}

/** Choose a measure of the plan by number and text; its full text shows beneath. */
export function MeasureSelect({ id, label, measures, selected, registration, error }: Props) {
  const text = useText();
  const options = measures.map((m) => ({ value: m.id, label: `${m.id}. ${shorten(text(m.text), 80)}` }));
  return (
    <OptionSelect
      id={id}
      label={label}
      options={options}
      registration={registration}
      error={error}
      hint={selected ? `${selected.id}. ${text(selected.text)}` : undefined}
    />
  );
}
