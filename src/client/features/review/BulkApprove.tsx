import { useState } from 'react';
import type { ReviewItem } from '../../../shared/review/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { failureText } from '../../net/failure';
import type { DataSource } from '../../net/dataSource';
import { approveAll, type BulkResult } from './bulk';
import { approvable, type ReviewFilter } from './reviewFilter';

/**
 * Approves every record the filter shows that waits for review (all pages, not only the one
 * on screen), one verdict at a time, after a confirmation.
 */
export function BulkApprove(props: { filter: ReviewFilter; items: ReviewItem[]; total: number; source: DataSource; onDone: (note?: string) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  if (props.source.kind !== 'server') return null;
  // When the filter is "pending", the server's total is the number to approve; otherwise count what is loaded.
  const count = props.filter.status === 'pending' ? props.total : approvable(props.items).length;
  if (count === 0 && !result) return null;

  const run = async () => {
    setConfirming(false);
    setProgress({ done: 0, total: count });
    const outcome = await approveAll(props.filter, (done, total) => setProgress({ done, total }));
    setProgress(null);
    setResult(outcome);
    props.onDone(t('review.bulkDone', { done: outcome.approved, total: outcome.total }));
  };

  return (
    <div className="bulk card">
      {count > 0 && !confirming && !progress && (
        <button type="button" className="primary" onClick={() => setConfirming(true)}>
          {t('review.bulk', { count })}
        </button>
      )}
      <p className="hint">{t('review.bulkHint')}</p>
      {confirming && (
        <div role="group" aria-label={t('review.bulk', { count })}>
          <p>{t('review.bulkConfirm', { count })}</p>
          <div className="buttons">
            <button type="button" className="primary" onClick={() => void run()}>
              {t('review.bulkYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <div aria-live="polite">{progress && <p>{t('review.bulkProgress', progress)}</p>}</div>
      {result && result.failed.length > 0 && (
        <p className="error" role="alert">
          {t('review.bulkFailed', { count: result.failed.length, reason: text(failureText(result.failed[0]!.error)) })}
        </p>
      )}
    </div>
  );
}
