import type { Lang } from '../../../shared/messages/lang';
import type { ReportFilter } from '../../../shared/reports/query';
import { type TFunction, useText, useTranslation } from '../../app/i18n';
import { useReportCatalogue } from '../../catalogue/catalogue';
import type { TeamChoice } from '../../net/teams';
import { parsePeriodParam, periodParam, PERIOD_PARAMS } from './period';
import { monthLabel } from './charts/TrendChart';
import { useLang } from '../../app/i18n';
import { ChoiceSelect } from '../../ui/ChoiceSelect';
import { YearSelect } from '../../ui/YearSelect';

function periodName(param: string, t: TFunction, lang: Lang, year: number): string {
  if (param === 'year') return t('reports.periodYear');
  if (param.startsWith('q')) return t('reports.quarter', { n: param.slice(1) });
  return monthLabel(`${year}-${param.slice(1)}`, lang, 'long');
}

/** Year, period, district, team, executor, strategic goal, and whether records not yet approved count. */
export function ReportFilters({ filter, teams, onChange }: { filter: ReportFilter; teams: TeamChoice[]; onChange: (f: ReportFilter) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  const catalogue = useReportCatalogue();
  const set = (patch: Partial<ReportFilter>) => onChange({ ...filter, ...patch });
  const optional = (v: string) => (v === '' ? undefined : v);
  return (
    <form className="filters report-filters" aria-label={t('reports.filters')} onSubmit={(e) => e.preventDefault()}>
      <YearSelect id="rp-year" label={t('reports.year')} years={catalogue.years} value={filter.year} onChange={(year) => set({ year })} />
      <ChoiceSelect
        id="rp-period"
        label={t('reports.period')}
        options={PERIOD_PARAMS.map((p) => ({ value: p, label: periodName(p, t, lang, filter.year) }))}
        value={periodParam(filter.period)}
        onChange={(v) => set({ period: parsePeriodParam(v) })}
      />
      <ChoiceSelect
        id="rp-district"
        label={t('reports.district')}
        options={catalogue.districts.map((d) => ({ value: d.id, label: text(d.name) }))}
        placeholder={t('reports.all')}
        value={filter.district ?? ''}
        onChange={(v) => set({ district: optional(v) })}
      />
      <ChoiceSelect
        id="rp-team"
        label={t('reports.team')}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        placeholder={t('reports.all')}
        value={filter.teamId ?? ''}
        onChange={(v) => set({ teamId: optional(v) })}
      />
      <ChoiceSelect
        id="rp-executor"
        label={t('reports.executor')}
        options={catalogue.executors.map((x) => ({ value: x.id, label: text(x.short ?? x.name) }))}
        placeholder={t('reports.all')}
        value={filter.executorId ?? ''}
        onChange={(v) => set({ executorId: optional(v) })}
      />
      <ChoiceSelect
        id="rp-goal"
        label={t('reports.goal')}
        options={catalogue.strategicGoals.map((sg) => ({ value: sg.number, label: `${sg.number}. ${text(sg.title).slice(0, 90)}` }))}
        placeholder={t('reports.all')}
        value={filter.strategicGoal ?? ''}
        onChange={(v) => set({ strategicGoal: optional(v) })}
      />
      <div className="field switch-field">
        <label className="checkbox" htmlFor="rp-pending">
          <input
            id="rp-pending"
            type="checkbox"
            role="switch"
            checked={filter.includePending}
            aria-describedby="rp-pending-hint"
            onChange={(e) => set({ includePending: e.target.checked })}
          />
          {t('reports.includePending')}
        </label>
        <div className="hint" id="rp-pending-hint">
          {t('reports.includePendingHint')}
        </div>
      </div>
    </form>
  );
}
