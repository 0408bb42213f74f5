import { retryDelay } from '../../../shared/sync/backoff';
import type { RunResult } from './controller';

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
}

/**
 * When to sync. Triggers (start, online, focus, a record saved, the button, Background Sync)
 * ask for a sync; one runs at a time and a request during a run makes one more run after it.
 * After a failure the next try waits longer each time, with jitter (retryDelay); after a
 * success, a calm interval. Offline, nothing is tried until the `online` event. A refused login
 * stops the timer until the user logs in again.
 */
export class SyncScheduler {
  private running = false;
  private again = false;
  private failures = 0;
  private timer: unknown = null;
  private lastRunEnd = -Infinity;
  private stopped = false;
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
    if (result === 'failed') {
      this.failures++;
      this.o.onFailure(this.failures);
    } else if (result === 'ok') this.failures = 0;
    const again = this.again;
    this.again = false;
    if (this.stopped) return;
    if (again && (result === 'ok' || result === 'skipped')) return this.request('change');
    if (result === 'stopped') return;
    this.schedule(result === 'failed' ? retryDelay(this.failures, this.o.random) : this.o.idleMs);
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private schedule(ms: number): void {
    this.clear();
    this.nextDelay = ms;
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      this.nextDelay = null;
      void this.request('timer');
    }, ms);
  }

  private clear(): void {
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
    this.nextDelay = null;
  }
}
