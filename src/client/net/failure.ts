import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import type { FieldIssue } from '../../shared/records/validate';
import type { ApiError } from '../../shared/api/protocol';
import { retryAfterMs } from '../../shared/sync/http-transport';
import { bilingual } from '../locales/bilingual';

/**
 * Why a call to the server's JSON API failed: the one failure type of the client, parsed from an
 * HTTP answer in one place (`failureOf`). Calls without a login return it (`apiRequest`); calls
 * under the login throw it (loggedIn.ts). The sync transport has its own, in src/shared/sync.
 */

export type ApiFailureKind = 'offline' | 'unauthorized' | 'forbidden' | 'rate_limited' | 'invalid' | 'conflict' | 'server';

export interface ApiFailureFields {
  kind: ApiFailureKind;
  /** the HTTP status; 0 when no answer came */
  status: number;
  /** the server's machine-readable reason (e.g. bad_credentials, device_revoked) */
  reason?: string | null;
  /** the server's own words, in both languages */
  text?: LocalizedText | null;
  issues?: FieldIssue[];
  /** seconds, from Retry-After (rate limits, a push refused 503 while the server is busy) */
  retryAfter?: number | null;
  /** the error body's other fields (e.g. the open records of a refused month lock) */
  details?: Record<string, unknown>;
}

export class ApiFailure extends Error {
  readonly kind: ApiFailureKind;
  readonly status: number;
  readonly reason: string | null;
  readonly text: LocalizedText | null;
  readonly issues: FieldIssue[];
  readonly retryAfter: number | null;
  readonly details: Record<string, unknown>;

  constructor(fields: ApiFailureFields) {
    super(fields.text?.en ?? `${fields.kind} (${fields.status})`);
    this.name = 'ApiFailure';
    this.kind = fields.kind;
    this.status = fields.status;
    this.reason = fields.reason ?? null;
    this.text = fields.text ?? null;
    this.issues = fields.issues ?? [];
    this.retryAfter = fields.retryAfter ?? null;
    this.details = fields.details ?? {};
  }
}

/** No answer at all: the network is down, or the request timed out. */
export function offlineFailure(): ApiFailure {
  return new ApiFailure({ kind: 'offline', status: 0 });
}

function kindOf(status: number): ApiFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate_limited';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  return 'server';
}

/** The server's answer that was not a success, as a failure (a body that is not JSON still gives the status). */
export async function failureOf(response: Response): Promise<ApiFailure> {
  let body: Partial<ApiError> = {};
  try {
    body = (await response.json()) as ApiError;
  } catch {
    // not JSON: a proxy's error page, say
  }
  // delay-seconds or an HTTP date, read as the sync transport reads it
  const waitMs = retryAfterMs(response.headers.get('retry-after'), Date.now());
  return new ApiFailure({
    kind: kindOf(response.status),
    status: response.status,
    reason: body.error?.reason ?? body.error?.code ?? null,
    text: body.error?.message ?? null,
    issues: body.error?.issues ?? [],
    retryAfter: waitMs !== null && waitMs > 0 ? Math.ceil(waitMs / 1000) : null,
    details: (body.error as Record<string, unknown> | undefined) ?? {},
  });
}

/** True when the server did not answer (a screen may then fall back to the device's records). */
export function isOffline(error: unknown): boolean {
  return error instanceof ApiFailure && error.kind === 'offline';
}

/** What to tell the user about a failed call, in both languages: the server's words when it gave some. */
export function failureText(error: unknown): LocalizedText {
  if (!(error instanceof ApiFailure)) return bilingual('failure.unknown');
  if (error.kind === 'offline') return bilingual('failure.offline');
  return error.text ?? bilingual('failure.server', { status: error.status });
}
