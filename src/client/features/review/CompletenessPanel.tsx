import { useEffect, useState } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import type { Lang } from '../../../shared/messages/lang';
import { completenessFileName, DEFAULT_QUIET_DAYS, type CompletenessCell, type CompletenessReport, type QuietDevice } from '../../../shared/review/completeness';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { useCurrentSession } from '../../app/sessionContext';
import { useCatalogue } from '../../catalogue/catalogue';
import { cacheServerCompleteness, useDeviceCompleteness, type CachedCompleteness } from '../../data';
import { isReviewer, type DataSource } from '../../net/dataSource';
import { ApiFailure, failureText } from '../../net/failure';
import { getFile, getJson } from '../../net/loggedIn';
import { queryString } from '../../net/queryString';
import { ChoiceSelect } from '../../ui/ChoiceSelect';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { YearSelect } from '../../ui/YearSelect';
import { formatDateTime } from '../../ui/format';
import { saveFile } from '../../ui/saveFile';
import { completenessDeviceFile } from './completenessFiles';

/** The years to pick: the plan's, and this one (records keep coming after a plan ends). */
function yearsFor(planYears: readonly number[], now = new Date()): number[] {
  return [...new Set([...planYears, now.getFullYear()])].sort((a, b) => a - b);
}

/** No answer, or the server failing: the device's own table instead (not a refusal, which is shown). */
function unreachable(error: unknown): boolean {
  return error instanceof ApiFailure ? error.kind === 'offline' || error.kind === 'server' : true;
}

/**
 * Completeness, for supervisors (their teams) and admins (every team): per team, a month's
 * records by review state and whether it is locked; the devices gone quiet; the year as CSV and
 * XLSX. From the server when it answers (its answer kept on the device); offline, or when the
 * server cannot be reached, from the records this device pulled (completenessOnDevice.ts), with
 * the quiet devices of the server's kept answer, and the files made in the browser.
 */
export function CompletenessPanel({ source }: { source: DataSource }) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const session = useCurrentSession();
  const years = yearsFor(catalogue.years);
  // this year while the plan runs, else the plan's last year (where its records are)
  const [year, setYear] = useState(() => (catalogue.years.includes(new Date().getFullYear()) ? new Date().getFullYear() : catalogue.years.at(-1)!));
  const [quietDays, setQuietDays] = useState(String(DEFAULT_QUIET_DAYS));
  const [asked, setAsked] = useState({ year, quietDays: DEFAULT_QUIET_DAYS });
  const quietInvalid = !/^\d{1,3}$/.test(quietDays) || Number(quietDays) < 1 || Number(quietDays) > 365;
  // The device can stand in for a reviewer who logged in to the server here (their teams' records were pulled).
  const deviceReviewer = session?.source === 'server' && isReviewer(session.role) ? session : null;
  const onServer = source.kind === 'server';

  return (
    <section aria-labelledby="completeness-title" className="card completeness">
      <h2 id="completeness-title">{t('review.completeness.title')}</h2>
      <p className="hint">{t('review.completeness.lead')}</p>
      {!onServer && !deviceReviewer ? (
        <Notice tone="info">{t('review.completeness.offline')}</Notice>
      ) : (
        <>
          <form
            className="filters"
            aria-label={t('review.completeness.title')}
            onSubmit={(e) => {
              e.preventDefault();
              if (!onServer || !quietInvalid) setAsked({ year, quietDays: onServer ? Number(quietDays) : asked.quietDays });
            }}
          >
            <YearSelect id="cp-year" label={t('review.completeness.year')} years={years} value={year} onChange={setYear} />
            {onServer && (
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
            )}
            <div className="buttons">
              <button type="submit">{t('review.completeness.show')}</button>
            </div>
          </form>
          {onServer ? (
            <ServerCompleteness key={`${asked.year}-${asked.quietDays}`} year={asked.year} quietDays={asked.quietDays} userId={session?.userId ?? null} canFallBack={deviceReviewer !== null} />
          ) : (
            <DeviceCompleteness key={asked.year} year={asked.year} unreachable={false} />
          )}
        </>
      )}
    </section>
  );
}

function ServerCompleteness({ year, quietDays, userId, canFallBack }: { year: number; quietDays: number; userId: string | null; canFallBack: boolean }) {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  const [report, setReport] = useState<CompletenessReport | null>(null);
  const [failure, setFailure] = useState<{ text: LocalizedText; fallBack: boolean } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [fileFailure, setFileFailure] = useState<LocalizedText | null>(null);
  useEffect(() => {
    let live = true;
    getJson<CompletenessReport>(`/review/completeness${queryString({ year, quietDays })}`).then(
      (r) => {
        if (!live) return;
        setReport(r);
        // kept for offline: the quiet devices and the month locks as of now (a full device only loses the copy)
        if (userId) void cacheServerCompleteness(userId, r).catch(() => undefined);
      },
      (error: unknown) => live && setFailure({ text: failureText(error), fallBack: canFallBack && unreachable(error) }),
    );
    return () => {
      live = false;
    };
  }, [year, quietDays, userId, canFallBack]);

  if (failure?.fallBack) return <DeviceCompleteness year={year} unreachable />;
  if (failure) return <Notice tone="error">{text(failure.text)}</Notice>;
  if (!report) return <Loading />;
  const download = async (ext: 'csv' | 'xlsx') => {
    try {
      const file = await getFile(`/review/completeness.${ext}${queryString({ year, quietDays, lang })}`, completenessFileName(year, lang, ext));
      saveFile(file.blob, file.name);
      setSaved(t('review.completeness.downloaded', { name: file.name }));
      setFileFailure(null);
    } catch (error) {
      setFileFailure(failureText(error));
    }
  };
  return (
    <div data-testid="completeness">
      <CompletenessTable months={report.months} teamCount={report.teams.length} cells={report.cells} onDownload={download} saved={saved} />
      {fileFailure && <Notice tone="error">{text(fileFailure)}</Notice>}
      <QuietDevices days={report.quietDays} devices={report.quietDevices} />
    </div>
  );
}

/** The table from this device's pulled records, clearly labelled, with the server's kept answer for the rest. */
function DeviceCompleteness({ year, unreachable: noAnswer }: { year: number; unreachable: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useCurrentSession();
  const device = useDeviceCompleteness(session?.userId ?? null, year, session?.teams ?? []);
  const [saved, setSaved] = useState<string | null>(null);
  if (!device || device.year !== year) return <Loading />;
  const asOf = device.lastSyncAt ? formatDateTime(device.lastSyncAt, lang) : t('review.completeness.neverSynced');
  const from = t('review.completeness.fromDevice', { at: asOf });
  const locks = device.locksAsOf ? t('review.completeness.locksAsOf', { at: formatDateTime(device.locksAsOf, lang) }) : t('review.completeness.locksFromServer');
  const download = (ext: 'csv' | 'xlsx') => {
    const file = completenessDeviceFile(device, lang as Lang, ext, [t('review.completeness.fileTitle', { year }), from, locks]);
    saveFile(file.blob, file.name);
    setSaved(t('review.completeness.downloaded', { name: file.name }));
  };
  return (
    <div data-testid="completeness" data-source="device">
      {noAnswer && <Notice tone="info">{t('review.completeness.unreachable')}</Notice>}
      <p className="source-label source-device" data-testid="completeness-from-device">
        {from}
      </p>
      <p className="hint" data-testid="completeness-locks">
        {locks}
      </p>
      <CompletenessTable months={device.months} teamCount={device.teams.length} cells={device.cells} onDownload={download} saved={saved} />
      <KeptQuietDevices cached={device.cached} />
    </div>
  );
}

function CompletenessTable({
  months,
  teamCount,
  cells: all,
  onDownload,
  saved,
}: {
  months: readonly string[];
  teamCount: number;
  cells: readonly CompletenessCell[];
  onDownload: (ext: 'csv' | 'xlsx') => void | Promise<void>;
  saved: string | null;
}) {
  const { t } = useTranslation();
  const [month, setMonth] = useState('');
  if (months.length === 0) return <p>{t('review.completeness.noMonths')}</p>;
  if (teamCount === 0) return <p>{t('review.completeness.noTeams')}</p>;
  const shown = month && months.includes(month) ? month : months.at(-1)!;
  const cells = all.filter((c) => c.month === shown);
  return (
    <>
      <ChoiceSelect id="cp-month" label={t('review.completeness.month')} options={months.map((m) => ({ value: m, label: m }))} value={shown} onChange={setMonth} />
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
        <button type="button" onClick={() => void onDownload('csv')}>
          {t('review.completeness.csv')}
        </button>
        <button type="button" onClick={() => void onDownload('xlsx')}>
          {t('review.completeness.xlsx')}
        </button>
      </div>
      <div role="status">{saved && <p className="notice notice-ok">{saved}</p>}</div>
    </>
  );
}

function QuietDevices({ days, devices, asOf }: { days: number; devices: readonly QuietDevice[]; asOf?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <h3>{t('review.completeness.quietTitle', { days })}</h3>
      {asOf && (
        <p className="hint" data-testid="quiet-as-of">
          {t('review.completeness.quietAsOf', { at: formatDateTime(asOf, lang) })}
        </p>
      )}
      {devices.length === 0 ? (
        <p>{t('review.completeness.noQuiet')}</p>
      ) : (
        <ul className="plain-list" data-testid="quiet-devices">
          {devices.map((d) => (
            <li key={d.deviceId}>
              {t('review.completeness.quietItem', { user: d.userName, teams: d.teams.join(', '), at: formatDateTime(d.lastSeenAt, lang), days: d.daysQuiet })}
              {' · '}
              {d.unsyncedCount === null ? t('review.completeness.quietUnknown') : t('review.completeness.quietUnsynced', { count: d.unsyncedCount })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Quiet devices only the server knows: its last answer kept here, with when it came, or a line saying there is none. */
function KeptQuietDevices({ cached }: { cached: CachedCompleteness | null }) {
  const { t } = useTranslation();
  if (!cached) {
    return (
      <>
        <h3>{t('review.completeness.quietTitleKept')}</h3>
        <p data-testid="quiet-as-of">{t('review.completeness.quietNoneKept')}</p>
      </>
    );
  }
  return <QuietDevices days={cached.report.quietDays} devices={cached.report.quietDevices} asOf={cached.fetchedAt} />;
}
