import { API_PREFIX } from '../../shared/sync/constants';
import { failureOf, offlineFailure, type ApiFailure } from './failure';

/**
 * The client's one small door to the server's JSON API (besides the sync transport, which has its
 * own in src/shared). Screens never call fetch: they call feature api modules built on this, or
 * the logged-in calls (loggedIn.ts). A failure comes back as an `ApiFailure` (failure.ts).
 */

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  /** a file sent as itself (an XLSX plan), with its content type, instead of a JSON body */
  file?: { bytes: Blob; type: string };
  token?: string | null;
  timeoutMs?: number;
}

async function send(path: string, options: RequestOptions): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
  try {
    return await fetch(`${API_PREFIX}${path}`, {
      method: options.method ?? 'GET',
      signal: controller.signal,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.file ? { 'content-type': options.file.type } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.file ? { body: options.file.bytes } : {}),
    });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const response = await send(path, options);
  if (!response) return { ok: false, failure: offlineFailure() };
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
  if (!response) return { ok: false, failure: offlineFailure() };
  if (!response.ok) return { ok: false, failure: await failureOf(response) };
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return { ok: true, value: { blob: await response.blob(), name: name ? decodeURIComponent(name) : null } };
}
