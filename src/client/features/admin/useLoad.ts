import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { failureText } from '../../net/failure';

export interface Loaded<T> {
  /** what the last successful load gave; kept while a reload runs or after one fails (null: none yet) */
  data: T | null;
  /** why the last load failed; cleared once one succeeds */
  failure: LocalizedText | null;
  /** loads again; resolves once that load (or one started after it) has settled, failed or not */
  reload: () => Promise<void>;
}

/**
 * Loads something over the network when a screen opens, and again on `reload()` or when `load`
 * changes (memoise it: `useLoad(useCallback(() => listDevices(userId), [userId]))`). Only the
 * latest load counts: one superseded by a reload, a new `load`, or the component going away is
 * ignored when it answers, so an older answer never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const [loads, setLoads] = useState(0);
  // reload() callers waiting for the load their call started
  const waiting = useRef<(() => void)[]>([]);
  useEffect(() => {
    let live = true;
    const settle = () => {
      if (live) for (const resolve of waiting.current.splice(0)) resolve();
    };
    load().then(
      (value) => {
        if (!live) return;
        setData(value);
        setFailure(null);
        settle();
      },
      (error: unknown) => {
        if (!live) return;
        setFailure(failureText(error));
        settle();
      },
    );
    return () => {
      live = false;
    };
  }, [load, loads]);
  // gone: nobody will render the answer, so nobody should wait for it
  useEffect(
    () => () => {
      for (const resolve of waiting.current.splice(0)) resolve();
    },
    [],
  );
  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setLoads((n) => n + 1);
      }),
    [],
  );
  return { data, failure, reload };
}
