import { useEffect, useState } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { completenessFileName, DEFAULT_QUIET_DAYS, type CompletenessReport } from '../../../shared/review/completeness';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import type { DataSource } from '../../net/dataSource';
import { failureText } from '../../net/failure';
import { getFile, getJson } from '../../net/loggedIn';
import { queryString } from '../../net/queryString';
import { ChoiceSelect } from '../../ui/ChoiceSelect';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { YearSelect } from '../../ui/YearSelect';
import { formatDateTime } from '../../ui/format';
import { saveFile } from '../../ui/saveFile';

/** The years to pick: the plan's, and this one (records keep coming after a plan ends). */
function yearsFor(planYears: readonly number[], now = new Date()): number[] {
  return [...new Set([...planYears, now.getFullYear()])].sort((a, b) => a - b);
}

/**
 * Completeness, for supervisors (their teams) and admins (every team): per team, a month's
 * records by review state and whether it is locked; the devices gone quiet; the year as CSV.
 * From the server only: offline it says so.
 */
export function CompletenessPanel({ source }: { source: DataSource }) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const years = yearsFor(catalogue.years);
  // this year while the plan runs, else the plan's last year (where its records are)
  const [year, setYear] = useState(() => (catalogue.years.includes(new Date().getFullYear()) ? new Date().getFullYear() : catalogue.years.at(-1)!));
  const [quietDays, setQuietDays] = useState(String(DEFAULT_QUIET_DAYS));
  const [asked, setAsked] = useState({ year, quietDays: DEFAULT_QUIET_DAYS });
  const quietInvalid = !/^\d{1,3}$/.test(quietDays) || Number(quietDays) < 1 || Number(quietDays) > 365;

  return (
    <section aria-labelledby="completeness-title" className="card completeness">
      <h2 id="completeness-title">{t('review.completeness.title')}</h2>
      <p className="hint">{t('review.completeness.lead')}</p>
      {source.kind !== 'server' ? (
        <Notice tone="info">{t('review.completeness.offline')}</Notice>
      ) : (
        <>
          <form
            className="filters"
            aria-label={t('review.completeness.title')}
            onSubmit={(e) => {
              e.preventDefault();
              if (!quietInvalid) setAsked({ year, quietDays: Number(quietDays) });
            }}
          >
            <YearSelect id="cp-year" label={t('review.completeness.year')} years={years} value={year} onChange={setYear} />
            <div className={quietInvalid ? 'field invalid' : 'field'}>
              <label htmlFor="cp-quiet">{t('review.completeness.quietDays')}</label>
              <input
                id="cp-quiet"
                type="number"
                inputMode="numeric"
                min={1}
                max={365}
                value={quietDays}
                aria-invalid={quietInvalid || undefined}
                aria-describedby={quietInvalid ? 'cp-quiet-error' : undefined}
                onChange={(e) => setQuietDays(e.target.value)}
              />
              {quietInvalid && (
                <p className="error" id="cp-quiet-error">
                  {t('review.completeness.quietDays')}: 1–365
                </p>
              )}
            </div>
            <div className="buttons">
              <button type="submit">{t('review.completeness.show')}</button>
            </div>
          </form>
          <CompletenessView key={`${asked.year}-${asked.quietDays}`} year={asked.year} quietDays={asked.quietDays} />
        </>
      )}
    </section>
  );
}

function CompletenessView({ year, quietDays }: { year: number; quietDays: number }) {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  const [report, setReport] = useState<CompletenessReport | null>(null);
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const [month, setMonth] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getJson<CompletenessReport>(`/review/completeness${queryString({ year, quietDays })}`).then(
      (r) => live && setReport(r),
      (error: unknown) => live && setFailure(failureText(error)),
    );
    return () => {
      live = false;
    };
  }, [year, quietDays]);

  if (failure) return <Notice tone="error">{text(failure)}</Notice>;
  if (!report) return <Loading />;
  const shown = month || report.months.at(-1) || '';
  const cells = report.cells.filter((c) => c.month === shown);
  const download = async () => {
    try {
      const file = await getFile(`/review/completeness.csv${queryString({ year, quietDays, lang })}`, completenessFileName(year, lang));
      saveFile(file.blob, file.name);
      setSaved(t('review.completeness.downloaded', { name: file.name }));
      setFailure(null);
    } catch (error) {
      setFailure(failureText(error));
    }
  };
  return (
    <div data-testid="completeness">
      {report.months.length === 0 ? (
        <p>{t('review.completeness.noMonths')}</p>
      ) : report.teams.length === 0 ? (
        <p>{t('review.completeness.noTeams')}</p>
      ) : (
        <>
          <ChoiceSelect
            id="cp-month"
            label={t('review.completeness.month')}
            options={report.months.map((m) => ({ value: m, label: m }))}
            value={shown}
            onChange={setMonth}
          />
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="cp-caption">
            <table className="data">
              <caption id="cp-caption">{t('review.completeness.tableCaption', { month: shown })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.completeness.team')}</th>
                  <th scope="col">{t('review.completeness.submitted')}</th>
                  <th scope="col">{t('review.completeness.approved')}</th>
                  <th scope="col">{t('review.completeness.returned')}</th>
                  <th scope="col">{t('review.completeness.pending')}</th>
                  <th scope="col">{t('review.completeness.locked')}</th>
                </tr>
              </thead>
              <tbody>
                {cells.map((c) => (
                  <tr key={c.teamId} data-team={c.teamName}>
                    <th scope="row">{c.teamName}</th>
                    <td>{c.submitted}</td>
                    <td>{c.approved}</td>
                    <td>{c.returned}</td>
                    <td>{c.pending}</td>
                    <td>{c.locked ? t('review.completeness.yes') : t('review.completeness.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="buttons">
            <button type="button" onClick={() => void download()}>
              {t('review.completeness.csv')}
            </button>
          </div>
          <div role="status">{saved && <p className="notice notice-ok">{saved}</p>}</div>
        </>
      )}
      <h3>{t('review.completeness.quietTitle', { days: report.quietDays })}</h3>
      {report.quietDevices.length === 0 ? (
        <p>{t('review.completeness.noQuiet')}</p>
      ) : (
        <ul className="plain-list" data-testid="quiet-devices">
          {report.quietDevices.map((d) => (
            <li key={d.deviceId}>
              {t('review.completeness.quietItem', { user: d.userName, teams: d.teams.join(', '), at: formatDateTime(d.lastSeenAt, lang), days: d.daysQuiet })}
              {' · '}
              {d.unsyncedCount === null ? t('review.completeness.quietUnknown') : t('review.completeness.quietUnsynced', { count: d.unsyncedCount })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
