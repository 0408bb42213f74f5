import { retryDelay } from '../../../shared/sync/backoff';
import type { RunResult } from './controller';

/** Up to this much is added to a server's Retry-After, which counts in whole seconds. */
export const RETRY_AFTER_JITTER_MS = 1000;

export type SyncTrigger = 'start' | 'online' | 'focus' | 'timer' | 'background' | 'button' | 'change' | 'login';

export interface SchedulerOptions {
  run: (trigger: SyncTrigger) => Promise<RunResult>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
  random?: () => number;
  isOnline?: () => boolean;
  /** after a good sync: the next one, to bring down verdicts and team records */
  idleMs?: number;
  /** focus and visibility fire often: ignore them this soon after a sync */
  focusGapMs?: number;
  /** told after each failed attempt (e.g. to ask for Background Sync) */
  onFailure?: (failures: number) => void;
  /** told when the next attempt is set (its time) or dropped (null); `retry`: after a failure */
  onNext?: (next: { at: number; retry: boolean } | null) => void;
}

/**
 * When to sync. Triggers (start, online, focus, a record saved, the button, Background Sync)
 * ask for a sync; one runs at a time and a request during a run makes one more run after it.
 * After a failure the next try waits longer each time, with jitter (retryDelay); after a
 * success, a calm interval. Offline, nothing is tried until the `online` event. A refused login
 * stops the timer until the user logs in again. When the server said how long to wait (503 busy
 * with Retry-After), nothing is sent before then, whatever asks (a save, focus, the button): the
 * next try waits that long plus up to a second of the device's own jitter, so devices refused
 * in the same second do not all come back in the same second.
 */
export class SyncScheduler {
  private running = false;
  private again = false;
  private failures = 0;
  private timer: unknown = null;
  private lastRunEnd = -Infinity;
  private stopped = false;
  /** no attempt before this time (the server's Retry-After); -Infinity: none asked */
  private notBefore = -Infinity;
  private readonly o: Required<SchedulerOptions>;

  constructor(options: SchedulerOptions) {
    this.o = {
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
      random: Math.random,
      isOnline: () => globalThis.navigator?.onLine ?? true,
      idleMs: 5 * 60_000,
      focusGapMs: 15_000,
      onFailure: () => undefined,
      onNext: () => undefined,
      ...options,
    };
  }

  /** How many attempts in a row have failed (0 after a success). */
  get failureCount(): number {
    return this.failures;
  }

  /** Milliseconds until the timer fires, for tests; null when no timer is set. */
  nextDelay: number | null = null;

  async request(trigger: SyncTrigger): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (trigger === 'focus' && this.o.now() - this.lastRunEnd < this.o.focusGapMs) return;
    const wait = this.notBefore - this.o.now();
    if (wait > 0) {
      // The server asked for quiet: the timer set for the end of it makes the attempt then.
      if (this.timer === null) this.schedule(wait);
      return;
    }
    if (!this.o.isOnline() && trigger !== 'button') {
      // Offline for sure: no attempt and no timer; the `online` event will ask again.
      this.clear();
      return;
    }
    this.clear();
    this.running = true;
    let result: RunResult;
    try {
      result = await this.o.run(trigger);
    } catch {
      result = 'failed';
    } finally {
      this.running = false;
      this.lastRunEnd = this.o.now();
    }
    const told = typeof result === 'object' ? result.retryAfterMs : null;
    if (result === 'failed' || told !== null) {
      this.failures++;
      this.o.onFailure(this.failures);
    } else if (result === 'ok') this.failures = 0;
    if (told !== null) this.notBefore = this.lastRunEnd + told + this.o.random() * RETRY_AFTER_JITTER_MS;
    const again = this.again;
    this.again = false;
    if (this.stopped) return;
    if (again && (result === 'ok' || result === 'skipped')) return this.request('change');
    if (result === 'stopped') return;
    // Told to wait: exactly that (the server spreads devices with its own jitter), not the growing backoff.
    if (told !== null) return this.schedule(Math.max(0, this.notBefore - this.o.now()));
    this.schedule(result === 'failed' ? retryDelay(this.failures, this.o.random) : this.o.idleMs);
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private schedule(ms: number): void {
    this.clear();
    this.nextDelay = ms;
    this.o.onNext({ at: this.o.now() + ms, retry: this.failures > 0 });
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      this.nextDelay = null;
      this.o.onNext(null);
      void this.request('timer');
    }, ms);
  }

  private clear(): void {
    if (this.timer !== null) {
      this.o.clearTimer(this.timer);
      this.o.onNext(null);
    }
    this.timer = null;
    this.nextDelay = null;
  }
}
