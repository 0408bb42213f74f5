import { z } from 'zod';
import { fieldIssue } from '../records/validate';
import { pulledPlan } from '../plan/plan-protocol';
import { fieldRecord, type FieldRecord } from '../records/schemas';
import { idRef, isoDateTime, uuidV7 } from '../records/fields';
import { plainText } from '../records/text';
import { MAX_BATCH_RECORDS, MAX_PULL_RECORDS, MIN_SYNC_PROTOCOL_VERSION, SYNC_PROTOCOL_VERSION } from './constants';

/**
 * The sync protocol between a device and the server, requests and answers, as zod schemas: the
 * server parses requests with them, the OpenAPI document is generated from them, and the device
 * checks every answer with them before it writes anything. Numbers are in constants.ts.
 */

export {
  API_PREFIX,
  MAX_BATCH_BYTES,
  MAX_BATCH_RECORDS,
  MAX_PULL_RECORDS,
  MIN_SYNC_PROTOCOL_VERSION,
  pullPath,
  SYNC_PROTOCOL_VERSION,
} from './constants';

/**
 * A protocol version the server serves. The server checks it before the rest of the request, so a
 * device outside the range learns that (426 client_too_old, 422 server_too_old), not "bad request".
 */
const protocolVersion = z.number().int().min(MIN_SYNC_PROTOCOL_VERSION).max(SYNC_PROTOCOL_VERSION);

/**
 * Records travel as unknown values: each one is validated on its own, so a bad record is
 * rejected with its reason while the rest of the batch lands.
 */
export const pushRequest = z.strictObject({
  protocolVersion,
  batchId: uuidV7,
  deviceId: idRef,
  records: z.array(z.unknown()).min(1).max(MAX_BATCH_RECORDS),
});
export type PushRequest = Omit<z.infer<typeof pushRequest>, 'records'> & { records: FieldRecord[] };

/** Query of GET /sync/pull (pullPath in constants.ts makes it). The version is checked first, as a push's. */
export const pullQuery = z.strictObject({
  protocolVersion: z.coerce.number().int().min(MIN_SYNC_PROTOCOL_VERSION).max(SYNC_PROTOCOL_VERSION),
  since: plainText('one').max(100, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_RECORDS).optional(),
});

/**
 * What a device says about itself after each sync (POST /sync/status): the app version it runs
 * and the records it still holds that the server does not have, with the oldest one's change
 * time. An admin's device list shows it; nothing else depends on it.
 */
export const deviceStatusReport = z.strictObject({
  appVersion: plainText('one').trim().min(1, { error: 'required' }).max(100, { error: 'too_long' }),
  unsyncedCount: z.number({ error: 'invalid_type' }).int({ error: 'count_integer' }).min(0, { error: 'count_non_negative' }).max(10_000_000, { error: 'count_too_large' }),
  oldestUnsyncedAt: isoDateTime.nullable(),
});
export type DeviceStatusReport = z.infer<typeof deviceStatusReport>;

const revision = z.number().int().min(1);

export const pushResult = z.discriminatedUnion('status', [
  /** stored now */
  z.object({ status: z.literal('accepted'), id: z.string(), revision }),
  /** this id and revision with this content were already stored: nothing written */
  z.object({ status: z.literal('duplicate'), id: z.string(), revision }),
  /** same id and revision with other content, a revision older than the stored one, or a locked month */
  z.object({
    status: z.literal('conflict'),
    id: z.string(),
    revision,
    reason: z.enum(['different_content', 'stale_revision', 'locked_period']),
    serverRevision: z.number().int().min(0),
  }),
  /** failed validation or the user's rights; `id` is null when the record had no usable id; `index` is its place in the batch */
  z.object({
    status: z.literal('rejected'),
    id: z.string().nullable(),
    revision: revision.nullable(),
    index: z.number().int().min(0),
    issues: z.array(fieldIssue),
  }),
]);
export type PushResult = z.infer<typeof pushResult>;

export const pushResponse = z.object({
  protocolVersion: z.number().int(),
  batchId: z.string(),
  results: z.array(pushResult),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const reviewStatus = z.enum(['pending', 'approved', 'returned', 'rejected']);
export type ReviewStatus = z.infer<typeof reviewStatus>;

/** A supervisor's word on one revision of a record. */
export const reviewVerdict = z.object({
  recordId: z.string(),
  revision,
  status: z.enum(['approved', 'returned', 'rejected']),
  comment: z.string().nullable(),
  reviewerId: z.string(),
  reviewedAt: isoDateTime,
});
export type ReviewVerdict = z.infer<typeof reviewVerdict>;

export const pullResponse = z.object({
  protocolVersion: z.number().int(),
  /** the active plan's current version */
  catalogueVersion: z.string(),
  /**
   * each plan's current revision and which is active (issue 13): a device fetches the ones it lacks
   * (GET /plans/:id) and makes new records under the active one. Absent from older servers.
   */
  plans: z.array(pulledPlan).optional(),
  /** opaque; pass it back as `since` to get what changed after this answer */
  cursor: z.string(),
  /**
   * true: the `since` cursor was made for another scope (the user's role or teams have changed
   * since) or in an older format, so this page starts from the beginning. The device drops the
   * records it pulled before (its own records stay) and keeps what this and the next pages bring.
   */
  reset: z.boolean(),
  hasMore: z.boolean(),
  /** for supervisors and admins, their teams' records; for others, their own (e.g. made on another device) */
  records: z.array(fieldRecord),
  verdicts: z.array(reviewVerdict),
});
export type PullResponse = z.infer<typeof pullResponse>;

export const roles = ['field_worker', 'trainer', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const loginRequest = z.strictObject({
  email: plainText('one').trim().toLowerCase().email({ error: 'invalid_value' }).max(200, { error: 'too_long' }),
  password: plainText('one').min(1, { error: 'required' }).max(500, { error: 'too_long' }),
  deviceId: idRef,
  deviceName: plainText('one').trim().max(200, { error: 'too_long' }).optional(),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const teamRef = z.object({ id: z.string(), name: z.string() });

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  teams: z.array(teamRef),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const loginResponse = z.object({
  token: z.string().min(1),
  expiresAt: isoDateTime,
  user: sessionUser,
});
export type LoginResponse = z.infer<typeof loginResponse>;

/** Why a request was refused without a valid session, so a device knows to log in or to wipe. */
export type AuthFailureReason = 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked' | 'device_revoked';

