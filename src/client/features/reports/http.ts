import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { getSession } from '../../data';
import { bilingual } from '../../locales/bilingual';
import { apiFile, apiRequest, type ApiFailure as NetFailure, type ApiFailureKind } from '../../net/api';

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

function failureOf(f: NetFailure): ApiFailure {
  const text = f.kind === 'offline' ? bilingual('failure.offline') : (f.text ?? bilingual('failure.server', { status: f.status }));
  return new ApiFailure(f.kind, f.status, text, f.details);
}

async function token(): Promise<string> {
  const session = await getSession();
  if (!session?.token || session.source !== 'server' || session.refused) throw new ApiFailure('unauthorized', 401, bilingual('failure.noLogin'));
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

/** A file the server makes (XLSX, CSV), with the name it suggests. */
export async function getFile(path: string, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  const answer = await apiFile(path, { token: await token() });
  if (!answer.ok) throw failureOf(answer.failure);
  return { blob: answer.value.blob, name: answer.value.name ?? fallbackName };
}

export function failureText(error: unknown): LocalizedText {
  if (error instanceof ApiFailure) return error.text;
  return bilingual('failure.unknown');
}
