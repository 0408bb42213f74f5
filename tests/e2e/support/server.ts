import { randomUUID } from 'node:crypto';
import type { DeviceDto, TeamDto, UserDto, UserWithPasswordDto } from '../../../src/shared/accounts/protocol';
import type { FieldRecord } from '../../../src/shared/records/schemas';
import type { VerdictRequest } from '../../../src/shared/review/protocol';
import { uuidv7 } from '../../../src/shared/records/uuid';
import { pullPath, SYNC_PROTOCOL_VERSION } from '../../../src/shared/sync/constants';
import type { LoginResponse, PullResponse, PushResponse, Role } from '../../../src/shared/sync/protocol';

/**
 * The real server the browser tests run against (playwright.config.ts starts it), driven over
 * its HTTP API: accounts through the admin API, and what the server holds through a pull.
 */
export const baseUrl = process.env.E2E_BASE_URL_INTERNAL!;

async function call<T>(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function apiLogin(email: string, password: string, deviceId = `e2e-tool-${randomUUID()}`): Promise<LoginResponse> {
  return call<LoginResponse>('POST', '/auth/login', null, { email, password, deviceId, deviceName: 'e2e test tool' });
}

let adminToken: string | null = null;
async function admin(): Promise<string> {
  adminToken ??= (await apiLogin(process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!, 'e2e-admin-tool')).token;
  return adminToken;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: Role;
}

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export async function createTeam(name = `Бригада ${unique()}`): Promise<TeamDto> {
  return call<TeamDto>('POST', '/admin/teams', await admin(), { name, kind: 'mobile_brigade' });
}

export async function createUser(role: Role, teamIds: string[], displayName = 'Олена Тестова', email = `${role.replace('_', '-')}-${unique()}@example.com`): Promise<TestUser> {
  const password = `pass-${unique()}-word`;
  const made = await call<UserWithPasswordDto>('POST', '/admin/users', await admin(), { email, displayName, role, teamIds, password });
  return { id: made.user.id, email, password, displayName, role };
}

export async function devicesOf(userId: string): Promise<DeviceDto[]> {
  return (await call<{ devices: DeviceDto[] }>('GET', `/admin/users/${userId}/devices`, await admin())).devices;
}

/** A user as the admin API lists them (e.g. one an admin created in the browser). */
export async function userByEmail(email: string): Promise<UserDto | undefined> {
  return (await call<{ users: UserDto[] }>('GET', '/admin/users', await admin())).users.find((u) => u.email === email);
}

/** An administrator cuts a device off (as for a lost tablet). */
export async function revokeDevice(deviceId: string): Promise<void> {
  await call('POST', `/admin/devices/${deviceId}/revoke`, await admin(), {});
}

/** Uploads records as `token`'s device would (another device of the same user, say). */
export async function pushAs(token: string, deviceId: string, records: FieldRecord[]): Promise<PushResponse> {
  return call<PushResponse>('POST', '/sync/push', token, { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId, records });
}

/** A supervisor's verdict, through the review API. */
export async function giveVerdict(token: string, verdict: VerdictRequest): Promise<void> {
  await call('POST', '/review/verdicts', token, verdict);
}

/** Every record the server holds that `user` can see (a supervisor: their teams'), all pages. */
export async function serverRecords(user: TestUser): Promise<FieldRecord[]> {
  const { token } = await apiLogin(user.email, user.password);
  const seen: FieldRecord[] = [];
  let since: string | null = null;
  for (let page = 0; page < 100; page++) {
    const body: PullResponse = await call<PullResponse>('GET', pullPath(since), token);
    seen.push(...body.records);
    since = body.cursor;
    if (!body.hasMore) break;
  }
  return seen;
}

/** Makes a plan the active one, as the e2e admin (a spec that changes it puts the built-in one back). */
export async function activatePlanAs(planId: string): Promise<void> {
  await call('POST', `/plans/${encodeURIComponent(planId)}/activate`, await admin(), {});
}

/** Uploads a plan (or a revision of one) in the documented JSON format, as the e2e admin. */
export async function uploadPlanAs(plan: unknown): Promise<void> {
  await call('POST', '/plans', await admin(), plan);
}
