import { useEffect, useState } from 'react';
import { uuidv7 } from '../../shared/records/uuid';
import { loadDraft, type Draft } from './drafts';

export type DraftLoad<T> = { loading: true } | { loading: false; draft: Draft<T> | null; recordId: string };

/**
 * Loads the draft of a form once, when the form opens. A new form without a draft gets a
 * record id made now, which its draft will carry from the first change on.
 */
export function useDraftLoad<T>(key: string, existingRecordId?: string, generation = 0): DraftLoad<T> {
  const token = `${key}#${generation}`;
  const [state, setState] = useState<{ token: string; load: DraftLoad<T> }>({ token, load: { loading: true } });
  useEffect(() => {
    let live = true;
    void loadDraft<T>(key).then((draft) => {
      if (!live) return;
      const recordId = draft?.recordId ?? existingRecordId ?? uuidv7();
      setState({ token, load: { loading: false, draft, recordId } });
    });
    return () => {
      live = false;
    };
  }, [key, existingRecordId, token]);
  return state.token === token ? state.load : { loading: true };
}
