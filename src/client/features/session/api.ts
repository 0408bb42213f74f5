import type { LoginResponse } from '../../../shared/sync/protocol';
import { getDeviceId } from '../../data';
import { apiRequest, type ApiResult } from '../../net/api';
import { describeDevice } from './deviceName';

/** Login and logout on the server. The device id binds the token to this device. */

export async function logIn(email: string, password: string): Promise<ApiResult<LoginResponse>> {
  const deviceId = await getDeviceId();
  const deviceName = describeDevice(globalThis.navigator?.userAgent ?? '');
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body: { email: email.trim(), password, deviceId, deviceName } });
}

/** Ends the session on the server. Offline, the token simply stays unused until it expires. */
export async function logOut(token: string): Promise<void> {
  await apiRequest<void>('/auth/logout', { method: 'POST', token, timeoutMs: 5_000 });
}
