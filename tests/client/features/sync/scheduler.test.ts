import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RETRY_AFTER_JITTER_MS, SyncScheduler, type SyncTrigger } from '../../../../src/client/features/sync/scheduler';
import type { RunResult } from '../../../../src/client/features/sync/controller';
import { retryDelay } from '../../../../src/shared/sync/backoff';

/** A scheduler on fake timers whose runs answer from a script. */
function setup(results: RunResult[], options: { online?: () => boolean; random?: () => number } = {}) {
  const runs: SyncTrigger[] = [];
  const failures: number[] = [];
  const next: ({ at: number; retry: boolean } | null)[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const scheduler = new SyncScheduler({
    run: async (trigger) => {
      runs.push(trigger);
      if (hold) await new Promise<void>((r) => (release = r));
      return results.shift() ?? 'ok';
    },
    random: options.random ?? (() => 1),
    isOnline: options.online ?? (() => true),
    idleMs: 300_000,
    focusGapMs: 15_000,
    onFailure: (n) => failures.push(n),
    onNext: (n) => next.push(n),
  });
  return {
    scheduler,
    runs,
    failures,
    next,
    holdNextRun: () => (hold = true),
    releaseRun: () => {
      hold = false;
      release?.();
    },
  };
}

describe('when the device syncs', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('on start, then again after a calm interval', async () => {
    const { scheduler, runs } = setup(['ok', 'ok']);
    await scheduler.request('start');
    expect(runs).toEqual(['start']);
    expect(scheduler.nextDelay).toBe(300_000);
    await vi.advanceTimersByTimeAsync(299_999);
    expect(runs).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['start', 'timer']);
  });

  it('backs off exponentially with jitter after failures, and resets after a success', async () => {
    const random = vi.fn(() => 0.5);
    const { scheduler, runs, failures } = setup(['failed', 'failed', 'failed', 'ok'], { random });
    await scheduler.request('start');
    const delays = [scheduler.nextDelay];
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(scheduler.nextDelay!);
      delays.push(scheduler.nextDelay);
    }
    expect(runs).toEqual(['start', 'timer', 'timer', 'timer']);
    expect(failures).toEqual([1, 2, 3]);
    expect(delays).toEqual([retryDelay(1, () => 0.5), retryDelay(2, () => 0.5), retryDelay(3, () => 0.5), 300_000]);
    expect(delays[0]! < delays[1]! && delays[1]! < delays[2]!).toBe(true);
    expect(scheduler.failureCount).toBe(0);
  });

  it('tells when it tries again after a failure, for the status to show, and that the calm timer after a success is no retry', async () => {
    const { scheduler, next } = setup(['failed', 'ok']);
    const start = Date.now();
    await scheduler.request('start');
    expect(next.at(-1)).toEqual({ at: start + scheduler.nextDelay!, retry: true });
    await vi.advanceTimersByTimeAsync(scheduler.nextDelay!);
    expect(next.at(-1)).toEqual({ at: Date.now() + 300_000, retry: false });
    // a request before the timer drops it: no retry time is left standing
    await scheduler.request('button');
    expect(next).toContain(null);
  });

  it('tries nothing while offline, and syncs on the online event', async () => {
    let online = false;
    const { scheduler, runs } = setup(['ok'], { online: () => online });
    await scheduler.request('start');
    expect(runs).toEqual([]);
    expect(scheduler.nextDelay).toBeNull();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toEqual([]);
    online = true;
    await scheduler.request('online');
    expect(runs).toEqual(['online']);
  });

  it('runs one sync at a time: a request during a run makes exactly one more run after it', async () => {
    const t = setup(['ok', 'ok']);
    t.holdNextRun();
    const first = t.scheduler.request('start');
    await vi.advanceTimersByTimeAsync(0);
    await t.scheduler.request('change');
    await t.scheduler.request('button');
    expect(t.runs).toEqual(['start']);
    t.releaseRun();
    await first;
    expect(t.runs).toEqual(['start', 'change']);
  });

  it('ignores focus right after a sync, but not later', async () => {
    const { scheduler, runs } = setup(['ok', 'ok']);
    await scheduler.request('start');
    await vi.advanceTimersByTimeAsync(5_000);
    await scheduler.request('focus');
    expect(runs).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(20_000);
    await scheduler.request('focus');
    expect(runs).toEqual(['start', 'focus']);
  });

  it('waits at least the Retry-After a busy server asked for, whatever else asks to sync, then tries again', async () => {
    // random 0.5: half a second of the device's own jitter on top of the server's 3 s
    const { scheduler, runs, failures } = setup([{ failed: true, retryAfterMs: 3_000 }, 'ok'], { random: () => 0.5 });
    await scheduler.request('start');
    expect(failures).toEqual([1]);
    expect(scheduler.nextDelay).toBe(3_000 + 0.5 * RETRY_AFTER_JITTER_MS);
    // A saved record, focus, the online event, the button: none sends before the server's time.
    await vi.advanceTimersByTimeAsync(1_000);
    for (const trigger of ['change', 'focus', 'online', 'button', 'background'] as const) await scheduler.request(trigger);
    await vi.advanceTimersByTimeAsync(2_499);
    expect(runs).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['start', 'timer']);
    // Answered: the calm interval again, and nothing held back any more.
    expect(scheduler.failureCount).toBe(0);
    expect(scheduler.nextDelay).toBe(300_000);
    await scheduler.request('button');
    expect(runs).toEqual(['start', 'timer', 'button']);
  });

  it('takes the server\'s Retry-After even when it is shorter than its own backoff would be', async () => {
    const { scheduler } = setup(['failed', 'failed', 'failed', { failed: true, retryAfterMs: 1_000 }], { random: () => 0 });
    await scheduler.request('start');
    for (let i = 0; i < 3; i++) await vi.advanceTimersByTimeAsync(scheduler.nextDelay!);
    expect(scheduler.failureCount).toBe(4);
    expect(scheduler.nextDelay).toBe(1_000);
  });

  it('stops the timer when the server refused the login, until the user acts', async () => {
    const { scheduler, runs } = setup(['stopped', 'ok']);
    await scheduler.request('start');
    expect(scheduler.nextDelay).toBeNull();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toEqual(['start']);
    await scheduler.request('login');
    expect(runs).toEqual(['start', 'login']);
    expect(scheduler.nextDelay).toBe(300_000);
  });
});
