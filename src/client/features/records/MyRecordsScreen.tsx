// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useState } from 'react';
import { Link, useLocation } from '../../app/router';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { currentAuthor, errorText, localStatuses, useRecordsPage, type StoredRecord } from '../../data';
import { deleteRecord } from '../../data/recordStore';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { timeAgo } from '../../ui/format';
import { emptyFilter, matches, recordTotal, routeFor, type RecordFilter } from './recordSummary';
import { recordPlace, recordSubject } from '../../ui/recordName';
import { useCatalogue } from '../../catalogue/catalogue';
import { recordKinds, type RecordKind } from '../../../shared/records/schemas';
import { ChoiceSelect } from '../../ui/ChoiceSelect';

/** Records shown at first and added by "Show more": only those are decrypted. */
const PAGE = 50;

export default function MyRecordsScreen() {
  const { t } = useTranslation();
  const location = useLocation();
  const saved = (location.state as { saved?: string; status?: string } | null) ?? null;
  const [filter, setFilter] = useState<RecordFilter>(emptyFilter);
  const [limit, setLimit] = useState(PAGE);
  const page = useRecordsPage((row) => matches(row, filter), JSON.stringify(filter), limit);
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const text = useText();
  const measureIds = [...(page?.measureIds ?? [])].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const shown = page?.records ?? [];
  const changeFilter = (next: RecordFilter) => {
    setFilter(next);
    setLimit(PAGE);
  };

  return (
    <section aria-labelledby="records-title">
      <h1 id="records-title">{t('records.title')}</h1>
      {saved?.saved && <Notice tone="ok">{saved.status === 'draft' ? t('records.savedDraft') : t('records.savedReady')}</Notice>}
      {failure && <Notice tone="error">{text(failure)}</Notice>}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('records.filters')}>
        <ChoiceSelect
          id="f-kind"
          label={t('records.kind')}
          options={recordKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          placeholder={t('records.all')}
          value={filter.kind}
          onChange={(kind) => changeFilter({ ...filter, kind: kind as RecordKind | '' })}
        />
        <ChoiceSelect
          id="f-measure"
          label={t('form.measure')}
          options={measureIds.map((id) => ({ value: id, label: id }))}
          placeholder={t('records.all')}
          value={filter.measureId}
          onChange={(measureId) => changeFilter({ ...filter, measureId })}
        />
        <div className="field">
          <label htmlFor="f-from">{t('records.from')}</label>
          <input id="f-from" type="date" value={filter.from} onChange={(e) => changeFilter({ ...filter, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('records.to')}</label>
          <input id="f-to" type="date" value={filter.to} onChange={(e) => changeFilter({ ...filter, to: e.target.value })} />
        </div>
        <ChoiceSelect
          id="f-status"
          label={t('records.status')}
          options={[...localStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })), { value: 'deleted', label: t('status.deleted') }]}
          placeholder={t('records.all')}
          value={filter.status}
          onChange={(status) => changeFilter({ ...filter, status })}
        />
      </form>
      {page === undefined ? (
        <Loading />
      ) : shown.length === 0 ? (
        <p>{page.total === 0 ? t('records.none') : t('records.noneMatch')}</p>
      ) : (
        <>
          <ul className="record-list">
            {shown.map((r) => (
              <RecordItem key={r.row.id} stored={r} highlighted={r.row.id === saved?.saved} onError={setFailure} />
            ))}
          </ul>
          {page.more && (
            <p>
              {t('records.shown', { shown: shown.length, count: page.total })}{' '}
              <button type="button" className="secondary" onClick={() => setLimit((n) => n + PAGE)}>
                {t('records.showMore')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function RecordItem({ stored, highlighted, onError }: { stored: StoredRecord; highlighted: boolean; onError: (e: LocalizedText) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const text = useText();
  const [confirming, setConfirming] = useState(false);
  const { row, record } = stored;
  const catalogue = useCatalogue();
  const total = recordTotal(record);
  const place = recordPlace(record, catalogue, t, text);
  const headingId = `rec-${row.id}`;

  async function remove() {
    try {
      await deleteRecord(row.id, await currentAuthor());
    } catch (error) {
      onError(errorText(error));
    }
    setConfirming(false);
  }

  return (
    <li className={highlighted ? 'record highlighted' : 'record'} aria-labelledby={headingId} data-record-id={row.id}>
      <h2 id={headingId} className="record-title">
        {recordSubject(record, t)} · {t('records.measure', { id: record.measureId })}
      </h2>
      <p className="record-meta">
        <span>{row.date}</span>
        {place && <span>{place}</span>}
        {total !== null && <span>{t('records.total', { count: total })}</span>}
        <span className={`badge badge-${row.deleted ? 'deleted' : row.status}`}>{row.deleted ? t('status.deleted') : t(`status.${row.status}`)}</span>
        {row.revision > 1 && <span>{t('records.revision', { n: row.revision })}</span>}
        <span>{t('records.changed', { ago: timeAgo(row.updatedAt, lang) })}</span>
      </p>
      {row.reason && (
        <p className="reason">
          {t('records.reason')}: {text(row.reason.message)}
          {row.reason.field ? ` (${row.reason.field})` : ''}
        </p>
      )}
      {!row.deleted && (
        <div className="buttons">
          <Link className="button secondary" to={`${routeFor[record.kind]}/${row.id}`} aria-describedby={headingId}>
            {t('records.edit')}
          </Link>
          {confirming ? (
            <>
              <button type="button" className="danger" onClick={() => void remove()} aria-describedby={headingId}>
                {t('records.confirmDelete')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-describedby={headingId}>
              {t('records.delete')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
