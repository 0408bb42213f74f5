import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import type { FieldIssue } from '../../shared/records/validate';
import { API_PREFIX } from '../../shared/sync/constants';
import type { ApiError } from '../../shared/sync/protocol';

/**
 * The client's one small door to the server's JSON API (besides the sync transport, which has its
 * own in src/shared). Screens never call fetch: they call feature api modules built on this.
 */

export type ApiFailureKind = 'offline' | 'unauthorized' | 'forbidden' | 'rate_limited' | 'invalid' | 'conflict' | 'server';

export interface ApiFailure {
  kind: ApiFailureKind;
  status: number;
  /** the server's machine-readable reason (e.g. bad_credentials, device_revoked) */
  reason: string | null;
  text: LocalizedText | null;
  issues: FieldIssue[];
  /** seconds, from Retry-After (rate limits) */
  retryAfter: number | null;
  /** the error body's other fields (e.g. the open records of a refused month lock) */
  details: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

function kindOf(status: number): ApiFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate_limited';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  return 'server';
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string | null;
  timeoutMs?: number;
}

const OFFLINE: ApiFailure = { kind: 'offline', status: 0, reason: null, text: null, issues: [], retryAfter: null, details: {} };

async function send(path: string, options: RequestOptions): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
  try {
    return await fetch(`${API_PREFIX}${path}`, {
      method: options.method ?? 'GET',
      signal: controller.signal,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function failureOf(response: Response): Promise<ApiFailure> {
  let body: Partial<ApiError> = {};
  try {
    body = (await response.json()) as ApiError;
  } catch {
    // not JSON: a proxy's error page, say
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    kind: kindOf(response.status),
    status: response.status,
    reason: body.error?.reason ?? body.error?.code ?? null,
    text: body.error?.message ?? null,
    issues: body.error?.issues ?? [],
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    details: (body.error as Record<string, unknown> | undefined) ?? {},
  };
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const response = await send(path, options);
  if (!response) return { ok: false, failure: OFFLINE };
  if (!response.ok) return { ok: false, failure: await failureOf(response) };
  const value = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { ok: true, value };
}

/**
 * A file the server makes (XLSX, CSV), with the name it suggests. Fetched rather than linked:
 * the token travels in a header, never in a URL.
 */
export async function apiFile(path: string, options: RequestOptions = {}): Promise<ApiResult<{ blob: Blob; name: string | null }>> {
  const response = await send(path, options);
  if (!response) return { ok: false, failure: OFFLINE };
  if (!response.ok) return { ok: false, failure: await failureOf(response) };
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return { ok: true, value: { blob: await response.blob(), name: name ? decodeURIComponent(name) : null } };
}
