import { dimensions, dimensionValueLabel } from '../../../shared/dimensions';
import { ANY } from '../../../shared/dimensions/ids';
import type { Indicator } from '../../../shared/plan/catalogue-schema';
import type { IndicatorProgress } from '../../../shared/reports/protocol';
import { sexByLifeStage, sexLifeStageLabel } from '../../../shared/reports/lifeStage';
import { useText, useTranslation } from '../../app/i18n';
import { DataTable } from './DataTable';
import './registerMessages';

/**
 * The breakdowns beside an indicator's one-cell-per-person table (docs/counting-model.md): sex
 * with adult or child where the plan names women/girls and men/boys, and the multi-response
 * ones, which say so: persons in every group they belong to, and an event count's audience.
 */

type SexGroup = { sex: string; group: string; value: number };

const SEXES = dimensions.sex.values.map((v) => v.id);
const GROUPS = dimensions.group.values.map((v) => v.id);
const byOrder = (order: readonly string[]) => (a: string, b: string) => rank(order, a) - rank(order, b);
function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

/** Women, girls, men, boys (and whose sex or age is not stated), where the indicator counts by sex and age band. */
export function SexLifeStageTable({ indicator, progress }: { indicator: Indicator; progress: IndicatorProgress }) {
  const { t } = useTranslation();
  const text = useText();
  if (indicator.kind !== 'count' || !indicator.dimensions.includes('sex') || !indicator.dimensions.includes('ageBand')) return null;
  const rows = sexByLifeStage(progress.cells);
  if (rows.length === 0) return null;
  return (
    <DataTable
      caption={`${t('reports.bySexLifeStage')}: ${indicator.id}`}
      columns={[t('reports.lifeStageGroup'), t('reports.value')]}
      rows={rows.map((r) => ({ key: `${r.sex}|${r.lifeStage}`, head: text(sexLifeStageLabel(r)), cells: [r.value] }))}
      foot={{ head: t('reports.total'), cells: [rows.reduce((s, r) => s + r.value, 0)] }}
    />
  );
}

/** Group rows × sex columns of a multi-response breakdown; `*` is "any". */
function SexGroupTable({ caption, head, values, anyRow }: { caption: string; head: string; values: SexGroup[]; anyRow: boolean }) {
  const { t } = useTranslation();
  const text = useText();
  const sexes = [...new Set(values.map((v) => v.sex))].sort(byOrder([...SEXES, ANY]));
  const groups = [...new Set(values.map((v) => v.group))].filter((g) => anyRow || g !== ANY).sort(byOrder([ANY, ...GROUPS]));
  const at = (sex: string, group: string) => values.find((v) => v.sex === sex && v.group === group)?.value ?? 0;
  const sexName = (sex: string) => (sex === ANY ? t('reports.anySex') : text(dimensionValueLabel('sex', sex)));
  const groupName = (group: string) => (group === ANY ? t('reports.anyGroup') : text(dimensionValueLabel('group', group)));
  return (
    <DataTable
      caption={caption}
      scroll
      columns={[head, ...sexes.map(sexName)]}
      rows={groups.map((g) => ({ key: g, head: groupName(g), cells: sexes.map((s) => at(s, g)) }))}
    />
  );
}

/** Persons in every group they belong to: their cell's group and those recorded as also in another. */
export function MembershipTable({ indicatorId, progress }: { indicatorId: string; progress: IndicatorProgress }) {
  const { t } = useTranslation();
  if (!progress.groupMemberships) return null;
  return (
    <div className="multi-response" data-testid={`memberships-${indicatorId}`}>
      <SexGroupTable
        caption={`${t('reports.memberships')}: ${indicatorId}`}
        head={t('reports.membershipGroup')}
        values={progress.groupMemberships}
        anyRow={false}
      />
      <p className="hint">{t('reports.membershipsNote', { total: progress.value })}</p>
    </div>
  );
}

/** An event count's audience: events whose participants held each group and sex. */
export function AudienceTable({ indicatorId, progress }: { indicatorId: string; progress: IndicatorProgress }) {
  const { t } = useTranslation();
  if (!progress.audience) return null;
  const known = progress.audience.find((v) => v.sex === ANY && v.group === ANY)?.value ?? 0;
  return (
    <div className="multi-response" data-testid={`audience-${indicatorId}`}>
      <SexGroupTable caption={`${t('reports.audience')}: ${indicatorId}`} head={t('reports.audienceGroup')} values={progress.audience} anyRow />
      <p className="hint">{t('reports.audienceNote', { known, events: progress.value })}</p>
    </div>
  );
}
