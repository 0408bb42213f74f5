import { describe, expect, it, vi } from 'vitest';
import { freshDb } from '../support';
import { sharedLiveQuery } from '../../../src/client/data/sharedQuery';

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('a shared live query', () => {
  it('reads once for every watcher, follows writes, and drops its value when the last one goes', async () => {
    const db = freshDb();
    const read = vi.fn(() => db.meta.count());
    const shared = sharedLiveQuery(read);
    const seen: (number | undefined)[] = [];
    const stopHeader = shared.subscribe(() => seen.push(shared.getSnapshot().value));
    await tick();
    expect(shared.getSnapshot().value).toBe(0);
    const reads = read.mock.calls.length;
    // A screen that mounts later has the value at once and adds no read of its own.
    const stopToday = shared.subscribe(() => undefined);
    expect(shared.getSnapshot().value).toBe(0);
    await tick();
    expect(read).toHaveBeenCalledTimes(reads);

    await db.meta.put({ key: 'x', value: 1 });
    await tick();
    expect(shared.getSnapshot().value).toBe(1);
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
    await tick();
    expect(shared.getSnapshot()).toEqual({ raw: 0, value: 'opened 0' });

    await db.meta.put({ key: 'x', value: 1 });
    await tick();
    // read 1 is still opening: its raw shows, the opened value is still the last one
    expect(shared.getSnapshot()).toEqual({ raw: 1, value: 'opened 0' });
    await db.meta.put({ key: 'y', value: 2 });
    await tick();
    expect(shared.getSnapshot()).toEqual({ raw: 2, value: 'opened 2' });
    release!();
    await tick();
    expect(shared.getSnapshot()).toEqual({ raw: 2, value: 'opened 2' });
    stop();
  });
});
