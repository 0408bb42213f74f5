import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from '../../../app/i18n';
import { DataTable, type TableRow } from '../DataTable';

interface Props {
  title: string;
  /** one line for screen readers in place of the picture */
  summary: string;
  chart: ReactNode;
  /** the chart's figures: the table a screen reader reads and anyone can switch on */
  table: { columns: ReactNode[]; rows: TableRow[] };
}

/**
 * A chart with its data as a table. Screen readers get the table (the picture has a one-line
 * summary); sighted readers can switch the table on. Printing shows both.
 */
export function ChartFrame({ title, summary, chart, table }: Props) {
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
      <div className={showTable ? 'chart-table' : 'chart-table visually-hidden'}>
        <DataTable caption={title} hiddenCaption columns={table.columns} rows={table.rows} />
      </div>
    </figure>
  );
}

/** The picture of a chart: scales to the width, hidden from screen readers (the table speaks for it). */
export function ChartSvg({ width, height, className, children }: { width: number; height: number; className: string; children: ReactNode }) {
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" aria-hidden="true" focusable="false" className={className}>
      {children}
    </svg>
  );
}
