// @vitest-environment jsdom
import { act, useCallback } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { useLoad, type Loaded } from '../../../../src/client/features/admin/useLoad';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/** A load whose every call waits for the test to answer it. */
function controlled<T>() {
  const calls: Deferred<T>[] = [];
  return {
    calls,
    load: () => {
      const d = deferred<T>();
      calls.push(d);
      return d.promise;
    },
  };
}

let root: Root | null = null;
let latest: Loaded<string> | null = null;

function Probe({ load, arg }: { load: (arg: string) => Promise<string>; arg: string }) {
  latest = useLoad(useCallback(() => load(arg), [load, arg]));
  return null;
}

async function mount(load: (arg: string) => Promise<string>, arg = 'a') {
  root ??= createRoot(document.createElement('div'));
  await act(async () => root!.render(<Probe load={load} arg={arg} />));
}

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  latest = null;
});

describe('useLoad', () => {
  it('gives the data; a failed reload keeps it and says why; a good one clears the failure', async () => {
    const c = controlled<string>();
    await mount(c.load);
    expect(latest).toMatchObject({ data: null, failure: null });
    await act(async () => c.calls[0]!.resolve('first'));
    expect(latest).toMatchObject({ data: 'first', failure: null });

    let reloaded = false;
    await act(async () => void latest!.reload().then(() => (reloaded = true)));
    expect(c.calls).toHaveLength(2);
    expect(reloaded).toBe(false);
    await act(async () => c.calls[1]!.reject(new Error('network down')));
    expect(reloaded).toBe(true);
    expect(latest!.data).toBe('first');
    expect(latest!.failure).not.toBeNull();

    await act(async () => void latest!.reload());
    await act(async () => c.calls[2]!.resolve('second'));
    expect(latest).toMatchObject({ data: 'second', failure: null });
  });

  it('a load superseded by a reload is ignored when it answers late', async () => {
    const c = controlled<string>();
    await mount(c.load);
    let reloaded = false;
    await act(async () => void latest!.reload().then(() => (reloaded = true)));
    expect(c.calls).toHaveLength(2);
    await act(async () => c.calls[1]!.resolve('newer'));
    expect(reloaded).toBe(true);
    await act(async () => c.calls[0]!.resolve('older'));
    expect(latest!.data).toBe('newer');
    // nor does a stale failure show
    await act(async () => void latest!.reload());
    await act(async () => void latest!.reload());
    await act(async () => c.calls[3]!.resolve('newest'));
    await act(async () => c.calls[2]!.reject(new Error('late')));
    expect(latest).toMatchObject({ data: 'newest', failure: null });
  });

  it('a new load (another user) drops the old one’s answer', async () => {
    const c = controlled<string>();
    await mount(c.load, 'alice');
    await mount(c.load, 'bob');
    expect(c.calls).toHaveLength(2);
    await act(async () => c.calls[1]!.resolve('bob’s devices'));
    await act(async () => c.calls[0]!.resolve('alice’s devices'));
    expect(latest!.data).toBe('bob’s devices');
  });

  it('a reload() waiting when the screen goes away still resolves', async () => {
    const c = controlled<string>();
    await mount(c.load);
    await act(async () => c.calls[0]!.resolve('first'));
    let reloaded = false;
    await act(async () => void latest!.reload().then(() => (reloaded = true)));
    await act(async () => root!.unmount());
    root = null;
    await act(async () => c.calls[1]!.resolve('after'));
    expect(reloaded).toBe(true);
  });
});
