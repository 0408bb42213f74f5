import type { ApiError } from '../api/protocol';
import type { AuthFailureReason, DeviceStatusReport, PullResponse, PushRequest, PushResponse } from './protocol';
import { API_PREFIX, pullPath } from './constants';
import type { SyncTransport, TransportFailure, TransportResult } from './engine';

/** The sync transport over HTTP, with whatever `fetch` the platform has (browser or Node). */
export function httpTransport(options: {
  baseUrl: string;
  token: () => string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): SyncTransport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function call<T>(path: string, init: RequestInit): Promise<TransportResult<T>> {
    const token = options.token();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${API_PREFIX}${path}`, {
        ...init,
        signal: controller.signal,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    } catch {
      // No answer (network down, timeout, response lost): the batch may or may not have landed.
      // Retrying is safe because the server applies each revision exactly once.
      return { ok: false, failure: { kind: 'offline' } };
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 204) return { ok: true, value: undefined as T };
    if (response.ok) return { ok: true, value: (await response.json()) as T };
    return { ok: false, failure: await failureOf(response) };
  }

  return {
    push: (request: PushRequest) => call<PushResponse>('/sync/push', { method: 'POST', body: JSON.stringify(request) }),
    pull: (since: string | null) => call<PullResponse>(pullPath(since), { method: 'GET' }),
    reportStatus: (report: DeviceStatusReport) => call<void>('/sync/status', { method: 'POST', body: JSON.stringify(report) }),
    plan: (id: string, version?: string) =>
      call<unknown>(`/plans/${encodeURIComponent(id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`, { method: 'GET' }),
  };
}

async function failureOf(response: Response): Promise<TransportFailure> {
  let body: Partial<ApiError> = {};
  try {
    body = (await response.json()) as ApiError;
  } catch {
    // not JSON: a proxy's error page, say
  }
  const message = body.error?.message?.en ?? response.statusText;
  if (response.status === 401) return { kind: 'unauthorized', reason: (body.error?.reason as AuthFailureReason) ?? 'token_invalid' };
  // The server's reason and bilingual text travel along, so a device can say why in words.
  const detail = {
    ...(body.error?.reason ? { reason: body.error.reason } : {}),
    ...(body.error?.message ? { text: body.error.message } : {}),
  };
  if (response.status === 403) return { kind: 'forbidden', message, ...detail };
  const wait = response.status === 503 || response.status === 429 ? retryAfterMs(response.headers.get('retry-after'), Date.now()) : null;
  return { kind: 'server', status: response.status, message, ...detail, ...(wait !== null ? { retryAfterMs: wait } : {}) };
}

/** A device waits at most this long on a server's word, whatever a proxy or a wrong clock says. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * Retry-After as milliseconds: delay-seconds (`3`) or an HTTP date; null when absent or not
 * understood (the device's own backoff applies then). Capped at MAX_RETRY_AFTER_MS.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  // delay-seconds, or an HTTP date ("Wed, 02 Dec 2026 12:00:30 GMT"); a bare "-5" is neither
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : /^[A-Za-z]{3}, /.test(text) ? Date.parse(text) - now : NaN;
  if (!Number.isFinite(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
