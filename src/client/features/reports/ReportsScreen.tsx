import { useState } from 'react';
import { Link } from '../../app/router';
import type { ReportFilter } from '../../../shared/reports/query';
import { useText, useTranslation } from '../../app/i18n';
import { useReportCatalogue } from '../../catalogue/catalogue';
import { localToday } from '../../catalogue/measures';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { defaultYear } from '../plan';
import { useReportTeams } from '../../net/teams';
export { messagesReady as ready } from './registerMessages';
import './reports.css';
import { ReportBody } from './ReportBody';
import { ReportFilters } from './ReportFilters';
import { SourceLabel } from './SourceLabel';
import { useProgressReport } from './useReport';
import { useDataSource } from '../../net/dataSource';

export default function ReportsScreen() {
  const { t } = useTranslation();
  const text = useText();
  const catalogue = useReportCatalogue();
  const preferred = useDataSource();
  const teams = useReportTeams(preferred);
  const [filter, setFilter] = useState<ReportFilter>(() => ({
    year: defaultYear(catalogue.years, localToday()),
    period: { kind: 'year' },
    // On the device nothing may have been reviewed yet: its own report starts with every record counted.
    includePending: preferred.kind === 'device',
  }));
  const state = useProgressReport(catalogue, filter, preferred);

  return (
    <section aria-labelledby="reports-title" className="reports">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p className="lead">{t('reports.lead')}</p>
      <SourceLabel source={state.source} />
      <ReportFilters filter={filter} teams={teams} onChange={setFilter} />
      <p className="report-links">
        <Link to={`/reports/annual?year=${filter.year}`}>{t('reports.annualLink')}</Link>
        <a href={`/public/progress/${filter.year}`}>{t('reports.publicLink', { year: filter.year })}</a>
      </p>
      <div aria-live="polite" aria-busy={!state.report && !state.error}>
        {state.error && (
          <Notice tone="error">
            {t('reports.failed')} {text(state.error)}
          </Notice>
        )}
        {!state.report && !state.error && <Loading />}
      </div>
      {state.report && <ReportBody report={state.report} teams={teams} />}
    </section>
  );
}
