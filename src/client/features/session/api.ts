import type { LoginResponse } from '../../../shared/sync/protocol';
import { checkedAnswer, getDeviceId } from '../../data';
import { apiRequest, type ApiResult } from '../../net/api';
import { describeDevice } from './deviceName';

/** Login, and forgetting the device, on the server. The device id binds the token to this device. */

/** The server's answer to a login; one outside its schema throws BadAnswerError. */
export async function logIn(email: string, password: string): Promise<ApiResult<LoginResponse>> {
  // The schema (and zod with it) loads with the first login, not with this screen: a fresh device
  // shows the screen before Today, and zod alone is a fifth of Today's first-load budget (issue 10).
  // Started with the request so the two overlap; awaited only for an answer to check.
  const schema = import('../../../shared/sync/protocol').then((m) => m.loginResponse);
  schema.catch(() => undefined);
  const deviceId = await getDeviceId();
  const deviceName = describeDevice(globalThis.navigator?.userAgent ?? '');
  const answer = await apiRequest<unknown>('/auth/login', { method: 'POST', body: { email: email.trim(), password, deviceId, deviceName } });
  return answer.ok ? { ok: true, value: checkedAnswer(await schema, answer.value, 'login') } : answer;
}

/**
 * After this device erased itself: the server ends the session (if still live) and has the browser
 * delete the site's storage files (Clear-Site-Data), which also drops the leftover bytes IndexedDB
 * keeps of deleted rows until it compacts. Best effort: offline, the token stays unused until it
 * expires, and what is left on disk is ciphertext under a key only the PIN unwraps.
 */
export async function forgetDevice(token: string): Promise<void> {
  await apiRequest<void>('/auth/forget-device', { method: 'POST', token, timeoutMs: 5_000 });
}
