import { sessionUser, type SessionUser } from '../../shared/sync/protocol';
import { checkedAnswer, getSession } from '../data';
import { apiFile, apiRequest } from './api';
import { ApiFailure } from './failure';
import { bilingual } from '../locales/bilingual';

/**
 * The calls made under the user's server login (review, reports, the annual report), over the
 * app's API door (api.ts) with the session's token. They throw an `ApiFailure` (failure.ts), which
 * `failureText` turns into words in either language.
 */

async function token(): Promise<string> {
  const session = await getSession();
  if (!session?.token || session.source !== 'server' || session.refused) throw new ApiFailure({ kind: 'unauthorized', status: 401, text: bilingual('failure.noLogin') });
  return session.token;
}

export async function getJson<T>(path: string): Promise<T> {
  const answer = await apiRequest<T>(path, { token: await token() });
  if (!answer.ok) throw answer.failure;
  return answer.value;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const answer = await apiRequest<T>(path, { method: 'POST', body, token: await token() });
  if (!answer.ok) throw answer.failure;
  return answer.value;
}

/** Sends a file as the request body (an XLSX plan), answered with JSON. */
export async function postFile<T>(path: string, file: { bytes: Blob; type: string }): Promise<T> {
  const answer = await apiRequest<T>(path, { method: 'POST', file, token: await token() });
  if (!answer.ok) throw answer.failure;
  return answer.value;
}

export async function patchJson<T>(path: string, body: unknown): Promise<T> {
  const answer = await apiRequest<T>(path, { method: 'PATCH', body, token: await token() });
  if (!answer.ok) throw answer.failure;
  return answer.value;
}

/** A file the server makes (XLSX, CSV), with the name it suggests. */
export async function getFile(path: string, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  const answer = await apiFile(path, { token: await token() });
  if (!answer.ok) throw answer.failure;
  return { blob: answer.value.blob, name: answer.value.name ?? fallbackName };
}

/** Who the server says this user is, with every team they belong to. */
/** Who the server says this user is, with every team they belong to (checked with its schema). */
export async function whoAmI(): Promise<SessionUser> {
  return checkedAnswer(sessionUser, await getJson<unknown>('/auth/me'), 'me');
}
