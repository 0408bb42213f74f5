import fc from 'fast-check';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS, MIN_SYNC_PROTOCOL_VERSION, SYNC_PROTOCOL_VERSION, type Role } from '../../src/shared';
import { Prng } from '../chaos/prng';
import { newRecord } from '../chaos/records';
import type { Operation, Parameter } from './openapi';
import { invalidArb, validArb } from './schema-arbitrary';
import { controlString, hasControlChar, hostileString, injectionString } from './strings';
import type { World } from './world';

/**
 * One fuzz case: a request as a given role (or with no token), built by fast-check from an
 * operation's OpenAPI schemas, or a targeted push mutation with what must come of it.
 */

export type ActorName = Role | 'none';

export interface PushExpectation {
  /** indexes of records that must not be stored */
  refused: number[];
  /** indexes of valid records sent alongside, which must be stored */
  siblings: number[];
  /** the refusal is about rights (author, team) */
  rights: boolean;
  /** an envelope mutation: the whole request must get this status */
  status?: number;
  /** text that must be stored exactly as sent (injection strings) */
  verbatim?: { index: number; field: string; value: string };
}

export interface FuzzCase {
  op: string;
  label: string;
  actor: ActorName;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  /** JSON value, raw text, or a size in bytes for an oversized body made at send time */
  body?: { json: unknown } | { raw: string } | { oversize: number };
  /** a text value of the request holds a control character */
  control: boolean;
  push?: PushExpectation;
}

const actorNames: ActorName[] = ['none', 'field_worker', 'trainer', 'supervisor', 'admin'];
const ips = fc.integer({ min: 1, max: 250 }).map((n) => `10.77.${n % 5}.${n}`);
/** few addresses for logins, so failures add up to the rate limit (5 per email and address, 20 per address) */
const loginIps = fc.integer({ min: 1, max: 3 }).map((n) => `10.78.0.${n}`);

function serialize(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Ids from the world (so real rows are hit), or anything. */
function poolFor(world: World, name: string): fc.Arbitrary<string> | null {
  const teams = [world.teams.a, world.teams.b, world.teams.victim];
  if (name === 'team' || name === 'teamId') return fc.constantFrom(...teams);
  if (name === 'recordId') return fc.constantFrom(...world.records.map((r) => r.id));
  if (name === 'year') return fc.constantFrom('2021', '2022', '2023');
  if (name === 'month') return fc.constantFrom('2023-05', '2022-11', '2024-01');
  if (name === 'district') return fc.constantFrom('podilskyi', 'obolonskyi', 'not_stated');
  if (name === 'measure') return fc.constantFrom(...world.records.map((r) => r.measureId));
  return null;
}

function pathIdPool(world: World, op: Operation): fc.Arbitrary<string> {
  const ids = op.path.includes('/devices/') ? [world.victim.deviceRowId] : [world.victim.user.id];
  return fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 2 }, { arbitrary: fc.string({ minLength: 1, maxLength: 24 }), weight: 1 });
}

interface Query {
  pairs: [string, string][];
  control: boolean;
}

function queryArb(world: World, op: Operation, invalid: boolean): fc.Arbitrary<Query> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (p: Parameter): fc.Arbitrary<[string, string] | null> => {
    const pool = poolFor(world, p.name);
    const value = pool ? fc.oneof(pool, validArb(world.doc, p.schema).map(serialize)) : validArb(world.doc, p.schema).map(serialize);
    const present = p.required ? fc.constant(true) : fc.boolean();
    return fc.tuple(present, value).map(([on, v]) => (on ? [p.name, v] : null));
  };
  const valid = fc.tuple(...params.map(one)).map((list) => list.filter((x): x is [string, string] => x !== null));
  if (!invalid) return valid.map((pairs) => ({ pairs, control: false }));
  const broken: fc.Arbitrary<[string, string]>[] = [fc.tuple(fc.constantFrom('unknownParam', 'since[]', '__proto__'), fc.string({ maxLength: 5 }))];
  if (params.length)
    broken.push(
      fc.constantFrom(...params).chain((p) =>
        fc.tuple(fc.constant(p.name), fc.oneof(invalidArb(world.doc, p.schema).map(serialize), hostileString(), fc.constant('x'.repeat(300)))),
      ),
    );
  return fc.tuple(valid, fc.oneof(...broken), fc.boolean()).map(([pairs, bad, twice]) => {
    const all = [...pairs.filter(([k]) => k !== bad[0]), bad, ...(twice ? [bad] : [])];
    return { pairs: all, control: all.some(([k, v]) => hasControlChar(k) || hasControlChar(v)) };
  });
}

/** Replaces generated values of known fields by real ids, so more requests get past "no such …". */
function withPool(world: World, value: unknown, rng: Prng): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const record = rng.pick(world.records);
  if ('teamId' in out) out.teamId = rng.pick([world.teams.a, world.teams.b]);
  if ('teamIds' in out) out.teamIds = [rng.pick([world.teams.a, world.teams.b, world.teams.victim])];
  if ('recordId' in out) {
    out.recordId = record.id;
    if ('revision' in out) out.revision = record.revision;
  }
  if ('month' in out) out.month = `2023-${String(rng.int(1, 12)).padStart(2, '0')}`;
  if ('comment' in out && out.status !== 'approved') out.comment = 'Перевірте кількість';
  // logins of real accounts (none of them an actor), right or wrong, reach sessions and the rate limit
  if ('email' in out && 'password' in out && 'deviceId' in out) {
    const account = rng.pick([world.victim.user, world.others.colleague, world.others.outsider]);
    out.email = account.email;
    out.password = rng.chance(0.5) ? account.password : 'wrong-password-1325';
  }
  return out;
}

type BodyChoice = FuzzCase['body'] & object;

function bodyArb(world: World, op: Operation, invalid: boolean): fc.Arbitrary<{ body: BodyChoice | undefined; contentType: string; control: boolean; how: string }> {
  const json = 'application/json';
  // fetch sends no body with GET (and nothing else does either)
  if (op.method === 'GET') return fc.constant({ body: undefined, contentType: json, control: false, how: 'valid' });
  if (!op.body) {
    if (!invalid) return fc.constant({ body: op.method === 'POST' ? { json: {} } : undefined, contentType: json, control: false, how: 'valid' });
    return fc.constantFrom(
      { body: { raw: '{"a":' }, contentType: json, control: false, how: 'malformed-json' } as const,
      { body: { json: { extra: 'x' } }, contentType: json, control: false, how: 'unexpected-body' } as const,
    );
  }
  const schema = op.body;
  const valid = fc.tuple(validArb(world.doc, schema), fc.integer({ min: 0, max: 2 ** 30 }), fc.boolean()).map(([v, seed, pooled]) => {
    // a login with a made-up email meets no account: valid logins always name a real one
    const value = pooled || op.key === 'POST /api/v1/auth/login' ? withPool(world, v, new Prng(seed)) : v;
    return { body: { json: value }, contentType: json, control: hasControlChar(value), how: 'valid' };
  });
  if (!invalid) return valid;
  return fc.oneof(
    { arbitrary: invalidArb(world.doc, schema).map((v) => ({ body: { json: v } as BodyChoice, contentType: json, control: hasControlChar(v), how: 'invalid-body' })), weight: 6 },
    {
      arbitrary: fc
        .constantFrom('{', '{"x":1', 'null', '[]', '"text"', '{"a":1}}', "{'a':1}", '\u0000', '{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"role":"admin"}}}')
        .map((raw) => ({ body: { raw } as BodyChoice, contentType: json, control: raw.includes('\u0000'), how: 'malformed-json' })),
      weight: 2,
    },
    { arbitrary: fc.tuple(valid, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml')).map(([v, type]) => ({ ...v, contentType: type, how: 'wrong-content-type' })), weight: 1 },
    { arbitrary: fc.constant({ body: { oversize: 1_100_000 } as BodyChoice, contentType: json, control: false, how: 'oversized' }), weight: 1 },
  );
}

/**
 * A path parameter as one segment. "." and ".." (and "%2e" spellings) are dot segments: the URL
 * parser removes them before the request leaves (POST /plans/./activate goes out as
 * /plans/activate, a route that does not exist), so the server would be judged on a request it
 * never got. Such a value goes with a character after it, still not an id anyone has.
 */
function pathSegment(id: string): string {
  const segment = encodeURIComponent(id);
  return /^(\.|%2e){1,2}$/i.test(segment) ? `${segment}~` : segment;
}

function concretePath(op: Operation, ids: string[]): string {
  let i = 0;
  return op.path.replace(/\{[^}]+\}/g, () => pathSegment(ids[i++] ?? 'x'));
}

export function operationCase(world: World, op: Operation): fc.Arbitrary<FuzzCase> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  return fc
    .record({
      actor: fc.constantFrom(...actorNames),
      invalid: fc.boolean(),
      invalidPath: fc.integer({ min: 0, max: 5 }),
      ip: op.key === 'POST /api/v1/auth/login' ? loginIps : ips,
    })
    .chain(({ actor, invalid, invalidPath, ip }) => {
      const idArb = invalid && invalidPath === 0 ? fc.oneof(hostileString(), fc.constant('я'.repeat(150)), fc.constant('')) : pathIdPool(world, op);
      const yearArb = fc.oneof(fc.constantFrom('2021', '2023'), invalid ? fc.oneof(hostileString(), fc.constantFrom('1999', '20230', 'abcd')) : fc.constant('2022'));
      return fc.record({
        ids: fc.tuple(...pathParams.map((p) => (p.name === 'year' ? yearArb : idArb))),
        query: queryArb(world, op, invalid && invalidPath !== 0),
        body: bodyArb(world, op, invalid && invalidPath !== 0),
        actor: fc.constant(actor),
        ip: fc.constant(ip),
        invalid: fc.constant(invalid),
      });
    })
    .map(({ ids, query, body, actor, ip, invalid }) => {
      const qs = query.pairs.length ? `?${query.pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
      const token = actor === 'none' ? null : world.actors[actor].token;
      return {
        op: op.key,
        label: invalid ? `invalid:${body.how !== 'valid' ? body.how : query.pairs.length ? 'query-or-path' : 'path'}` : 'valid',
        actor,
        method: op.method,
        url: `${concretePath(op, ids as string[])}${qs}`,
        headers: {
          ...(body.body ? { 'content-type': body.contentType } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'x-forwarded-for': ip,
        },
        ...(body.body ? { body: body.body } : {}),
        control: query.control || body.control || (ids as string[]).some(hasControlChar),
      };
    });
}

// --- targeted push mutations -----------------------------------------------------------------

type Mutable = Record<string, unknown>;
type Mutation = { label: string; rights?: boolean; keepValid?: boolean; apply: (r: Mutable, rng: Prng, actor: ActorName) => unknown };

/** The record's free-text fields that exist in it (an online event has a platform, not a place). */
function textFields(r: Mutable): string[] {
  if (r.kind === 'event') {
    const venue = r.venue as Mutable;
    return ['title', 'organiser', ...(venue.mode === 'in_person' ? ['venue.place'] : 'platform' in venue ? ['venue.platform'] : [])];
  }
  if (r.kind === 'indicatorReport' && (r.value as Mutable).type === 'deliverable') return ['value.documentRef'];
  return ['district', 'indicatorId'];
}

function setPath(r: Mutable, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = r;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Mutable;
  }
  o[parts.at(-1)!] = value;
}

function table(r: Mutable): Mutable | null {
  if (r.kind === 'serviceLog') return r.served as Mutable;
  if (r.kind === 'event') return r.attendance as Mutable;
  if (r.kind === 'indicatorReport' && (r.value as Mutable).type === 'count') return (r.value as Mutable).table as Mutable;
  return null;
}

function countMutation(label: string, f: (n: number) => unknown, fixTotal: boolean): Mutation {
  return {
    label,
    apply: (r) => {
      const t = table(r);
      if (!t || !(t.cells as Mutable[]).length) return { ...r, revision: -1 };
      const cells = (t.cells as Mutable[]).map((c, i) => (i === 0 ? { ...c, count: f(c.count as number) } : c));
      t.cells = cells;
      if (fixTotal) t.total = cells.reduce((s, c) => s + (typeof c.count === 'number' ? c.count : 0), 0);
      return r;
    },
  };
}

function dateFields(r: Mutable): string[] {
  return r.kind === 'serviceLog' ? ['date'] : r.kind === 'event' ? ['startDate', 'endDate'] : ['periodStart', 'periodEnd'];
}

const dateMutation = (label: string, date: string): Mutation => ({
  label,
  apply: (r) => {
    for (const f of dateFields(r)) r[f] = date;
    return r;
  },
});

function pushMutations(world: World): Mutation[] {
  const { colleague, outsider, otherAdmin } = world.others;
  return [
    countMutation('count-negative', () => -3, true),
    countMutation('count-fractional', (n) => n + 0.5, true),
    countMutation('count-huge', () => 1e9, true),
    countMutation('count-enormous', () => 1e21, true),
    countMutation('count-as-string', (n) => String(n), false),
    countMutation('total-mismatch', (n) => n + 7, false),
    { label: 'measure-unknown', apply: (r) => ({ ...r, measureId: '99.99' }) },
    { label: 'indicator-unknown', apply: (r) => ('indicatorId' in r ? { ...r, indicatorId: `${String(r.measureId)}.i99` } : { ...r, measureId: 'x' }) },
    { label: 'district-unknown', apply: (r) => (r.kind === 'serviceLog' ? { ...r, district: 'atlantis' } : { ...r, measureId: '0.0' }) },
    {
      label: 'dimension-unknown',
      apply: (r) => {
        const t = table(r);
        if (!t || !(t.cells as Mutable[]).length) return { ...r, kind: 'unknownKind' };
        (t.cells as Mutable[])[0] = { ...(t.cells as Mutable[])[0], sex: 'martian' };
        return r;
      },
    },
    dateMutation('date-before-plan', '1999-05-10'),
    dateMutation('date-after-plan', '2025-05-10'),
    dateMutation('date-future', '2099-05-10'),
    dateMutation('date-impossible', '2023-02-30'),
    dateMutation('date-not-a-date', '10.05.2023'),
    { label: 'revision-zero', apply: (r) => ({ ...r, revision: 0 }) },
    { label: 'revision-fractional', apply: (r) => ({ ...r, revision: 1.5 }) },
    { label: 'revision-huge', apply: (r) => ({ ...r, revision: 1e12 }) },
    { label: 'hash-wrong', apply: (r) => ({ ...r, contentHash: 'f'.repeat(64) }) },
    { label: 'hash-missing', apply: (r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'contentHash')) },
    {
      label: 'field-missing',
      apply: (r, rng) => {
        const gone = rng.pick(['measureId', 'kind', 'id', 'createdAt', 'teamId']);
        return Object.fromEntries(Object.entries(r).filter(([k]) => k !== gone));
      },
    },
    { label: 'field-unknown', apply: (r) => ({ ...r, personName: 'Олена Коваленко' }) },
    {
      label: 'wrong-types',
      apply: (r, rng) => {
        const field = rng.pick(['deleted', 'revision', 'measureId', 'createdAt']);
        return { ...r, [field]: rng.pick([{}, [], 'true', field === 'revision' ? '7' : 7]) };
      },
    },
    { label: 'id-not-uuid', apply: (r) => ({ ...r, id: 'not-a-uuid' }) },
    { label: 'not-an-object', apply: (_r, rng) => rng.pick([null, 42, 'record', [], true]) },
    {
      label: 'control-char-text',
      apply: (r, rng) => {
        const ch = rng.pick(['\u0000', '\u0001', '\u001b', '\u007f', '\u0008']);
        const field = rng.pick([...textFields(r), 'deviceId']);
        const current = field.split('.').reduce<unknown>((o, k) => (o as Mutable)[k], r);
        setPath(r, field, `${String(current).slice(0, 40)}${ch}x`);
        return r;
      },
    },
    { label: 'control-char-id', apply: (r, rng) => ({ ...r, [rng.pick(['teamId', 'authorId'])]: `id\u0000${rng.hex(4)}` }), rights: true },
    { label: 'author-colleague', rights: true, apply: (r) => ({ ...r, authorId: colleague.id }) },
    { label: 'author-other-team', rights: true, apply: (r) => ({ ...r, authorId: outsider.id }) },
    { label: 'author-and-team-other', rights: true, apply: (r) => ({ ...r, authorId: outsider.id, teamId: outsider.teamId }) },
    { label: 'author-admin', rights: true, apply: (r) => ({ ...r, authorId: otherAdmin.id }) },
    { label: 'author-local', rights: true, apply: (r) => ({ ...r, authorId: 'local:0190b1a2-0000-7000-8000-000000000000' }) },
    { label: 'author-unknown', rights: true, apply: (r, rng) => ({ ...r, authorId: rng.uuidv7(Date.UTC(2024, 0, 1)) }) },
    { label: 'team-other', rights: true, apply: (r) => ({ ...r, teamId: world.teams.b }) },
    { label: 'team-unknown', rights: true, apply: (r) => ({ ...r, teamId: 'team-that-does-not-exist' }) },
    { label: 'injection-text', keepValid: true, apply: (r) => r },
  ];
}

/** Re-seals a mutated record's hash when the mutation is about content, so only that defect shows. */
function resealed(r: unknown, keepHash: boolean, seal: (x: Mutable) => string | null): unknown {
  if (keepHash || !r || typeof r !== 'object' || Array.isArray(r)) return r;
  const hash = seal(r as Mutable);
  return hash ? { ...(r as Mutable), contentHash: hash } : r;
}

/** May `actor` write the record this rights mutation made (issue 8: own records; a supervisor, its team members')? */
/**
 * The server's rights (docs/server.md): a supervisor imports records of a colleague in a team
 * both belong to; an admin imports records of any non-admin user into a team that user belongs
 * to (the colleague in team a, the outsider in team b); nobody else writes another's record.
 */
function mayWrite(actor: ActorName, label: string): boolean {
  if (label === 'author-colleague') return actor === 'supervisor' || actor === 'admin';
  if (label === 'author-and-team-other') return actor === 'admin';
  return false;
}

export interface PushCaseDeps {
  seal: (record: Mutable) => string | null;
}

const envelopeMutations = ['json-malformed', 'envelope-wrong-type', 'envelope-missing', 'envelope-unknown-field', 'protocol-old', 'protocol-new', 'device-other', 'device-control', 'batch-id-bad', 'records-empty', 'batch-too-many', 'body-too-large'] as const;
const envelopeStatus: Record<(typeof envelopeMutations)[number], number> = {
  'json-malformed': 400,
  'envelope-wrong-type': 400,
  'envelope-missing': 400,
  'envelope-unknown-field': 400,
  'protocol-old': 426,
  'protocol-new': 422,
  'device-other': 403,
  'device-control': 400,
  'batch-id-bad': 400,
  'records-empty': 400,
  'batch-too-many': 413,
  'body-too-large': 413,
};

export function pushMutationCase(world: World, deps: PushCaseDeps): fc.Arbitrary<FuzzCase> {
  const mutations = pushMutations(world);
  const pusher = fc.constantFrom<ActorName>('field_worker', 'trainer', 'supervisor', 'admin', 'field_worker', 'supervisor', 'none');
  return fc
    .record({
      actor: pusher,
      // unbiased: fast-check favours small integers, and equal seeds would make equal record ids
      seed: fc.noBias(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      size: fc.integer({ min: 1, max: 5 }),
      // one in four breaks the envelope, the rest one record among valid ones
      envelope: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.constantFrom(...envelopeMutations), weight: 1 }),
      mutation: fc.constantFrom(...mutations),
      injection: injectionString(),
      control: controlString(),
    })
    .map(({ actor, seed, size, envelope, mutation, injection }) => {
      const rng = new Prng(seed);
      const who = world.actors[actor === 'none' ? 'field_worker' : actor];
      const author = { authorId: who.account.id, deviceId: who.deviceKey, teamId: who.account.teamId };
      const at = new Date(Date.UTC(2024, 0, 12, 9, 0, rng.int(0, 59)));
      const records: unknown[] = Array.from({ length: size }, () => newRecord(rng, author, at) as unknown);
      const k = rng.int(0, size - 1);
      let label: string;
      let push: PushExpectation;
      let body: FuzzCase['body'];
      const envelopeOf = (recs: unknown[]) => ({ protocolVersion: SYNC_PROTOCOL_VERSION, batchId: rng.uuidv7(at.getTime()), deviceId: who.deviceKey, records: recs });
      if (envelope) {
        label = envelope;
        push = { refused: records.map((_r, i) => i), siblings: [], rights: false, status: envelopeStatus[envelope] };
        const e: Mutable = envelopeOf(records);
        if (envelope === 'json-malformed') body = { raw: JSON.stringify(e).slice(0, -7) };
        else {
          if (envelope === 'envelope-wrong-type') e[rng.pick(['protocolVersion', 'records', 'batchId'])] = rng.pick([{}, 'x', true]);
          if (envelope === 'envelope-missing') delete e[rng.pick(['protocolVersion', 'records', 'batchId', 'deviceId'])];
          if (envelope === 'envelope-unknown-field') e.sentBy = 'Олена';
          if (envelope === 'protocol-old') e.protocolVersion = MIN_SYNC_PROTOCOL_VERSION - 1;
          if (envelope === 'protocol-new') e.protocolVersion = SYNC_PROTOCOL_VERSION + 1;
          if (envelope === 'device-other') e.deviceId = world.actors.trainer.deviceKey === who.deviceKey ? world.actors.supervisor.deviceKey : world.actors.trainer.deviceKey;
          if (envelope === 'device-control') e.deviceId = `${who.deviceKey}\u0000`;
          if (envelope === 'batch-id-bad') e.batchId = rng.pick(['1', 'not-a-uuid', '00000000-0000-4000-8000-000000000000']);
          if (envelope === 'records-empty') e.records = [];
          if (envelope === 'batch-too-many') e.records = Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_x, i) => records[i % records.length]);
          body = envelope === 'body-too-large' ? { oversize: MAX_BATCH_BYTES + 10_000 } : { json: e };
        }
      } else {
        label = mutation.label;
        const copy = JSON.parse(JSON.stringify(records[k])) as Mutable;
        let changed = mutation.apply(copy, rng, actor);
        let verbatim: PushExpectation['verbatim'];
        if (mutation.label === 'injection-text') {
          // free text only: ids and dates would be refused for being unknown, not for the text
          const fields = textFields(copy).filter((f) => !['district', 'indicatorId'].includes(f));
          if (fields.length) {
            const field = rng.pick(fields);
            setPath(copy, field, injection);
            verbatim = { index: k, field, value: injection };
          }
          changed = copy;
        }
        const keepHash = mutation.label.startsWith('hash-');
        records[k] = resealed(changed, keepHash, deps.seal);
        const allowed = mutation.keepValid || (mutation.rights && mayWrite(actor, mutation.label));
        push = {
          refused: allowed ? [] : [k],
          siblings: records.map((_r, i) => i).filter((i) => allowed || i !== k),
          rights: Boolean(mutation.rights),
          ...(verbatim ? { verbatim } : {}),
        };
        body = { json: envelopeOf(records) };
      }
      if (actor === 'none') push = { refused: records.map((_r, i) => i), siblings: [], rights: false, status: 401 };
      const control = body && 'json' in body ? hasControlChar(body.json) : body && 'raw' in body ? hasControlChar(body.raw) : false;
      return {
        op: 'POST /api/v1/sync/push',
        label: `mutation:${label}`,
        actor,
        method: 'POST' as const,
        url: '/api/v1/sync/push',
        headers: { 'content-type': 'application/json', ...(actor !== 'none' ? { authorization: `Bearer ${who.token}` } : {}) },
        ...(body ? { body } : {}),
        control,
        push,
      };
    });
}
