import { useMemo, useState } from 'react';
import { Link, useSearchParams } from '../../app/router';
import { annualFileName, annualPreamble, annualRows, annualTable, type AnnualRow } from '../../../shared/reports/annual';
import type { Breakdown, ReportFilter } from '../../../shared/reports/query';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { useReportCatalogue } from '../../catalogue/catalogue';
import { localToday } from '../../catalogue/measures';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { defaultYear } from '../plan';
import { failureText } from '../../net/failure';
import { getFile } from '../../net/loggedIn';
import { queryString } from '../../net/queryString';
import { ScrollArea } from '../../ui/ScrollArea';
import { useProgressReport } from '../reports';
export { messagesReady as ready } from '../reports';
import { useDataSource, type DataSource } from '../../net/dataSource';
import './annual.css';
import { annualFile, saveFile } from './annualFiles';
import { YearSelect } from '../../ui/YearSelect';

const ANNUAL_BREAKDOWNS: readonly Breakdown[] = ['group'];

export default function AnnualReportScreen() {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  const catalogue = useReportCatalogue();
  const [params, setParams] = useSearchParams();
  const preferred = useDataSource();
  const asked = Number(params.get('year'));
  const year = catalogue.years.includes(asked) ? asked : defaultYear(catalogue.years, localToday());
  const [includePending, setIncludePending] = useState(preferred.kind === 'device');
  const filter = useMemo<ReportFilter>(() => ({ year, period: { kind: 'year' }, includePending }), [year, includePending]);
  const state = useProgressReport(catalogue, filter, preferred, ANNUAL_BREAKDOWNS);
  const source = state.source;
  const rows = useMemo(() => (state.report ? annualRows(catalogue, state.report, lang) : null), [catalogue, state.report, lang]);

  return (
    <section aria-labelledby="annual-title" className="annual">
      <div className="no-print">
        <p>
          <Link to="/reports">{t('annual.back')}</Link>
        </p>
        <h1 id="annual-title">{t('annual.title')}</h1>
        <p className="lead">{t('annual.lead')}</p>
        <p className={`source-label source-${source.kind}`}>
          {source.kind === 'server' ? t('annual.fromServer') : t('annual.fromDevice', { why: t(`reports.why.${source.why}`) })}
        </p>
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('reports.filters')}>
          <YearSelect id="an-year" label={t('annual.year')} years={catalogue.years} value={year} onChange={(y) => setParams({ year: String(y) })} />
          <div className="field switch-field">
            <label className="checkbox" htmlFor="an-pending">
              <input id="an-pending" type="checkbox" role="switch" checked={includePending} onChange={(e) => setIncludePending(e.target.checked)} />
              {t('reports.includePending')}
            </label>
          </div>
        </form>
        <Downloads source={source} year={year} includePending={includePending} report={state.report} />
        <p>
          <a href={`/public/progress/${year}`}>{t('reports.publicLink', { year })}</a>
        </p>
      </div>
      {state.error && <Notice tone="error">{text(state.error)}</Notice>}
      {!rows && !state.error && <Loading />}
      {rows && state.report && (
        <AnnualDocument
          rows={rows}
          year={year}
          asOf={state.report.asOf}
          includePending={includePending}
        />
      )}
    </section>
  );
}

function Downloads({ source, year, includePending, report }: { source: DataSource; year: number; includePending: boolean; report: ReturnType<typeof useProgressReport>['report'] }) {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  const catalogue = useReportCatalogue();
  const [status, setStatus] = useState<{ tone: 'ok' | 'error' | 'info'; text: string } | null>(null);

  const download = async (ext: 'xlsx' | 'csv') => {
    setStatus({ tone: 'info', text: t('annual.downloading') });
    try {
      const file =
        source.kind === 'server'
          ? await getFile(`/reports/annual.${ext}${queryString({ year, lang, includePending })}`, annualFileName(year, lang, includePending, ext, false))
          : report
            ? annualFile(catalogue, report, lang, ext)
            : null;
      if (!file) return;
      saveFile(file.blob, file.name);
      setStatus({ tone: 'ok', text: t('annual.downloaded', { name: file.name }) });
    } catch (error) {
      setStatus({ tone: 'error', text: text(failureText(error)) });
    }
  };

  return (
    <>
      <div className="buttons">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('annual.print')}
        </button>
        <button type="button" onClick={() => void download('xlsx')} disabled={source.kind === 'device' && !report}>
          {t('annual.xlsx')}
        </button>
        <button type="button" onClick={() => void download('csv')} disabled={source.kind === 'device' && !report}>
          {t('annual.csv')}
        </button>
      </div>
      <div aria-live="polite">{status && <p className={`notice notice-${status.tone}`}>{status.text}</p>}</div>
    </>
  );
}

/** The printable report: one table in the plan's order, its header repeated on every printed page. */
function AnnualDocument({ rows, year, asOf, includePending }: { rows: AnnualRow[]; year: number; asOf: string; includePending: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const catalogue = useReportCatalogue();
  const [head, ...body] = annualTable(rows, lang);
  // The same title and "as of" line as the XLSX: the date written once ("1 грудня 2026 р.", never "р..").
  const [title, meta] = annualPreamble({ planTitle: catalogue.title, year, asOf, includePending }, lang);
  return (
    <article className="annual-document" aria-labelledby="annual-doc-title">
      <h2 id="annual-doc-title" className="doc-title">
        {title}
      </h2>
      <p className="doc-meta" data-testid="annual-as-of">
        {meta}
      </p>
      <ScrollArea label={t('annual.caption', { year })}>
        <table className="annual-table">
          <caption className="visually-hidden">{t('annual.caption', { year })}</caption>
          <thead>
            <tr>
              {head!.map((h, i) => (
                <th scope="col" key={i} className={`col-${i}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((cells, r) => {
              const row = rows[r]!;
              // A heading row (goal, task, measure) has no figures: its title spans the figure columns.
              const shown = row.level === 'indicator' ? cells : cells.slice(0, 3);
              return (
                <tr key={r} className={`level-${row.level}`} data-indicator={row.level === 'indicator' ? row.number : undefined}>
                  {shown.map((c, i) =>
                    i === 2 ? (
                      <th scope="row" key={i} className={`col-${i}`} colSpan={row.level === 'indicator' ? undefined : cells.length - 2}>
                        {c}
                      </th>
                    ) : (
                      <td key={i} className={`col-${i}`}>
                        {c ?? ''}
                      </td>
                    ),
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollArea>
    </article>
  );
}
