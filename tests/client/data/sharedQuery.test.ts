import { describe, expect, it, vi } from 'vitest';
import { freshDb } from '../support';
import { sharedLiveQuery } from '../../../src/client/data/sharedQuery';

// Live queries answer asynchronously: wait for the state, never for a fixed time (a loaded machine
// made a 30 ms wait flake).
const until = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('a shared live query', () => {
  it('reads once for every watcher, follows writes, and drops its value when the last one goes', async () => {
    const db = freshDb();
    const read = vi.fn(() => db.meta.count());
    const shared = sharedLiveQuery(read);
    const seen: (number | undefined)[] = [];
    const stopHeader = shared.subscribe(() => seen.push(shared.getSnapshot().value));
    await until(() => expect(shared.getSnapshot().value).toBe(0));
    const reads = read.mock.calls.length;
    // A screen that mounts later has the value at once and adds no read of its own.
    const stopToday = shared.subscribe(() => undefined);
    expect(shared.getSnapshot().value).toBe(0);
    // nothing to wait for: a read it started would show within this pause
    await settle();
    expect(read).toHaveBeenCalledTimes(reads);

    await db.meta.put({ key: 'x', value: 1 });
    await until(() => expect(shared.getSnapshot().value).toBe(1));
    expect(read).toHaveBeenCalledTimes(reads + 1);
    expect(seen.at(-1)).toBe(1);

    stopHeader();
    stopToday();
    expect(shared.getSnapshot().value).toBeUndefined();
  });

  it('keeps the previous opened value while a newer read opens, and ignores opens that arrive late', async () => {
    const db = freshDb();
    let release: (() => void) | null = null;
    const open = vi.fn(async (n: number) => {
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      return `opened ${n}`;
    });
    const shared = sharedLiveQuery(() => db.meta.count(), open);
    const stop = shared.subscribe(() => undefined);
    await until(() => expect(shared.getSnapshot()).toEqual({ raw: 0, value: 'opened 0' }));

    await db.meta.put({ key: 'x', value: 1 });
    // read 1 is still opening: its raw shows, the opened value is still the last one
    await until(() => expect(shared.getSnapshot()).toEqual({ raw: 1, value: 'opened 0' }));
    await db.meta.put({ key: 'y', value: 2 });
    await until(() => expect(shared.getSnapshot()).toEqual({ raw: 2, value: 'opened 2' }));
    release!();
    await until(() => expect(open).toHaveBeenCalledTimes(3));
    await settle();
    expect(shared.getSnapshot()).toEqual({ raw: 2, value: 'opened 2' });
    stop();
  });
});
