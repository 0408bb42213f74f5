import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import type { ProgressReportJson } from '../../src/server/features/reports/serialize';
import {
  buildProgressReport,
  defaultCatalogue,
  factsOfRecord,
  memoryFactQuery,
  pullPath,
  type FieldRecord,
  type PullResponse,
  type StatusedFact,
} from '../../src/shared';
import type { Cluster } from './cluster';
import type { NodeDevice } from './device';
import { CHAOS_YEARS } from './records';

/**
 * What must hold after every cycle, read from the database itself and through the API:
 * - 0 lost: every record a device holds is on the server at the device's latest revision and content;
 * - 0 duplicated: one records row per id, no (id, revision) twice, no revision the device never
 *   made, one set of facts per record (as many and as large as the latest revision gives);
 * - the device's pulls brought back none of the revisions it pushed itself, and a fresh pull by
 *   another device of the same person brings every record once, at the latest revision (cursors
 *   never skip);
 * - report totals: the shared report model over the devices' records equals the server's
 *   /reports/progress (pending included), per indicator and per measure, every plan year.
 */

/** `harness`: the cycle could not run to its checks (a browser step timed out, say): a failure too, with its seed. */
export type Violation = { invariant: 'lost' | 'duplicated' | 'pull' | 'report' | 'unsynced' | 'server-5xx' | 'replay' | 'harness'; detail: string };

function limited(list: string[], n = 5): string {
  return list.length <= n ? list.join('; ') : `${list.slice(0, n).join('; ')}; … (${list.length} in all)`;
}

export async function checkDevice(db: Kysely<Database>, device: NodeDevice): Promise<Violation[]> {
  const out: Violation[] = [];
  const local = new Map(device.latest().map((r) => [r.id, r]));
  const authorId = device.account.id;

  const notSent = [...device.store.records.values()].filter((r) => r.state !== 'sent');
  if (notSent.length) out.push({ invariant: 'unsynced', detail: `${device.name}: ${notSent.length} not sent after recovery: ${limited(notSent.map((r) => `${r.record.id}@${r.record.revision} ${r.state} ${r.reason ?? ''}`))}` });

  const heads = await db.selectFrom('records').select(['id', 'revision', 'content_hash']).where('author_id', '=', authorId).execute();
  const head = new Map(heads.map((h) => [h.id, h]));
  const lost = [...local.values()].filter((r) => head.get(r.id)?.revision !== r.revision || head.get(r.id)?.content_hash !== r.contentHash);
  if (lost.length)
    out.push({ invariant: 'lost', detail: `${device.name}: ${lost.length} of ${local.size} records not on the server at their latest revision: ${limited(lost.map((r) => `${r.id} device@${r.revision} server@${head.get(r.id)?.revision ?? 'none'}`))}` });
  const phantom = heads.filter((h) => !local.has(h.id));
  if (phantom.length) out.push({ invariant: 'duplicated', detail: `${device.name}: ${phantom.length} records on the server the device never made: ${limited(phantom.map((h) => h.id))}` });
  if (new Set(heads.map((h) => h.id)).size !== heads.length) out.push({ invariant: 'duplicated', detail: `${device.name}: a record id has two latest rows` });

  const revisions = await db.selectFrom('record_revisions').select(['record_id', 'revision', 'content_hash']).where('author_id', '=', authorId).execute();
  const seen = new Set<string>();
  const twice: string[] = [];
  const foreign: string[] = [];
  for (const r of revisions) {
    const key = `${r.record_id}#${r.revision}`;
    if (seen.has(key)) twice.push(key);
    seen.add(key);
    if (device.made.get(r.record_id)?.get(r.revision) !== r.content_hash) foreign.push(key);
  }
  if (twice.length) out.push({ invariant: 'duplicated', detail: `${device.name}: revisions stored twice: ${limited(twice)}` });
  if (foreign.length) out.push({ invariant: 'duplicated', detail: `${device.name}: stored revisions the device never made (or with other content): ${limited(foreign)}` });

  out.push(...(await checkFacts(db, device.name, [...local.values()])));
  out.push(...checkPulled(device));
  return out;
}

async function checkFacts(db: Kysely<Database>, name: string, records: FieldRecord[]): Promise<Violation[]> {
  if (records.length === 0) return [];
  const wanted = new Map(records.map((r) => [r.id, factsOfRecord(r)]));
  const rows: { record_id: string; n: number | string; total: number | string }[] = [];
  const ids = [...wanted.keys()];
  for (let i = 0; i < ids.length; i += 500)
    rows.push(
      ...(await db
        .selectFrom('facts')
        .select(['record_id', sql<number>`count(*)`.as('n'), sql<number>`sum(value)`.as('total')])
        .where('record_id', 'in', ids.slice(i, i + 500))
        .groupBy('record_id')
        .execute()),
    );
  const got = new Map(rows.map((r) => [r.record_id, { n: Number(r.n), total: Number(r.total) }]));
  const wrong: string[] = [];
  for (const [id, facts] of wanted) {
    const g = got.get(id) ?? { n: 0, total: 0 };
    const total = facts.reduce((s, f) => s + f.value, 0);
    if (g.n !== facts.length || g.total !== total) wrong.push(`${id}: ${g.n} facts summing ${g.total}, expected ${facts.length} summing ${total}`);
  }
  return wrong.length ? [{ invariant: 'duplicated', detail: `${name}: facts not those of the latest revision: ${limited(wrong)}` }] : [];
}

/**
 * Every revision of a chaos device's records is one it pushed itself (replays included), so its
 * own pulls (through every fault) must have brought back none of them.
 */
function checkPulled(device: NodeDevice): Violation[] {
  const back = device.latest().filter((r) => device.store.pulled.has(r.id));
  return back.length
    ? [{ invariant: 'pull', detail: `${device.name}: pull brought back ${back.length} records the device pushed itself: ${limited(back.map((r) => `${r.id}@${r.revision} pulled@${device.store.pulled.get(r.id)?.revision}`))}` }]
    : [];
}

async function freshPull(cluster: Cluster, token: string): Promise<{ seen: Map<string, number>; revisions: Map<string, number>; status: number; ended: boolean }> {
  const seen = new Map<string, number>();
  const revisions = new Map<string, number>();
  let since: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res = await cluster.api('GET', pullPath(since, 500), token);
    if (res.status !== 200) return { seen, revisions, status: res.status, ended: false };
    const body = res.json as PullResponse;
    for (const r of body.records) {
      seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
      revisions.set(r.id, r.revision);
    }
    since = body.cursor;
    if (!body.hasMore) return { seen, revisions, status: 200, ended: true };
  }
  return { seen, revisions, status: 200, ended: false };
}

/** The same person on another device: what a fresh pull there must bring. */
const observers = new WeakMap<NodeDevice, string>();

/**
 * A pull from scratch: the device's own brings none of its records and still runs to the end
 * (the cursor moves past them); another device of the same person gets every record once, at
 * its latest revision.
 */
export async function checkFreshPull(cluster: Cluster, device: NodeDevice): Promise<Violation[]> {
  const out: Violation[] = [];
  const own = await freshPull(cluster, device.token);
  if (own.status !== 200) return [{ invariant: 'pull', detail: `${device.name}: fresh pull answered ${own.status}` }];
  if (!own.ended) out.push({ invariant: 'pull', detail: `${device.name}: a fresh pull of its own did not end in 200 pages` });
  const back = device.latest().filter((r) => own.seen.has(r.id)).map((r) => r.id);
  if (back.length) out.push({ invariant: 'pull', detail: `${device.name}: a fresh pull brought back ${back.length} records it pushed itself: ${limited(back)}` });
  let token = observers.get(device);
  if (!token) {
    token = await cluster.login(device.account, `${device.deviceKey}-observer`);
    observers.set(device, token);
  }
  const other = await freshPull(cluster, token);
  if (other.status !== 200) return [...out, { invariant: 'pull', detail: `${device.name}: fresh pull on another device answered ${other.status}` }];
  const twice = [...other.seen].filter(([, n]) => n > 1).map(([id]) => id);
  const missing = device.latest().filter((r) => other.revisions.get(r.id) !== r.revision).map((r) => `${r.id}@${r.revision} pulled@${other.revisions.get(r.id) ?? 'none'}`);
  if (twice.length) out.push({ invariant: 'duplicated', detail: `${device.name}: a fresh pull gave records twice: ${limited(twice)}` });
  if (missing.length) out.push({ invariant: 'pull', detail: `${device.name}: a fresh pull on another device missed ${missing.length} records at their latest revision: ${limited(missing)}` });
  return out;
}

interface Totals {
  indicators: Map<string, number>;
  measures: Map<string, string>;
}

function totalsOf(measures: { measureId: string; eventsHeld: number; peopleReached: number; indicators: { indicatorId: string; value: number }[] }[]): Totals {
  const indicators = new Map<string, number>();
  const ms = new Map<string, string>();
  for (const m of measures) {
    ms.set(m.measureId, `events ${m.eventsHeld}, people ${m.peopleReached}`);
    for (const i of m.indicators) indicators.set(i.indicatorId, i.value);
  }
  return { indicators, measures: ms };
}

function differences(device: Totals, server: Totals): string[] {
  const diff: string[] = [];
  for (const [id, v] of device.indicators) if (server.indicators.get(id) !== v) diff.push(`${id}: device ${v}, server ${server.indicators.get(id)}`);
  for (const [id, v] of device.measures) if (server.measures.get(id) !== v) diff.push(`measure ${id}: device ${v}, server ${server.measures.get(id)}`);
  return diff;
}

/**
 * The report the devices would make from their records (all pending: nothing is reviewed in a
 * chaos run) against the server's, for one team (token of a team member) or the whole city
 * (`team` null, an admin or supervisor token).
 */
export async function checkReports(cluster: Cluster, records: FieldRecord[], team: string | null, token: string): Promise<Violation[]> {
  const facts: StatusedFact[] = records.flatMap((r) => factsOfRecord(r).map((f) => ({ ...f, status: 'pending' as const })));
  const out: Violation[] = [];
  for (const year of CHAOS_YEARS) {
    const filter = { year, period: { kind: 'year' as const }, teamId: team ?? undefined, includePending: true };
    const mine = await buildProgressReport(defaultCatalogue, memoryFactQuery(facts), filter, { asOf: '2099-01-01' });
    const res = await cluster.api('GET', `/reports/progress?year=${year}&includePending=true${team ? `&team=${encodeURIComponent(team)}` : ''}`, token);
    if (res.status !== 200) {
      out.push({ invariant: 'report', detail: `progress ${year} ${team ?? 'city'} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 200)}` });
      continue;
    }
    const server = totalsOf((res.json as ProgressReportJson).measures);
    const device = totalsOf(mine.measures.map((m) => ({ ...m, measureId: m.entry.measure.id })));
    const diff = differences(device, server);
    if (diff.length) out.push({ invariant: 'report', detail: `${year} ${team ? `team ${team}` : 'city'}: ${limited(diff)}` });
  }
  return out;
}

/** Whole-database checks: nothing twice anywhere, the monthly rollup adds up to the facts. */
export async function checkDatabase(db: Kysely<Database>): Promise<Violation[]> {
  const out: Violation[] = [];
  const dupRevisions = await db
    .selectFrom('record_revisions')
    .select(['record_id', 'revision', sql<number>`count(*)`.as('n')])
    .groupBy(['record_id', 'revision'])
    .having(sql`count(*)`, '>', 1)
    .execute();
  if (dupRevisions.length) out.push({ invariant: 'duplicated', detail: `record_revisions holds ${dupRevisions.length} (id, revision) pairs twice` });
  const dupHeads = await db.selectFrom('records').select(['id', sql<number>`count(*)`.as('n')]).groupBy('id').having(sql`count(*)`, '>', 1).execute();
  if (dupHeads.length) out.push({ invariant: 'duplicated', detail: `records holds ${dupHeads.length} ids twice` });
  const seqs = await db.selectFrom('records').select([sql<number>`count(*)`.as('n'), sql<number>`count(distinct server_seq)`.as('d')]).executeTakeFirstOrThrow();
  if (Number(seqs.n) !== Number(seqs.d)) out.push({ invariant: 'duplicated', detail: 'two records share a change number' });
  const headless = await db
    .selectFrom('records')
    .leftJoin('record_revisions', (j) => j.onRef('record_revisions.record_id', '=', 'records.id').onRef('record_revisions.revision', '=', 'records.revision'))
    .select('records.id')
    .where('record_revisions.record_id', 'is', null)
    .execute();
  if (headless.length) out.push({ invariant: 'lost', detail: `${headless.length} latest rows whose revision is not stored` });
  const facts = await db.selectFrom('facts').select(sql<number>`coalesce(sum(value), 0)`.as('v')).executeTakeFirstOrThrow();
  const rollup = await db.selectFrom('fact_months').select(sql<number>`coalesce(sum(value), 0)`.as('v')).where('cut', '=', 'base').executeTakeFirstOrThrow();
  if (Number(facts.v) !== Number(rollup.v)) out.push({ invariant: 'report', detail: `facts add up to ${facts.v}, the monthly rollup to ${rollup.v}` });
  return out;
}
