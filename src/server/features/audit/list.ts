import type { z } from 'zod';
import type { AuditEntryDto, AuditEventType, AuditPage, auditQuery } from '../../../shared/accounts/audit';
import type { ServerContext } from '../../context';
import type { AuditLogTable } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { serverMessages } from '../../../shared/messages/server';

type Query = z.output<typeof auditQuery>;

const encodeCursor = (id: string) => Buffer.from(`v1:${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const match = /^v1:([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || encodeCursor(match[1]!) !== cursor)
    throw new HttpError(400, 'validation_failed', {
      issues: [{ field: 'cursor', code: 'invalid_value', message: serverMessages.cursor_invalid }],
    });
  return match[1]!;
}

/** A day means its midnight, UTC; an instant with an offset is turned into UTC, as `at` is stored. */
const asInstant = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value).toISOString();

function entryDto(r: AuditLogTable): AuditEntryDto {
  return {
    id: r.id,
    at: r.at,
    type: r.type as AuditEventType,
    actorId: r.actor_id,
    deviceId: r.device_id,
    subjectId: r.subject_id,
    teamId: r.team_id,
    email: r.email,
    ip: r.ip,
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}

/** Newest first, a page at a time; `user` matches who acted and who was acted upon. */
export async function listAudit(ctx: Pick<ServerContext, 'db'>, q: Query): Promise<AuditPage> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .$if(q.type !== undefined, (b) => b.where('type', '=', q.type!))
    .$if(q.user !== undefined, (b) => b.where((eb) => eb.or([eb('actor_id', '=', q.user!), eb('subject_id', '=', q.user!)])))
    .$if(q.from !== undefined, (b) => b.where('at', '>=', asInstant(q.from!)))
    .$if(q.to !== undefined, (b) => b.where('at', '<', asInstant(q.to!)))
    .$if(q.cursor !== undefined, (b) => b.where('id', '<', decodeCursor(q.cursor!)))
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  return { entries: page.map(entryDto), nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!.id) : null };
}
