import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A chart with its data as a table. Screen readers get the table (the picture has a one-line
 * summary); sighted readers can switch the table on. Printing shows both.
 */
export function ChartFigure({ title, summary, chart, table }: { title: string; summary: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <figure className="chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>{title}</figcaption>
      <div role="img" aria-label={summary} className="chart-picture">
        {chart}
      </div>
      <button type="button" className="link-button chart-toggle" aria-pressed={showTable} onClick={() => setShowTable(!showTable)}>
        {showTable ? t('reports.hideTable') : t('reports.showTable')}
      </button>
      <div className={showTable ? 'chart-table' : 'chart-table visually-hidden'}>{table}</div>
    </figure>
  );
}
