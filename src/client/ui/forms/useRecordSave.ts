import { useState } from 'react';
import { useNavigate } from '../../app/router';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import type { RecordContent } from '../../../shared/records/schemas';
import { currentAuthor, errorText } from '../../data';
import { saveRecord } from '../../data/recordStore';
import { planRefForRecords, useCatalogue } from '../../catalogue/catalogue';

/**
 * Turns a valid form into a record (queued for upload, or kept as a local draft), then drops the
 * form's draft and shows the record in "My records", or, for "save and add another", runs `then`
 * (the next, empty record). On failure nothing is dropped.
 */
export function useRecordSave(recordId: string, discardDraft: () => Promise<void>) {
  const navigate = useNavigate();
  // the plan the form checked the record against is the one it is made under
  const catalogue = useCatalogue();
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(content: RecordContent, status: 'draft' | 'ready', then?: () => void): Promise<void> {
    setBusy(true);
    try {
      await saveRecord(recordId, content, status, { ...(await currentAuthor()), plan: planRefForRecords(catalogue) });
      await discardDraft();
      setFailure(null);
      if (then) then();
      else void navigate('/records', { state: { saved: recordId, status } });
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return { save, failure, busy };
}
