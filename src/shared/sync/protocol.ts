import { z } from 'zod';
import type { LocalizedText } from '../plan/catalogue-schema';
import type { FieldIssue } from '../records/validate';
import type { FieldRecord } from '../records/schemas';
import { idRef, uuidV7 } from '../records/fields';
import { plainText } from '../records/text';
import { MAX_BATCH_RECORDS } from './constants';

/** The sync protocol between a device and the server: request and answer shapes (constants in constants.ts). */

export { API_PREFIX, MAX_BATCH_BYTES, MAX_BATCH_RECORDS, MAX_PULL_RECORDS, SYNC_PROTOCOL_VERSION } from './constants';

/**
 * Records travel as unknown values: each one is validated on its own, so a bad record is
 * rejected with its reason while the rest of the batch lands.
 */
export const pushRequest = z.strictObject({
  protocolVersion: z.number().int(),
  batchId: uuidV7,
  deviceId: idRef,
  records: z.array(z.unknown()).min(1).max(MAX_BATCH_RECORDS),
});
export type PushRequest = Omit<z.infer<typeof pushRequest>, 'records'> & { records: FieldRecord[] };

export type PushResult =
  /** stored now */
  | { status: 'accepted'; id: string; revision: number }
  /** this id and revision with this content were already stored: nothing written */
  | { status: 'duplicate'; id: string; revision: number }
  /** same id and revision with other content, or a revision older than the stored one */
  | {
      status: 'conflict';
      id: string;
      revision: number;
      reason: 'different_content' | 'stale_revision' | 'locked_period';
      serverRevision: number;
    }
  /** failed validation or the user's rights; `id` is null when the record had no usable id */
  | { status: 'rejected'; id: string | null; revision: number | null; index: number; issues: FieldIssue[] };

export interface PushResponse {
  protocolVersion: number;
  batchId: string;
  results: PushResult[];
}

export type ReviewStatus = 'pending' | 'approved' | 'returned' | 'rejected';

/** A supervisor's word on one revision of a record. */
export interface ReviewVerdict {
  recordId: string;
  revision: number;
  status: Exclude<ReviewStatus, 'pending'>;
  comment: string | null;
  reviewerId: string;
  reviewedAt: string;
}

export interface PullResponse {
  protocolVersion: number;
  catalogueVersion: string;
  /** opaque; pass it back as `since` to get what changed after this answer */
  cursor: string;
  hasMore: boolean;
  /** for supervisors, their teams' records; for others, their own (e.g. made on another device) */
  records: FieldRecord[];
  verdicts: ReviewVerdict[];
}

export const roles = ['field_worker', 'trainer', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const loginRequest = z.strictObject({
  email: plainText('one').trim().toLowerCase().email({ error: 'invalid_value' }).max(200, { error: 'too_long' }),
  password: plainText('one').min(1, { error: 'required' }).max(500, { error: 'too_long' }),
  deviceId: idRef,
  deviceName: plainText('one').trim().max(200, { error: 'too_long' }).optional(),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  teams: { id: string; name: string }[];
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/** Why a request was refused without a valid session, so a device knows to log in or to wipe. */
export type AuthFailureReason = 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked' | 'device_revoked';

/** Every error the API returns has this body. */
export interface ApiError {
  error: {
    code: string;
    message: LocalizedText;
    reason?: AuthFailureReason | string;
    issues?: FieldIssue[];
  };
}
