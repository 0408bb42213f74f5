import { z } from 'zod';
import { fieldRecord, roles } from '../../../shared';
import { auditEventTypes } from '../../../shared/accounts/audit';
import { teamKinds } from '../../../shared/accounts/protocol';

/** JSON Schema of a zod schema, as OpenAPI 3.1 embeds it (no $schema key). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const localized = { type: 'object', properties: { uk: str, en: str }, required: ['uk', 'en'] };
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required });

const fieldIssue = obj({ field: str, code: str, message: localized });
const teamRef = obj({ id: str, name: str });

/**
 * Answer shapes. Requests are generated from the zod schemas the server parses with; answers
 * are TypeScript interfaces in src/shared, described here by hand.
 */
export function componentSchemas(): Record<string, unknown> {
  return {
    ApiError: obj({
      error: obj(
        { code: str, message: localized, reason: str, issues: { type: 'array', items: fieldIssue } },
        ['code', 'message'],
      ),
    }),
    FieldIssue: fieldIssue,
    Health: obj({ status: { enum: ['ok', 'unavailable'] }, database: { enum: ['sqlite', 'postgresql'] }, time: str }),
    SessionUser: obj({ id: str, email: str, displayName: str, role: { enum: [...roles] }, teams: { type: 'array', items: teamRef } }),
    LoginResponse: obj({ token: str, expiresAt: str, user: ref('SessionUser') }),
    FieldRecord: jsonSchema(fieldRecord, 'output'),
    PushResult: {
      type: 'object',
      properties: {
        status: { enum: ['accepted', 'duplicate', 'conflict', 'rejected'] },
        id: nullableStr,
        revision: { type: ['integer', 'null'] },
        reason: { enum: ['different_content', 'stale_revision', 'locked_period'] },
        serverRevision: { type: 'integer' },
        index: { type: 'integer' },
        issues: { type: 'array', items: fieldIssue },
      },
      required: ['status', 'id', 'revision'],
    },
    PushResponse: obj({ protocolVersion: { type: 'integer' }, batchId: str, results: { type: 'array', items: ref('PushResult') } }),
    ReviewVerdict: obj({
      recordId: str,
      revision: { type: 'integer' },
      status: { enum: ['approved', 'returned', 'rejected'] },
      comment: nullableStr,
      reviewerId: str,
      reviewedAt: str,
    }),
    PullResponse: obj({
      protocolVersion: { type: 'integer' },
      catalogueVersion: str,
      cursor: str,
      hasMore: { type: 'boolean' },
      records: { type: 'array', items: ref('FieldRecord') },
      verdicts: { type: 'array', items: ref('ReviewVerdict') },
    }),
    Team: obj({ id: str, name: str, kind: { enum: [...teamKinds] }, createdAt: str }),
    TeamList: obj({ teams: { type: 'array', items: ref('Team') } }),
    User: obj({
      id: str, email: str, displayName: str, role: { enum: [...roles] }, teams: { type: 'array', items: teamRef }, createdAt: str,
      deactivatedAt: nullableStr,
    }),
    UserChange: obj({ user: ref('User'), sessionsRevoked: { type: 'integer' } }),
    UserList: obj({ users: { type: 'array', items: ref('User') } }),
    UserWithPassword: obj({ user: ref('User'), generatedPassword: nullableStr }),
    PasswordReset: obj({ generatedPassword: nullableStr, sessionsRevoked: { type: 'integer' } }),
    Device: obj({ id: str, deviceKey: str, name: nullableStr, createdAt: str, lastSeenAt: str, revokedAt: nullableStr }),
    DeviceList: obj({ devices: { type: 'array', items: ref('Device') } }),
    RevokedCount: obj({ revoked: { type: 'integer' } }),
    AuditEntry: obj({
      id: str, at: str, type: { enum: [...auditEventTypes] }, actorId: nullableStr, deviceId: nullableStr, subjectId: nullableStr,
      teamId: nullableStr, email: nullableStr, ip: nullableStr, details: { type: 'object' },
    }),
    AuditPage: obj({ entries: { type: 'array', items: ref('AuditEntry') }, nextCursor: nullableStr }),
    OpenApiDocument: { type: 'object' },
    ...reviewAndReportSchemas(),
  };
}

const int = { type: 'integer' };
const num = { type: 'number' };
const nullableNum = { type: ['number', 'null'] };
const counts = { type: 'object', additionalProperties: num };
const arr = (items: unknown) => ({ type: 'array', items });
const reviewStatus = { enum: ['pending', 'approved', 'returned', 'rejected'] };
const progressStatus = { enum: ['met', 'on_track', 'behind', 'no_data', 'no_target', 'not_scheduled'] };
/** One mark for every hidden figure: nothing says why it is hidden. */
const published = {
  oneOf: [obj({ shown: { const: true }, value: num }), { ...obj({ shown: { const: false } }), additionalProperties: false }],
};

/** Issue 5: review, reports and the public page (types in src/shared/review and src/shared/reports). */
function reviewAndReportSchemas(): Record<string, unknown> {
  const monthLock = obj({
    id: str, teamId: str, month: str, lockedBy: str, lockedAt: str, unlockedBy: nullableStr, unlockedAt: nullableStr, unlockReason: nullableStr,
  });
  const indicator = obj({
    indicatorId: str, measureId: str, kind: { enum: ['count', 'deliverable'] }, value: num, target: nullableNum, status: progressStatus,
    documents: arr(str), bySex: counts,
    cells: arr(obj({ sex: str, ageBand: str, group: str, value: num })),
    byDistrict: counts, byTeam: counts, byMonth: counts, bySphere: counts,
  });
  const labelled = obj({ id: str, label: localized, value: published });
  const snapshot = obj({ year: int, version: int, publishedAt: str, publishedBy: nullableStr, lockedTeamMonths: int });
  return {
    SnapshotSummary: snapshot,
    SnapshotList: obj({ snapshots: arr(ref('SnapshotSummary')) }),
    PublishedSnapshot: obj({ created: { type: 'boolean' }, snapshot: ref('SnapshotSummary'), progress: ref('PublicProgress') }),
    ReviewItem: obj({ record: ref('FieldRecord'), status: reviewStatus, verdicts: arr(ref('ReviewVerdict')) }),
    ReviewList: obj({ items: arr(ref('ReviewItem')), total: int, offset: int, limit: int }),
    MonthLock: monthLock,
    MonthLockList: obj({ locks: arr(ref('MonthLock')) }),
    ProgressReport: obj({
      filter: { type: 'object' },
      from: str,
      to: str,
      asOf: str,
      measures: arr(
        obj({
          measureId: str, strategicGoal: str, operationalGoal: str, task: int,
          indicators: arr(indicator), eventsHeld: num, peopleReached: num,
        }),
      ),
    }),
    PublicProgress: obj({
      planTitle: localized,
      year: int,
      version: int,
      publishedAt: str,
      asOf: str,
      strategicGoals: arr(
        obj({
          number: str,
          title: localized,
          measures: arr(
            obj({
              id: str,
              text: localized,
              indicators: arr(
                obj({
                  id: str, text: localized, target: nullableNum, status: { oneOf: [progressStatus, { type: 'null' }] }, protected: { type: 'boolean' },
                  total: published, bySex: arr(labelled), byAgeBand: arr(labelled), byGroup: arr(labelled), byDistrict: arr(labelled),
                }),
              ),
            }),
          ),
        }),
      ),
    }),
  };
}
