import { liveQuery } from 'dexie';
import { useSyncExternalStore } from 'react';
import type { QuerySource } from './throttledQuery';

/** What a shared query holds: the raw read, its opened (decrypted) value, or the read's error. */
export interface SharedSnapshot<Raw, Value> {
  raw: Raw | undefined;
  value: Value | undefined;
}

const EMPTY = { raw: undefined, value: undefined };

/**
 * One live query for every component that shows the same figure. The header and Today both
 * show the unsynced count, the sync facts and the session: with a live query each, the same
 * reads ran twice, the second set half a second later, when Today's chunk had loaded (and
 * Today waited for them). Shared, a screen that mounts while the header is up has the value
 * at once. Reads run while anyone watches; the last one gone, the value is dropped (an old
 * count must never show as current).
 *
 * `open` turns the raw read into what screens show (decryption: async, outside the live query,
 * which may only await the database). The previous value stays while a newer one opens, so
 * nothing flickers; a failed open (the app locked meanwhile) keeps the last one. `source` runs
 * the read whenever it may have changed: Dexie's liveQuery, or a throttled one (throttledQuery.ts).
 */
export function sharedLiveQuery<Raw, Value = Raw>(query: () => Promise<Raw>, open?: (raw: Raw) => Promise<Value>, source: (query: () => Promise<Raw>) => QuerySource<Raw> = liveQuery) {
  let snapshot: SharedSnapshot<Raw, Value> = EMPTY;
  let error: { reason: unknown } | null = null;
  let subscription: { unsubscribe(): void } | null = null;
  let generation = 0;
  const listeners = new Set<() => void>();
  const emit = (next: SharedSnapshot<Raw, Value>) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  function received(raw: Raw, run: number): void {
    error = null;
    if (!open) return emit({ raw, value: raw as unknown as Value });
    emit({ raw, value: snapshot.value });
    open(raw).then(
      (value) => run === generation && snapshot.raw === raw && emit({ raw, value }),
      () => undefined,
    );
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    if (!subscription) {
      const run = ++generation;
      subscription = source(query).subscribe({
        next: (raw) => run === generation && received(raw, run),
        error: (reason: unknown) => {
          if (run !== generation) return;
          error = { reason };
          emit({ ...snapshot });
        },
      });
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || !subscription) return;
      subscription.unsubscribe();
      subscription = null;
      generation++;
      snapshot = EMPTY;
      error = null;
    };
  }

  const getSnapshot = () => snapshot;

  return {
    subscribe,
    getSnapshot,
    /** The shared snapshot; a failed read throws here, for the screen's error boundary (as useLiveQuery does). */
    useSnapshot(): SharedSnapshot<Raw, Value> {
      const current = useSyncExternalStore(subscribe, getSnapshot);
      if (error) throw error.reason;
      return current;
    },
  };
}
