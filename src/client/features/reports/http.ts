import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { API_PREFIX } from '../../../shared/sync/protocol';
import { getSession } from '../../data';
import { apiRequest, type ApiFailure as NetFailure, type ApiFailureKind } from '../../net/api';

export { queryString } from './queryString';

/**
 * The authenticated calls of the review and report screens, over the app's API door
 * (src/client/net/api.ts) with the session's token. Failures become one error type the screens
 * can show in either language.
 */

export class ApiFailure extends Error {
  constructor(
    readonly kind: ApiFailureKind,
    readonly status: number,
    readonly text: LocalizedText,
    /** the error body's extra fields (e.g. the open records of a refused month lock) */
    readonly details: Record<string, unknown> = {},
  ) {
    super(text.en);
  }
}

const OFFLINE: LocalizedText = {
  uk: 'Немає зв’язку з сервером. Спробуйте, коли зʼявиться мережа.',
  en: 'The server cannot be reached. Try again when the network is back.',
};
const NO_LOGIN: LocalizedText = {
  uk: 'Потрібен вхід на сервер (розділ «Хто я»).',
  en: 'You need to log in to the server (the "Who am I" section).',
};

function failureOf(f: NetFailure, details: Record<string, unknown> = {}): ApiFailure {
  const text = f.kind === 'offline' ? OFFLINE : (f.text ?? { uk: `Помилка сервера (${f.status})`, en: `Server error (${f.status})` });
  return new ApiFailure(f.kind, f.status, text, details);
}

async function token(): Promise<string> {
  const session = await getSession();
  if (!session?.token || session.source !== 'server' || session.refused) throw new ApiFailure('unauthorized', 401, NO_LOGIN);
  return session.token;
}

export async function getJson<T>(path: string): Promise<T> {
  const answer = await apiRequest<T>(path, { token: await token() });
  if (!answer.ok) throw failureOf(answer.failure);
  return answer.value;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const answer = await apiRequest<T>(path, { method: 'POST', body, token: await token() });
  if (!answer.ok) throw failureOf(answer.failure);
  return answer.value;
}

/** A request the net module's door does not cover: binary answers, or an error body whose extra fields matter. */
async function raw(path: string, init: RequestInit = {}): Promise<Response> {
  const bearer = await token();
  try {
    return await fetch(`${API_PREFIX}${path}`, {
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${bearer}` },
    });
  } catch {
    throw new ApiFailure('offline', 0, OFFLINE);
  }
}

function kindOf(status: number): ApiFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  return 'server';
}

async function rawFailure(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: LocalizedText } & Record<string, unknown> } | null;
  const text = body?.error?.message ?? { uk: `Помилка сервера (${response.status})`, en: `Server error (${response.status})` };
  return new ApiFailure(kindOf(response.status), response.status, text, body?.error ?? {});
}

/** POST whose refusal carries details the screen shows (e.g. the records that keep a month open). */
export async function postJsonWithDetails<T>(path: string, body: unknown): Promise<T> {
  const response = await raw(path, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw await rawFailure(response);
  return (await response.json()) as T;
}

/**
 * A file the server makes (XLSX, CSV), with the name it suggests. Fetched here rather than linked:
 * the token travels in a header, never in a URL.
 */
export async function getFile(path: string, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  const response = await raw(path);
  if (!response.ok) throw await rawFailure(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await response.blob(), name: name ? decodeURIComponent(name) : fallbackName };
}

export function failureText(error: unknown): LocalizedText {
  if (error instanceof ApiFailure) return error.text;
  return { uk: 'Щось пішло не так. Спробуйте ще раз.', en: 'Something went wrong. Please try again.' };
}
