import { useCallback, useEffect, useRef, useState } from 'react';
import { markSaved, markUnsaved } from '../../app/unsaved';
import { deleteDraft, saveDraft } from '../../data/drafts';

interface Options {
  draftKey: string;
  form: string;
  recordId: string;
  /** a draft was restored: the form holds input that is not a record yet */
  restored: boolean;
}

/**
 * Saves a form's state as a draft on every change. While a draft exists the form counts as
 * holding unsaved input, so the app will not reload under it (see pwa.ts).
 */
export function useAutosave<T>({ draftKey, form, recordId, restored }: Options) {
  const latest = useRef<T | null>(null);
  const [error, setError] = useState<unknown>(null);

  const write = useCallback(
    (data: T) => saveDraft({ key: draftKey, form, recordId, data }),
    [draftKey, form, recordId],
  );
  const flush = useCallback(async () => {
    if (latest.current !== null) await write(latest.current);
  }, [write]);

  const persist = useCallback(
    (data: T) => {
      latest.current = data;
      markUnsaved(draftKey, flush);
      return write(data).then(
        () => setError(null),
        (e: unknown) => setError(e),
      );
    },
    [draftKey, flush, write],
  );

  const discard = useCallback(async () => {
    latest.current = null;
    markSaved(draftKey);
    await deleteDraft(draftKey);
  }, [draftKey]);

  useEffect(() => {
    if (restored) markUnsaved(draftKey, flush);
    // Leaving the form: its draft is in the database already, nothing is held in memory only.
    return () => markSaved(draftKey);
  }, [draftKey, flush, restored]);

  return { persist, discard, flush, error };
}
