// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useId, useState } from 'react';
import { dimensionValueLabel } from '../../../shared/dimensions';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { contactsOf } from '../../../shared/records/counts';
import type { ReviewItem } from '../../../shared/review/protocol';
import type { FieldRecord } from '../../../shared/records/schemas';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { Notice } from '../../ui/Notice';
import { formatDateTime } from '../../ui/format';
import { recordTotal } from '../records';
import { CrossTable } from '../reports';
import { failureText } from '../../net/failure';
import type { DataSource } from '../../net/dataSource';
import { columnDimension, gridCells, recordCells } from './recordCounts';
import { giveVerdict } from './reviewApi';
import { recordPeriod } from '../../../shared/records/period';
import { commentMissing } from './reviewFilter';
import { recordPlace, recordSubject } from '../../ui/recordName';
import { useCatalogue } from '../../catalogue/catalogue';

type Verdict = 'approved' | 'returned' | 'rejected';

export function ReviewCard({ item, teamName, source, onChanged }: { item: ReviewItem; teamName: string; source: DataSource; onChanged: (note: string) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const { record } = item;
  const period = recordPeriod(record);
  const total = recordTotal(record);
  const place = recordPlace(record, useCatalogue(), t, text);
  return (
    <li className="record review-item" data-record-id={record.id}>
      <h2 className="record-title">
        {recordSubject(record, t)} · {t('records.measure', { id: record.measureId })}
      </h2>
      <p className="record-meta">
        <span>{period.start === period.end ? period.start : `${period.start} – ${period.end}`}</span>
        {place && <span>{place}</span>}
        <span>{teamName}</span>
        {item.authorName && <span>{t('records.author', { name: item.authorName })}</span>}
        {total !== null && <span>{t('records.total', { count: total })}</span>}
        <span>{t('records.revision', { n: record.revision })}</span>
        <span className={`badge review-${item.status}`}>{t(`review.statusName.${item.status}`)}</span>
      </p>
      <button type="button" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen(!open)}>
        {open ? t('review.hide') : t('review.details')}
      </button>
      {open && (
        <div id={detailId} className="review-detail">
          <RecordFacts record={record} />
          <VerdictHistory item={item} />
          <VerdictForm item={item} source={source} onChanged={onChanged} />
        </div>
      )}
    </li>
  );
}

function RecordFacts({ record }: { record: FieldRecord }) {
  const { t } = useTranslation();
  const cells = recordCells(record);
  return (
    <>
      {record.kind === 'serviceLog' && <p>{t(`serviceType.${record.serviceType}`)}</p>}
      {record.kind === 'event' && (
        <p>
          {t(`eventFormat.${record.format}`)} · {record.venue.mode === 'online' ? t('review.venueOnline') : record.venue.place} ·{' '}
          {t('review.materials', { produced: record.materials.produced, distributed: record.materials.distributed })}
        </p>
      )}
      {record.kind === 'indicatorReport' && record.value.type === 'deliverable' && (
        <p>
          {t('review.deliverable', { done: record.value.done ? t('review.done') : t('review.notDone') })}
          {record.value.documentRef ? ` · ${t('review.document', { ref: record.value.documentRef })}` : ''}
        </p>
      )}
      {cells && cells.length > 0 ? (
        <CrossTable caption={t('review.counts')} cells={gridCells(cells)} column={columnDimension(cells)} />
      ) : (
        cells && <p>{t('review.noCounts')}</p>
      )}
      <ContactsAndMemberships record={record} />
    </>
  );
}

/** What the grid does not show: contacts apart from persons, and people also in other groups. */
function ContactsAndMemberships({ record }: { record: FieldRecord }) {
  const { t } = useTranslation();
  const text = useText();
  const table = record.kind === 'serviceLog' ? record.served : record.kind === 'event' ? record.attendance : record.value.type === 'count' ? record.value.table : null;
  if (!table) return null;
  const contacts = record.kind === 'serviceLog' ? record.served.cells.reduce((s, c) => s + contactsOf(c), 0) : null;
  const also = (table.alsoIn ?? []).filter((a) => a.count > 0);
  const list = also
    .map((a) => `${text(dimensionValueLabel('group', a.group))} (${a.sex ? `${text(dimensionValueLabel('sex', a.sex))}: ` : ''}${a.count})`)
    .join('; ');
  return (
    <>
      {contacts !== null && contacts !== table.total && <p>{t('review.contacts', { count: contacts, persons: table.total })}</p>}
      {also.length > 0 && <p>{t('review.alsoIn', { list })}</p>}
    </>
  );
}

function VerdictHistory({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (item.verdicts.length === 0) return <p className="hint">{t('review.noHistory')}</p>;
  return (
    <>
      <h3>{t('review.history')}</h3>
      <ul className="plain-list">
        {item.verdicts.map((v) => (
          <li key={`${v.revision}-${v.reviewedAt}`}>
            {formatDateTime(v.reviewedAt, lang)} · {t('records.revision', { n: v.revision })} · {t(`review.statusName.${v.status}`)}
            {v.comment ? `: ${v.comment}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function VerdictForm({ item, source, onChanged }: { item: ReviewItem; source: DataSource; onChanged: (note: string) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const id = useId();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LocalizedText | null>(null);

  if (source.kind !== 'server') return <Notice tone="info">{t('review.offlineVerdict')}</Notice>;

  const submit = async (status: Verdict) => {
    if (commentMissing(status, comment)) {
      setMissing(true);
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await giveVerdict({ recordId: item.record.id, revision: item.record.revision, status, comment: comment.trim() || null });
      setFailure(null);
      onChanged(t(`review.${status}`));
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="verdict-form">
      <div className={missing ? 'field invalid' : 'field'}>
        <label htmlFor={`${id}-comment`}>{t('review.comment')}</label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={2000}
          value={comment}
          aria-invalid={missing || undefined}
          aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ''}`}
          onChange={(e) => setComment(e.target.value)}
        />
        <div className="hint" id={`${id}-hint`}>
          {t('review.commentHint')}
        </div>
        {missing && (
          <p className="error" id={`${id}-error`}>
            {t('review.commentRequired')}
          </p>
        )}
      </div>
      <div className="buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => void submit('approved')}>
          {t('review.approve')}
        </button>
        <button type="button" disabled={busy} onClick={() => void submit('returned')}>
          {t('review.return')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void submit('rejected')}>
          {t('review.reject')}
        </button>
      </div>
      {failure && <Notice tone="error">{text(failure)}</Notice>}
    </div>
  );
}
