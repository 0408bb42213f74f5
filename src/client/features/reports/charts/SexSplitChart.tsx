import { useId } from 'react';
import { dimensions, dimensionValueLabel } from '../../../../shared/dimensions';
import { useText, useTranslation } from '../../../app/i18n';
import { ChartFrame, ChartSvg } from './ChartFrame';
import { stackedParts } from './chartMath';

const ORDER = dimensions.sex.values.map((v) => v.id);

/** Fill per sex: a colour and a pattern, so the parts differ without colour too. Ids are per chart: several share a page. */
function fill(prefix: string, sex: string): string {
  return `url(#${prefix}-${sex === 'female' || sex === 'male' ? sex : 'ns'})`;
}

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-female`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" className="fill-female" />
      </pattern>
      <pattern id={`${prefix}-male`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" className="fill-male" />
        <line x1="0" y1="0" x2="0" y2="8" className="hatch" />
      </pattern>
      <pattern id={`${prefix}-ns`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" className="fill-not-stated" />
        <circle cx="4" cy="4" r="1.6" className="dot" />
      </pattern>
    </defs>
  );
}

/** One bar split by sex, each part named with its count and share in the legend. */
export function SexSplitChart({ title, bySex }: { title: string; bySex: Record<string, number> }) {
  const { t } = useTranslation();
  const text = useText();
  const prefix = `sx${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const parts = stackedParts(bySex, ORDER);
  if (parts.length === 0) return null;
  const chart = (
    <>
      <ChartSvg width={360} height={36} className="sex-chart">
        <Patterns prefix={prefix} />
        {parts.map((p) => (
          <rect key={p.id} x={(360 * p.offset) / 100} y={2} width={(360 * p.share) / 100} height={32} fill={fill(prefix, p.id)} className="sex-part" />
        ))}
      </ChartSvg>
      <ul className="legend" aria-hidden="true">
        {parts.map((p) => (
          <li key={p.id}>
            <svg width="18" height="18" viewBox="0 0 18 18" focusable="false">
              <rect width="18" height="18" fill={fill(prefix, p.id)} className="sex-part" />
            </svg>{' '}
            {text(dimensionValueLabel('sex', p.id))}: {p.value} ({p.share}%)
          </li>
        ))}
      </ul>
    </>
  );
  const table = {
    columns: [t('reports.sex'), t('reports.value'), t('reports.shareCol')],
    rows: parts.map((p) => ({ key: p.id, head: text(dimensionValueLabel('sex', p.id)), cells: [p.value, p.share] })),
  };
  return <ChartFrame title={title} summary={t('reports.chartSexSummary')} chart={chart} table={table} />;
}
