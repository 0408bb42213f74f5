import { ChoiceSelect } from './ChoiceSelect';

interface Props {
  id: string;
  label: string;
  years: readonly number[];
  value: number;
  onChange: (year: number) => void;
  className?: string;
}

/** The plan's years as a labelled select: the plan, the reports and the annual report all pick one. */
export function YearSelect({ id, label, years, value, onChange, className }: Props) {
  const options = years.map((y) => ({ value: String(y), label: String(y) }));
  return <ChoiceSelect id={id} label={label} options={options} value={String(value)} onChange={(y) => onChange(Number(y))} className={className} />;
}
