import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TeamDto, UserWithPasswordDto } from '../../src/shared/accounts/protocol';
import type { LoginResponse, Role } from '../../src/shared';
import { backends, type Backend, type TestDatabase } from '../server/helpers/backends';
import { serverProcess, takePort, type ServerProcess } from '../server/helpers/server-process';
import { ROOT } from '../server/helpers/spawn';
import { FaultProxy, type Upstream } from './proxy';

/**
 * One backend under test: a fresh database (a temp SQLite dir, or a fresh PostgreSQL schema),
 * one or two real server processes on it, and the fault proxy in front. Accounts are made through
 * the admin API, as an administrator would.
 */

export const ADMIN_EMAIL = 'chaos-admin@kyiv1325.local';
export const ADMIN_PASSWORD = 'chaos-admin-password-1325';

export interface Account {
  id: string;
  email: string;
  password: string;
  role: Role;
  teamId: string;
}

export interface Cluster {
  name: Backend['name'];
  database: TestDatabase;
  servers: ServerProcess[];
  upstreams: Upstream[];
  proxy: FaultProxy;
  proxyUrl: string;
  api: (method: 'GET' | 'POST', path: string, token: string | null, body?: unknown) => Promise<{ status: number; json: unknown }>;
  adminToken: string;
  team: (name: string) => Promise<string>;
  account: (role: Role, teamId: string) => Promise<Account>;
  login: (account: Account, deviceKey: string) => Promise<string>;
  /** starts every server that is down */
  restartDown: () => Promise<number>;
  close: () => Promise<void>;
}

export interface ClusterOptions {
  instances: 1 | 2;
  /** serve the built app (for browser devices) */
  withApp: boolean;
  /** more server environment (the fuzzer sets TRUST_PROXY to vary login IPs) */
  extraEnv?: Record<string, string>;
}

let made = 0;

export async function startCluster(name: Backend['name'], options: ClusterOptions): Promise<Cluster> {
  const backend = backends.find((b) => b.name === name);
  if (!backend) throw new Error(`backend ${name} is not available (SKIP_POSTGRES?)`);
  const database = await backend.create();
  const dist = path.join(ROOT, 'dist');
  const staticDir = options.withApp && existsSync(path.join(dist, 'index.html')) ? dist : null;
  const servers: ServerProcess[] = [];
  // Parallel copies of a batch must really race (exactly-once is what they prove): no admission
  // limit in their way (tests/server/api/push-admission.test.ts proves the limit).
  const extraEnv = { PUSH_MAX_IN_FLIGHT: '1000', ...options.extraEnv };
  for (let i = 0; i < options.instances; i++)
    servers.push(serverProcess({ port: await takePort(), env: database.env, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, staticDir, extraEnv }));
  // The first start creates the admin; a second instance started at the same time could race it.
  for (const s of servers) await s.start();

  const upstreams: Upstream[] = servers.map((s, i) => ({ name: `${name}-${i + 1}`, port: s.port, up: () => s.pid() !== null, kill: () => s.kill() }));
  const proxy = new FaultProxy(upstreams);
  const proxyUrl = await proxy.listen(await takePort());

  const api: Cluster['api'] = async (method, p, token, body) => {
    // straight to a live instance: account setup and checks are not under test
    const live = servers.find((s) => s.pid() !== null) ?? servers[0]!;
    const res = await fetch(`${live.baseUrl}/api/v1${p}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  };
  const must = async <T>(method: 'GET' | 'POST', p: string, token: string | null, body?: unknown): Promise<T> => {
    const r = await api(method, p, token, body);
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as T;
  };
  const adminToken = (await must<LoginResponse>('POST', '/auth/login', null, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, deviceId: 'chaos-admin-tool' })).token;

  return {
    name,
    database,
    servers,
    upstreams,
    proxy,
    proxyUrl,
    api,
    adminToken,
    team: async (teamName) => (await must<TeamDto>('POST', '/admin/teams', adminToken, { name: teamName, kind: 'mobile_brigade' })).id,
    account: async (role, teamId) => {
      const email = `chaos-${role.replace('_', '-')}-${process.pid}-${++made}@kyiv1325.local`;
      const password = `chaos-pass-${made}-word`;
      const created = await must<UserWithPasswordDto>('POST', '/admin/users', adminToken, { email, displayName: 'Хаос Тестова', role, teamIds: [teamId], password });
      return { id: created.user.id, email, password, role, teamId };
    },
    login: async (account, deviceKey) =>
      (await must<LoginResponse>('POST', '/auth/login', null, { email: account.email, password: account.password, deviceId: deviceKey, deviceName: 'chaos device' })).token,
    restartDown: async () => {
      let n = 0;
      for (const s of servers)
        if (s.pid() === null) {
          await s.start();
          n++;
        }
      return n;
    },
    close: async () => {
      await proxy.close();
      for (const s of servers) await s.stop();
      await database.destroy();
    },
  };
}
