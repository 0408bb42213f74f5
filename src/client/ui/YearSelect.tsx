interface Props {
  id: string;
  label: string;
  years: readonly number[];
  value: number;
  onChange: (year: number) => void;
  className?: string;
}

/** The plan's years as a labelled select: the plan, the reports and the annual report all pick one. */
export function YearSelect({ id, label, years, value, onChange, className = 'field' }: Props) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
