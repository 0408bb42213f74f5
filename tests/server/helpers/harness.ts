import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, createContext, type AppOptions } from '../../../src/server/app';
import type { AuthHooks, ServerContext, SyncHooks } from '../../../src/server/context';
import type { DatabaseHandle } from '../../../src/server/db/connect';
import { createTeam } from '../../../src/server/features/accounts/teams';
import { createUser } from '../../../src/server/features/accounts/users';
import type { ScryptCost } from '../../../src/server/passwords';
import { uuidv7, type Author, type LoginResponse, type Role } from '../../../src/shared';
import type { TeamKind } from '../../../src/shared/accounts/protocol';
import type { Backend, TestDatabase } from './backends';
import { listenInRange } from './ports';

/** Cheap scrypt for tests: the format and code path are the same, only slower hashing is skipped. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';

/** A clock tests move by hand: tokens expire, rate-limit windows pass. */
export class TestClock {
  constructor(public current = new Date('2023-06-15T10:00:00Z')) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
  deviceKey: string;
  /** author fields for records this user makes on this device */
  author: (teamId: string) => Author;
}

export interface Harness {
  backend: Backend['name'];
  database: TestDatabase;
  app: FastifyInstance;
  ctx: ServerContext;
  clock: TestClock;
  options: AppOptions;
  /** set a hook here during a test (and clear it after); every instance of this harness sees it */
  hooks: SyncHooks;
  /** the same for login (e.g. count password checks) */
  authHooks: AuthHooks;
  /** listens on a port in the test range (once) and returns the base URL, for real HTTP requests */
  listen: () => Promise<string>;
  /** another app on its own connection to the same database, listening, as a second server instance would be */
  secondInstance: () => Promise<{ app: FastifyInstance; handle: DatabaseHandle; baseUrl: string }>;
  team: (name?: string, kind?: TeamKind) => Promise<string>;
  user: (role: Role, teamIds: string[], opts?: { deviceKey?: string }) => Promise<TestUser>;
  login: (email: string, deviceKey: string, opts?: { password?: string; ip?: string }) => Promise<LightMyRequestResponse>;
  call: (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

export async function startHarness(backend: Backend, over: Partial<AppOptions> = {}): Promise<Harness> {
  const database = await backend.create();
  const clock = new TestClock();
  const hooks: SyncHooks = {};
  const authHooks: AuthHooks = {};
  const options: AppOptions = {
    syncHooks: hooks,
    authHooks,
    db: database.handle.db,
    dbKind: database.handle.kind,
    clock: clock.now,
    passwordCost: TEST_SCRYPT_COST,
    // Races prove exactly-once with many copies of a batch in flight at once: no admission limit
    // in their way here (push-admission.test.ts sets one and proves it).
    pushAdmission: { maxInFlight: 1000, retryAfterSeconds: { min: 1, max: 1 } },
    ...over,
  };
  const ctx = createContext(options);
  const app = await buildApp(options);
  const instances: FastifyInstance[] = [app];

  const call: Harness['call'] = (method, url, opts = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });

  const login: Harness['login'] = (email, deviceKey, opts = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: opts.password ?? PASSWORD, deviceId: deviceKey, deviceName: 'Test tablet' },
      ...(opts.ip ? { remoteAddress: opts.ip } : {}),
    });

  let baseUrl: Promise<string> | null = null;

  return {
    backend: backend.name,
    database,
    app,
    ctx,
    clock,
    options,
    hooks,
    authHooks,
    listen: () => (baseUrl ??= listenInRange(app)),
    secondInstance: async () => {
      const handle = await database.openAgain();
      const second = await buildApp({ ...options, db: handle.db, dbKind: handle.kind });
      instances.push(second);
      return { app: second, handle, baseUrl: await listenInRange(second) };
    },
    team: async (name, kind = 'mobile_brigade') => (await createTeam(ctx, { name: name ?? unique('Бригада'), kind })).id,
    user: async (role, teamIds, opts = {}) => {
      const email = `${unique(role)}@test.kyiv.ua`;
      const { user } = await createUser(ctx, { email, displayName: 'Тест', role, teamIds, password: PASSWORD });
      const deviceKey = opts.deviceKey ?? uuidv7();
      const res = await login(email, deviceKey);
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      const token = (res.json() as LoginResponse).token;
      return { id: user.id, email, token, deviceKey, author: (teamId) => ({ authorId: user.id, deviceId: deviceKey, teamId }) };
    },
    login,
    call,
    close: async () => {
      for (const i of instances) await i.close();
      await database.destroy();
    },
  };
}
