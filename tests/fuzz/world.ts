import type { DeviceDto } from '../../src/shared/accounts/protocol';
import { SYNC_PROTOCOL_VERSION, type FieldRecord, type PushResponse, type Role } from '../../src/shared';
import { startCluster, type Account, type Cluster } from '../chaos/cluster';
import { Prng } from '../chaos/prng';
import { newRecord } from '../chaos/records';
import type { OpenApiDocument } from './openapi';

/**
 * The accounts and data the fuzzer works among, made through the admin API of a real server
 * process: one actor per role in team A (the admin too, so its own records have a team), other
 * users to name as authors (a team-A colleague, a team-B worker, an admin of no team), a victim
 * whose id and device the admin routes may reset and revoke, and records of teams A and B.
 */

export interface Actor {
  role: Role;
  account: Account;
  deviceKey: string;
  token: string;
}

export interface World {
  cluster: Cluster;
  doc: OpenApiDocument;
  actors: Record<Role, Actor>;
  teams: { a: string; b: string; victim: string };
  /** users named as authors of records the actor may not write (or, for a supervisor, may) */
  others: { colleague: Account; outsider: Account; otherAdmin: Account };
  victim: { user: Account; deviceRowId: string };
  records: FieldRecord[];
  /** a login for a role again (after a fuzz case logged it out) */
  refresh: (role: Role) => Promise<void>;
}

const HARNESS_IP = '10.13.25.1';

export async function startWorld(name: Cluster['name']): Promise<World> {
  const cluster = await startCluster(name, { instances: 1, withApp: false, extraEnv: { TRUST_PROXY: '1' } });
  const doc = (await cluster.api('GET', '/openapi.json', null)).json as OpenApiDocument;
  const a = await cluster.team('Фаз-бригада A');
  const b = await cluster.team('Фаз-бригада B');
  const victimTeam = await cluster.team('Фаз-бригада жертва');
  const login = async (account: Account, deviceKey: string) => {
    const res = await fetch(`${cluster.servers[0]!.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': HARNESS_IP },
      body: JSON.stringify({ email: account.email, password: account.password, deviceId: deviceKey, deviceName: 'fuzz harness' }),
    });
    if (res.status !== 200) throw new Error(`harness login failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const actors = {} as Record<Role, Actor>;
  for (const role of ['field_worker', 'trainer', 'supervisor', 'admin'] as Role[]) {
    const account = await cluster.account(role, a);
    const deviceKey = `fuzz-${role}`;
    actors[role] = { role, account, deviceKey, token: await login(account, deviceKey) };
  }
  const others = {
    colleague: await cluster.account('field_worker', a),
    outsider: await cluster.account('field_worker', b),
    otherAdmin: await cluster.account('admin', victimTeam),
  };
  const victim = await cluster.account('field_worker', victimTeam);
  await login(victim, 'fuzz-victim-device');
  const devices = (await cluster.api('GET', `/admin/users/${victim.id}/devices`, cluster.adminToken)).json as { devices: DeviceDto[] };

  // records in both teams, so verdicts, reviews and reports meet real ids
  const rng = new Prng(1325);
  const records: FieldRecord[] = [];
  const outsiderToken = await login(others.outsider, 'fuzz-outsider');
  for (const [account, token, deviceKey] of [
    [actors.field_worker.account, actors.field_worker.token, actors.field_worker.deviceKey],
    [others.outsider, outsiderToken, 'fuzz-outsider'],
  ] as const) {
    const batch = Array.from({ length: 6 }, (_x, i) => newRecord(rng, { authorId: account.id, deviceId: deviceKey, teamId: account.teamId }, new Date(Date.UTC(2024, 0, 10, 8, i))));
    const res = await fetch(`${cluster.servers[0]!.baseUrl}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, batchId: rng.uuidv7(Date.now()), deviceId: deviceKey, records: batch }),
    });
    const answer = (await res.json()) as PushResponse;
    if (res.status !== 200 || answer.results.some((r) => r.status !== 'accepted')) throw new Error(`seed push failed: ${JSON.stringify(answer)}`);
    records.push(...batch);
  }

  const world: World = {
    cluster,
    doc,
    actors,
    teams: { a, b, victim: victimTeam },
    others,
    victim: { user: victim, deviceRowId: devices.devices[0]!.id },
    records,
    refresh: async (role) => {
      actors[role].token = await login(actors[role].account, actors[role].deviceKey);
    },
  };
  return world;
}
