import type { ReactNode } from 'react';
import { Field, fieldAria } from './Field';

export interface Option {
  value: string;
  label: string;
}

/** The <option>s of a select, after an empty first choice ("all", "— choose —") if it has one. */
export function OptionList({ options, placeholder }: { options: readonly Option[]; placeholder?: string | undefined }) {
  return (
    <>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

interface Props {
  id: string;
  /** the select's accessible name (its <label>) */
  label: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: ReactNode;
  className?: string;
}

/** A labelled select outside a record form: filters and settings. 44 px high like every control (styles.css). */
export function ChoiceSelect({ id, label, options, value, onChange, placeholder, hint, className }: Props) {
  return (
    <Field id={id} label={label} hint={hint} className={className}>
      <select value={value} onChange={(e) => onChange(e.target.value)} {...fieldAria(id, undefined, Boolean(hint))}>
        <OptionList options={options} placeholder={placeholder} />
      </select>
    </Field>
  );
}
