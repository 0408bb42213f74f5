import { z } from 'zod';
import { fieldRecord, roles } from '../../../shared';
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
    User: obj({ id: str, email: str, displayName: str, role: { enum: [...roles] }, teams: { type: 'array', items: teamRef }, createdAt: str }),
    UserList: obj({ users: { type: 'array', items: ref('User') } }),
    UserWithPassword: obj({ user: ref('User'), generatedPassword: nullableStr }),
    GeneratedPassword: obj({ generatedPassword: nullableStr }),
    Device: obj({ id: str, deviceKey: str, name: nullableStr, createdAt: str, lastSeenAt: str, revokedAt: nullableStr }),
    DeviceList: obj({ devices: { type: 'array', items: ref('Device') } }),
    RevokedCount: obj({ revoked: { type: 'integer' } }),
    OpenApiDocument: { type: 'object' },
  };
}
