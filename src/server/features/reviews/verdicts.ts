import type { Transaction } from 'kysely';
import type { VerdictRequest } from '../../../shared/review/protocol';
import type { ServerContext } from '../../context';
import { withRetry } from '../../db/retry';
import type { ReviewVerdict } from '../../../shared';
import type { Database } from '../../db/schema';
import { takeSequence } from '../../db/sequence';
import { shareTeams } from '../../db/team-locks';
import { HttpError } from '../../http/errors';
import { newId } from '../../ids';
import { audit } from '../audit';
import type { AuthContext } from '../auth';
import { reviewStatusChanged } from '../reports';
import { monthsBetween, verdictDto } from '../sync';
import { assertMayReview } from './rights';

type Verdict = Required<Pick<VerdictRequest, 'recordId' | 'revision' | 'status'>> & { comment?: string | null | undefined };

async function assertNotLocked(trx: Transaction<Database>, teamId: string, start: string, end: string): Promise<void> {
  // Ordered against a month being locked right now (db/team-locks.ts).
  await shareTeams(trx, [teamId]);
  const locked = await trx
    .selectFrom('month_locks')
    .select('month')
    .where('team_id', '=', teamId)
    .where('unlocked_at', 'is', null)
    .where('month', 'in', monthsBetween(start, end))
    .executeTakeFirst();
  if (locked) throw new HttpError(409, 'month_locked', { reason: 'locked_period' });
}

/** The verdict already given on this revision, when it says the same: a retried request changes nothing. */
async function sameAsLast(trx: Transaction<Database>, v: Verdict): Promise<ReviewVerdict | null> {
  const last = await trx
    .selectFrom('reviews')
    .selectAll()
    .where('record_id', '=', v.recordId)
    .where('revision', '=', v.revision)
    .orderBy('server_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last && last.status === v.status && (last.comment ?? null) === (v.comment || null) ? verdictDto(last) : null;
}

async function giveVerdict(trx: Transaction<Database>, ctx: ServerContext, auth: AuthContext, v: Verdict): Promise<ReviewVerdict> {
  const record = await trx
    .selectFrom('records')
    .select(['id', 'revision', 'team_id', 'period_start', 'period_end'])
    .where('id', '=', v.recordId)
    .executeTakeFirst();
  if (!record) throw new HttpError(404, 'record_unknown');
  assertMayReview(auth, record.team_id);
  const stale = () => new HttpError(409, 'not_latest_revision', { reason: 'not_latest_revision' });
  if (record.revision !== v.revision) throw stale();
  // A locked month's figures are settled: no verdict may change what counts in it.
  await assertNotLocked(trx, record.team_id, record.period_start, record.period_end);
  const repeat = await sameAsLast(trx, v);
  if (repeat) return repeat;

  // The change number first, as a push takes it before it writes records and facts: the two
  // then wait for each other in one order and cannot deadlock (db/sequence.ts).
  const seq = await takeSequence(trx, 1);
  // Conditional on the revision: a push that stored a newer one since the read above wins.
  const updated = await trx
    .updateTable('records')
    .set({ review_status: v.status })
    .where('id', '=', v.recordId)
    .where('revision', '=', v.revision)
    .returning('id')
    .execute();
  if (updated.length === 0) throw stale();
  await reviewStatusChanged(trx, v.recordId, v.status);

  const row = {
    id: newId(ctx.clock()),
    record_id: v.recordId,
    revision: v.revision,
    status: v.status,
    comment: v.comment || null,
    reviewer_id: auth.userId,
    reviewed_at: ctx.clock().toISOString(),
    server_seq: seq,
  };
  await trx.insertInto('reviews').values(row).execute();
  // The comment stays out of the log: free text, and the reviews table keeps it.
  await audit(ctx, {
    type: 'verdict_given', actorId: auth.userId, deviceId: auth.deviceId, teamId: record.team_id,
    recordId: v.recordId, revision: v.revision, status: v.status, withComment: row.comment !== null,
  }, trx);
  return verdictDto(row);
}

/**
 * A supervisor's verdict on the latest revision of a record. It takes a number from the change
 * sequence, so the author's device receives it on its next pull; the record's facts count (or
 * stop counting) under the new status in the same transaction.
 */
export function recordVerdict(ctx: ServerContext, auth: AuthContext, v: Verdict): Promise<ReviewVerdict> {
  return withRetry(() => ctx.db.transaction().execute((trx) => giveVerdict(trx, ctx, auth, v)));
}
