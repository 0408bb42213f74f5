import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import { publishSnapshot } from './snapshots';

export interface ScheduleLog {
  info: (message: string) => void;
  error: (message: string) => void;
}

/**
 * Publishing on a schedule (PUBLIC_SNAPSHOT_EVERY_HOURS): every year of any plan with a locked month
 * gets a new snapshot when its locked figures changed; nothing otherwise. Several instances may
 * run it: a version number is taken once (a second publication of the same figures stores nothing).
 */
export async function publishDueSnapshots(ctx: ServerContext, log: ScheduleLog): Promise<number> {
  let published = 0;
  const years = [...new Set((await ctx.plans.list()).flatMap((p) => p.years))].sort((a, b) => a - b);
  for (const year of years) {
    try {
      const result = await publishSnapshot(ctx, { year, actorId: null });
      if (result.created) {
        published++;
        log.info(`public snapshot ${year} v${result.snapshot.version} published`);
      }
    } catch (error) {
      if (error instanceof HttpError && error.code === 'nothing_locked') continue;
      log.error(`public snapshot ${year}: ${(error as Error).message}`);
    }
  }
  return published;
}

/** Starts the schedule; returns how to stop it. `hours` 0: no schedule. */
export function startPublishSchedule(ctx: ServerContext, hours: number, log: ScheduleLog): () => void {
  if (hours <= 0) return () => undefined;
  const timer = setInterval(() => void publishDueSnapshots(ctx, log), hours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
