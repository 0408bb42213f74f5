import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/messages/lang';
import type { ReportFilter } from '../../../shared/reports/query';
import { useText } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import type { TeamChoice } from '../review/useReview';
import { parsePeriodParam, periodParam, PERIOD_PARAMS } from './period';
import { monthLabel } from './charts/TrendChart';
import { useLang } from '../../app/i18n';
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
  const catalogue = useCatalogue();
  const set = (patch: Partial<ReportFilter>) => onChange({ ...filter, ...patch });
  const optional = (v: string) => (v === '' ? undefined : v);
  return (
    <form className="filters report-filters" aria-label={t('reports.filters')} onSubmit={(e) => e.preventDefault()}>
      <YearSelect id="rp-year" label={t('reports.year')} years={catalogue.years} value={filter.year} onChange={(year) => set({ year })} />
      <div className="field">
        <label htmlFor="rp-period">{t('reports.period')}</label>
        <select id="rp-period" value={periodParam(filter.period)} onChange={(e) => set({ period: parsePeriodParam(e.target.value) })}>
          {PERIOD_PARAMS.map((p) => (
            <option key={p} value={p}>
              {periodName(p, t, lang, filter.year)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="rp-district">{t('reports.district')}</label>
        <select id="rp-district" value={filter.district ?? ''} onChange={(e) => set({ district: optional(e.target.value) })}>
          <option value="">{t('reports.all')}</option>
          {catalogue.districts.map((d) => (
            <option key={d.id} value={d.id}>
              {text(d.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="rp-team">{t('reports.team')}</label>
        <select id="rp-team" value={filter.teamId ?? ''} onChange={(e) => set({ teamId: optional(e.target.value) })}>
          <option value="">{t('reports.all')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="rp-executor">{t('reports.executor')}</label>
        <select id="rp-executor" value={filter.executorId ?? ''} onChange={(e) => set({ executorId: optional(e.target.value) })}>
          <option value="">{t('reports.all')}</option>
          {catalogue.executors.map((x) => (
            <option key={x.id} value={x.id}>
              {text(x.short ?? x.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="rp-goal">{t('reports.goal')}</label>
        <select id="rp-goal" value={filter.strategicGoal ?? ''} onChange={(e) => set({ strategicGoal: optional(e.target.value) })}>
          <option value="">{t('reports.all')}</option>
          {catalogue.strategicGoals.map((sg) => (
            <option key={sg.number} value={sg.number}>
              {sg.number}. {text(sg.title).slice(0, 90)}
            </option>
          ))}
        </select>
      </div>
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
