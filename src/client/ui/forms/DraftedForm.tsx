// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useState, type ReactNode } from 'react';
import { useText, useTranslation } from '../../app/i18n';
import { Link, useParams } from '../../app/router';
import type { RecordKind } from '../../../shared/records/schemas';
import { useStoredRecord, type StoredRecord } from '../../data';
import type { Draft } from '../../data/drafts';
import { useDraftLoad } from '../../data/useDraft';
import { RecordPlan } from '../../catalogue/RecordPlan';
import { Loading } from '../Loading';
import { Notice } from '../Notice';

export interface DraftedFormArgs<T> {
  recordId: string;
  draftKey: string;
  draft: Draft<T> | null;
  existing: StoredRecord | null;
  /** after a new record is saved ("save and add another"): a form with a new record id, holding `carried` */
  restart: (carried: T) => void;
  /** what "save and add another" carried over from the record just saved (its context fields) */
  carried: T | null;
}

/**
 * Opens a record form: a new one (`/kind`) or an edit (`/kind/:id`), with its draft if one was
 * left, e.g. by a reload, a crash or an update.
 */
export function DraftedForm<T>({ kind, render }: { kind: RecordKind; render: (args: DraftedFormArgs<T>) => ReactNode }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const [generation, setGeneration] = useState(0);
  const [carried, setCarried] = useState<T | null>(null);
  const live = useStoredRecord(id);
  const draftKey = id ? `edit:${id}` : `${kind}:new`;
  const load = useDraftLoad<T>(draftKey, id, generation);
  // The record as it was when the form opened: a save in another tab must not remount the form
  // under the person typing (their input would be lost); their save then wins, in place.
  const pinKey = `${draftKey}#${generation}`;
  const [pinned, setPinned] = useState<{ key: string; value: StoredRecord | null } | null>(null);
  if (live !== undefined && pinned?.key !== pinKey) setPinned({ key: pinKey, value: live });
  const existing = pinned?.key === pinKey ? pinned.value : undefined;
  function restart(next: T) {
    setCarried(next);
    setGeneration((g) => g + 1);
    window.scrollTo({ top: 0 });
  }
  if (load.loading || existing === undefined) return <Loading />;
  if (id && (!existing || existing.record.kind !== kind || existing.record.deleted)) {
    return (
      <p>
        {t('records.notFound')} <Link to="/records">{t('nav.records')}</Link>
      </p>
    );
  }
  const form = render({ recordId: load.recordId, draftKey, draft: load.draft, existing, carried, restart });
  return (
    <div key={`${draftKey}#${generation}`}>
      {existing && <SetAsideBanner stored={existing} />}
      {carried !== null && (
        <Notice tone="ok">
          <span data-testid="saved-another">{t('form.savedAnother')}</span>
        </Notice>
      )}
      {/* an edit is checked by the rules of the plan the record was made under */}
      {existing ? <RecordPlan plan={existing.record.plan}>{form}</RecordPlan> : form}
    </div>
  );
}

/**
 * Over the form of a record a supervisor returned (or the server set aside): why, in the
 * supervisor's own words, so the fix is made looking at it. Saving sends the fix as a new revision.
 */
function SetAsideBanner({ stored }: { stored: StoredRecord }) {
  const { t } = useTranslation();
  const text = useText();
  const { row } = stored;
  if (row.status !== 'returned' && row.status !== 'rejected' && row.status !== 'conflict') return null;
  return (
    <div data-testid="returned-banner">
      <Notice tone="error">
        <strong>{t(`status.${row.status}`)}.</strong> {row.reason ? text(row.reason.message) : ''}
        {row.reason?.field ? ` (${row.reason.field})` : ''}
        <br />
        {t('records.fixHint')}
      </Notice>
    </div>
  );
}
