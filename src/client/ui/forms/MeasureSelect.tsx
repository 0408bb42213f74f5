import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Measure } from '../../../shared/plan/catalogue-schema';
import { useText } from '../../app/i18n';
import { shorten } from '../../catalogue/measures';
import { Field, fieldAria } from '../Field';

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
  return (
    <Field id={id} label={label} error={error} hint={selected ? `${selected.id}. ${text(selected.text)}` : undefined}>
      <select {...registration} {...fieldAria(id, error, Boolean(selected))}>
        {measures.map((m) => (
          <option key={m.id} value={m.id}>
            {m.id}. {shorten(text(m.text), 80)}
          </option>
        ))}
      </select>
    </Field>
  );
}
