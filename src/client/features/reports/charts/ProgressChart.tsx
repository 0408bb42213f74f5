import type { ProgressStatus } from '../../../../shared/reports/progress';
import { statusLabels } from '../../../../shared/reports/progress';
import { useText, useTranslation } from '../../../app/i18n';
import { ChartFrame, ChartSvg } from './ChartFrame';
import { niceMax, progressPercent } from './chartMath';

export interface ProgressLine {
  id: string;
  label: string;
  value: number;
  target: number | null;
  status: ProgressStatus;
}

const WIDTH = 360;
const ROW = 44;

/**
 * One bar per indicator on a common scale, its target marked on the bar, the figures and the
 * status written above it (the status never rests on colour alone). Narrow by design: phones first.
 */
export function ProgressChart({ title, lines }: { title: string; lines: ProgressLine[] }) {
  const { t } = useTranslation();
  const text = useText();
  if (lines.length === 0) return null;
  const height = lines.length * ROW + 4;
  const scale = niceMax(Math.max(...lines.map((l) => Math.max(l.value, l.target ?? 0))));
  const x = (v: number) => (WIDTH * Math.min(v, scale)) / scale;
  const chart = (
    <ChartSvg width={WIDTH} height={height} className="progress-chart">
      {lines.map((line, i) => {
        const pct = progressPercent(line.value, line.target);
        return (
          <g key={line.id} transform={`translate(0 ${i * ROW + 2})`}>
            <text x={0} y={13} className="chart-label">
              {line.id}: {line.target !== null ? `${line.value} / ${line.target}` : String(line.value)}
              {pct.exact !== null ? ` (${pct.exact}%)` : ''} · {text(statusLabels[line.status])}
            </text>
            <rect x={0} y={19} width={WIDTH} height={14} className="chart-track" />
            <rect x={0} y={19} width={x(line.value)} height={14} className={`chart-bar status-${line.status}`} />
            {line.target !== null && <line x1={x(line.target)} x2={x(line.target)} y1={16} y2={36} className="chart-target" />}
          </g>
        );
      })}
    </ChartSvg>
  );
  const table = {
    columns: [t('reports.indicator'), t('reports.indicatorValue'), t('reports.target'), t('reports.shareCol'), t('reports.status')],
    rows: lines.map((line) => ({
      key: line.id,
      head: `${line.id}: ${line.label}`,
      cells: [line.value, line.target ?? '—', progressPercent(line.value, line.target).exact ?? '—', text(statusLabels[line.status])],
    })),
  };
  return <ChartFrame title={title} summary={t('reports.chartProgressSummary', { count: lines.length })} chart={chart} table={table} />;
}
