import { describe, expect, it, vi } from 'vitest';
import { freshDb, serviceLog, author } from '../support';
import { saveRecord } from '../../../src/client/data/recordStore';
import { throttledLiveQuery } from '../../../src/client/data/throttledQuery';

const until = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a throttled live query', () => {
  it('reads a change after a quiet spell at once, a burst of changes together, and the last change always', async () => {
    const db = freshDb();
    const read = vi.fn(() => db.records.count());
    const seen: number[] = [];
    const sub = throttledLiveQuery(read, ['records'], 150).subscribe({ next: (n) => seen.push(n), error: (e: unknown) => seen.push(Number.NaN) && console.error(e) });
    await until(() => expect(seen).toEqual([0]));
    await pause(200);

    // after the quiet spell: one save, one read
    const quiet = read.mock.calls.length;
    await saveRecord('r0', serviceLog(1), 'ready', author);
    await until(() => expect(seen.at(-1)).toBe(1));
    await pause(200);
    expect(read).toHaveBeenCalledTimes(quiet + 1);

    // 30 saves in a row: far fewer reads than saves, and the last read sees all of them
    const before = read.mock.calls.length;
    for (let i = 1; i <= 30; i++) await saveRecord(`r${i}`, serviceLog(1), 'ready', author);
    await until(() => expect(seen.at(-1)).toBe(31));
    await pause(200);
    expect(seen.at(-1)).toBe(31);
    expect(read.mock.calls.length - before).toBeLessThan(15);

    // writes elsewhere do not read it again; after unsubscribing nothing does
    const reads = read.mock.calls.length;
    await db.meta.put({ key: 'x', value: 1 });
    await pause(200);
    expect(read).toHaveBeenCalledTimes(reads);
    sub.unsubscribe();
    await saveRecord('r-late', serviceLog(1), 'ready', author);
    await pause(200);
    expect(read).toHaveBeenCalledTimes(reads);
  });

  it('passes a failed read on as an error', async () => {
    freshDb();
    const failure = new Error('locked');
    const errors: unknown[] = [];
    const sub = throttledLiveQuery(() => Promise.reject(failure), ['records'], 50).subscribe({ next: () => undefined, error: (e) => errors.push(e) });
    await until(() => expect(errors).toEqual([failure]));
    sub.unsubscribe();
  });
});
