import { localeTag, type Lang } from '../../../../shared/messages/lang';
import { useLang, useTranslation } from '../../../app/i18n';
import { ChartFrame, ChartSvg } from './ChartFrame';
import { axisLabels, niceMax } from './chartMath';

const WIDTH = 360;
const HEIGHT = 170;
const AXIS = 28;
const TOP = 18;

export function monthLabel(month: string, lang: Lang, style: 'short' | 'long' = 'short'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(localeTag[lang], {
    month: style,
    ...(style === 'long' ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** Month-by-month bars with each value written over its bar. */
export function TrendChart({ title, series }: { title: string; series: { month: string; value: number }[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (series.length === 0) return null;
  const max = niceMax(Math.max(...series.map((s) => s.value)));
  const slot = (WIDTH - AXIS) / series.length;
  const labels = series.map((s) => (series.length > 12 ? s.month.slice(2) : monthLabel(s.month, lang)));
  const axis = axisLabels(labels, slot);
  const plot = HEIGHT - TOP - 24;
  const height = TOP + plot + axis.height;
  const chart = (
    <ChartSvg width={WIDTH} height={height} className="trend-chart">
      <text x={AXIS - 6} y={TOP + 4} className="chart-axis" textAnchor="end">
        {max}
      </text>
      <text x={AXIS - 6} y={TOP + plot} className="chart-axis" textAnchor="end">
        0
      </text>
      <line x1={AXIS} x2={WIDTH} y1={TOP + plot} y2={TOP + plot} className="chart-baseline" />
      {series.map((s, i) => {
        const h = (plot * s.value) / max;
        const x = AXIS + i * slot;
        return (
          <g key={s.month}>
            <rect x={x + slot * 0.15} y={TOP + plot - h} width={slot * 0.7} height={h} className="chart-bar" />
            {s.value > 0 && (
              <text x={x + slot / 2} y={TOP + plot - h - 4} textAnchor="middle" className="chart-value">
                {s.value}
              </text>
            )}
            {i % axis.every === 0 &&
              (axis.rotate ? (
                <text
                  x={x + slot / 2}
                  y={TOP + plot + 12}
                  textAnchor="end"
                  transform={`rotate(-45 ${x + slot / 2} ${TOP + plot + 12})`}
                  className="chart-axis"
                >
                  {labels[i]}
                </text>
              ) : (
                <text x={x + slot / 2} y={TOP + plot + 16} textAnchor="middle" className="chart-axis">
                  {labels[i]}
                </text>
              ))}
          </g>
        );
      })}
    </ChartSvg>
  );
  const table = {
    columns: [t('reports.month'), t('reports.value')],
    rows: series.map((s) => ({ key: s.month, head: monthLabel(s.month, lang, 'long'), cells: [s.value] })),
  };
  return <ChartFrame title={title} summary={t('reports.chartTrendSummary', { max: Math.max(...series.map((s) => s.value)) })} chart={chart} table={table} />;
}
