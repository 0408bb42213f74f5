import type { ApiError } from '../api/protocol';
import type { AuthFailureReason, PullResponse, PushRequest, PushResponse } from './protocol';
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
    if (response.ok) return { ok: true, value: (await response.json()) as T };
    return { ok: false, failure: await failureOf(response) };
  }

  return {
    push: (request: PushRequest) => call<PushResponse>('/sync/push', { method: 'POST', body: JSON.stringify(request) }),
    pull: (since: string | null) => call<PullResponse>(pullPath(since), { method: 'GET' }),
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
  return { kind: 'server', status: response.status, message, ...detail };
}
