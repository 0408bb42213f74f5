import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import type { FuzzCase } from './cases';
import type { OpenApiDocument, Operation } from './openapi';

/**
 * Judges one answer: no 5xx; a status the OpenAPI documents for the operation; a body that
 * matches the documented schema (an ApiError for every error); 401 before anything else on a
 * protected route without a token; nothing written for a refused request or record, counted in
 * the database itself. Each failure gets a class, and the class says whose work it is.
 */

export const FINDING_CLASSES = {
  'control-char-500': 'issue 8 item 3 (server hardening): NUL/control characters refused with 400 naming the field',
  'control-char-accepted': 'issue 8 item 3 (server hardening): NUL/control characters refused with 400 naming the field',
  'control-char-not-400': 'issue 8 item 3 (server hardening): NUL/control characters refused with 400 naming the field',
  'validation-before-auth': 'issue 8 item 3 (server hardening): 401 before 400 on protected routes',
  'error-code-internal': 'issue 8 item 3 (server hardening): every refusal with its documented code',
  'undocumented-status': 'issue 8 item 3 (server hardening): every refusal with its status documented in the OpenAPI',
  'rights-batch-403': 'issue 8 item 3 (rights per record): a record the user may not write is rejected alone, not the whole batch',
  'rights-accepted': 'issue 8 item 3 (rights per record): author is the token user (or a supervised team member), team is the author\'s',
  'batch-refused-whole': 'issue 8 item 3 (per-record isolation): a bad record never blocks the valid ones sent with it',
  'error-not-apierror': 'issue 8 item 3 (server hardening): every refusal an ApiError with its documented code',
  'server-error': 'unowned: a 5xx without a control character in the request',
  'no-answer': 'unowned: no answer within the timeout',
  'body-schema': 'unowned: answer body does not match the documented schema',
  'written-on-refusal': 'unowned: rows written for a refused request or record',
  'accepted-not-stored': 'unowned: answered accepted but not stored',
  'record-accepted': 'unowned: an invalid record was accepted',
  'sibling-lost': 'unowned: a valid record sent with a bad one was not stored',
  'push-status': 'unowned: a malformed push envelope answered other than documented',
  'injection-altered': 'unowned: injection text stored differently from what was sent',
  'role-bypass': 'unowned: a role did what only another role may',
  '400-without-field': 'unowned: a validation error that names no field',
  unhealthy: 'unowned: the server is not healthy after the run',
} as const;
export type FindingClass = keyof typeof FINDING_CLASSES;

export interface Finding {
  class: FindingClass;
  op: string;
  label: string;
  actor: string;
  status: number;
  detail: string;
  request: string;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

export const COUNTED_TABLES = ['teams', 'users', 'memberships', 'devices', 'sessions', 'record_revisions', 'records', 'facts', 'fact_months', 'batches', 'reviews', 'month_locks'] as const;
export type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

export async function countRows(db: Kysely<Database>): Promise<Counts> {
  const columns = COUNTED_TABLES.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`);
  const { rows } = await sql<Record<string, number | string>>`select ${sql.join(columns)}`.execute(db);
  return Object.fromEntries(COUNTED_TABLES.map((t) => [t, Number(rows[0]![t])])) as Counts;
}

export async function revisionRows(db: Kysely<Database>, keys: { id: string; revision: number }[]): Promise<number> {
  const ids = [...new Set(keys.map((k) => k.id))];
  if (ids.length === 0) return 0;
  const rows = await db.selectFrom('record_revisions').select(['record_id', 'revision']).where('record_id', 'in', ids).execute();
  return rows.filter((r) => keys.some((k) => k.id === r.record_id && k.revision === r.revision)).length;
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

export function schemaValidator(doc: OpenApiDocument): (schema: Record<string, unknown>, value: unknown) => string | null {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'api', components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  return (schema, value) => {
    const ref = typeof schema.$ref === 'string' ? `api${schema.$ref}` : null;
    const key = ref ?? JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      validate = ref ? ajv.getSchema(ref)! : ajv.compile(schema);
      cache.set(key, validate);
    }
    if (validate(value)) return null;
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
  };
}

const ADMIN_ONLY = /^(GET|POST) \/api\/v1\/admin\//;
const REVIEWERS_ONLY = /^(POST \/api\/v1\/review\/(verdicts|months\/(lock|unlock))|GET \/api\/v1\/review\/records)$/;

function summary(c: FuzzCase): string {
  const body = c.body === undefined ? '' : 'json' in c.body ? JSON.stringify(c.body.json) : 'raw' in c.body ? c.body.raw : `<${c.body.oversize} bytes>`;
  return `${c.method} ${c.url}${body ? ` ${body.length > 400 ? `${body.slice(0, 400)}…` : body}` : ''}`;
}

export interface JudgeInput {
  c: FuzzCase;
  op: Operation | undefined;
  answer: Answer | null;
  before: Counts;
  after: Counts;
  refusedRows?: { before: number; after: number };
  storedText?: string | null;
  validate: (schema: Record<string, unknown>, value: unknown) => string | null;
}

interface PushResultLike {
  status: string;
  reason?: string;
}

export function judge(input: JudgeInput): Finding[] {
  const { c, op, answer, before, after, validate } = input;
  const findings: Finding[] = [];
  const add = (cls: FindingClass, detail: string) =>
    findings.push({ class: cls, op: c.op, label: c.label, actor: c.actor, status: answer?.status ?? 0, detail, request: summary(c) });
  if (!answer) {
    add('no-answer', 'no answer');
    return findings;
  }
  const status = answer.status;
  const changed = Object.keys(before).filter((t) => before[t as keyof Counts] !== after[t as keyof Counts]);
  const snippet = answer.text.slice(0, 300);

  if (status >= 400 && changed.length) add('written-on-refusal', `answered ${status} but ${changed.map((t) => `${t} ${before[t as keyof Counts]}→${after[t as keyof Counts]}`).join(', ')}`);
  if (status >= 500) {
    add(c.control ? 'control-char-500' : 'server-error', snippet);
    return findings;
  }
  if (!op) return findings;

  const json = answer.json as { error?: { code?: string; issues?: unknown[] } } | null;
  if (op.auth && c.actor === 'none' && status !== 401 && !(status === 413 && op.errors.includes(413))) {
    add(status >= 400 ? 'validation-before-auth' : 'role-bypass', `no token, answered ${status}: ${snippet}`);
  }
  const documented = status === op.success || op.errors.includes(status);
  if (!documented) add('undocumented-status', `${status} is not among ${[op.success, ...op.errors].join(', ')}: ${snippet}`);

  if (status >= 200 && status < 300) {
    if (op.successBody && 'schema' in op.successBody) {
      const problem = answer.json === undefined ? 'not JSON' : validate(op.successBody.schema, answer.json);
      if (problem) add('body-schema', `${status} body: ${problem}`);
    } else if (op.successBody && 'media' in op.successBody) {
      if (!answer.contentType.startsWith(op.successBody.media)) add('body-schema', `content-type ${answer.contentType}, documented ${op.successBody.media}`);
    } else if (answer.text.length) add('body-schema', `${status} should have no body`);
    // a push answers 200 for the batch: its records are judged one by one (judgePush)
    if (c.control && !c.push) add('control-char-accepted', `a control character was accepted (${status})`);
    if (c.actor !== 'admin' && c.actor !== 'none' && ADMIN_ONLY.test(c.op)) add('role-bypass', `${c.actor} got ${status} from an admin route`);
    if ((c.actor === 'field_worker' || c.actor === 'trainer') && REVIEWERS_ONLY.test(c.op)) add('role-bypass', `${c.actor} got ${status} from a reviewers' route`);
  } else if (op.htmlErrors.includes(status) && answer.contentType.startsWith('text/html')) {
    if (!/^<!doctype html>/i.test(answer.text)) add('error-not-apierror', `${status} documented as an HTML page, but it is not one: ${snippet}`);
  } else {
    const problem = answer.json === undefined ? 'not JSON' : validate({ $ref: '#/components/schemas/ApiError' }, answer.json);
    if (problem) add('error-not-apierror', `${status} error body is not an ApiError: ${problem}: ${snippet}`);
    if (json?.error?.code === 'internal') add('error-code-internal', `${status} with code internal`);
    if (status === 400 && json?.error?.code === 'validation_failed' && !json.error.issues?.length) add('400-without-field', snippet);
  }
  if (c.push) judgePush(input, add);
  return findings;
}

function judgePush(input: JudgeInput, add: (cls: FindingClass, detail: string) => void): void {
  const { c, answer, before, after } = input;
  const expect = c.push!;
  const status = answer!.status;
  const snippet = answer!.text.slice(0, 300);
  if (expect.status !== undefined) {
    if (status !== expect.status && !(expect.status === 401 && status >= 400))
      add(c.control && expect.status === 400 ? 'control-char-not-400' : 'push-status', `expected ${expect.status}, got ${status}: ${snippet}`);
    return;
  }
  if (status !== 200) {
    if (status === 403 && expect.rights) add('rights-batch-403', `the whole batch refused with 403 for one record's author/team: ${snippet}`);
    else if (status < 500) add('batch-refused-whole', `one bad record made the whole batch ${status}: ${snippet}`);
    return;
  }
  const results = ((answer!.json as { results?: (PushResultLike & { id: string | null; revision: number | null })[] }).results ?? []) as PushResultLike[];
  const accepted = results.filter((r) => r.status === 'accepted').length;
  const stored = after.record_revisions - before.record_revisions;
  if (stored > accepted) add('written-on-refusal', `${accepted} accepted but ${stored} revisions written`);
  if (stored < accepted) add('accepted-not-stored', `${accepted} accepted but ${stored} revisions written`);
  const acceptedRefused = expect.refused.filter((i) => results[i]?.status === 'accepted');
  for (const i of acceptedRefused) add(expect.rights ? 'rights-accepted' : c.control ? 'control-char-accepted' : 'record-accepted', `record ${i} (${c.label}) was accepted`);
  // a record answered rejected (or conflict) must have left no row behind
  if (!acceptedRefused.length && input.refusedRows && input.refusedRows.after !== input.refusedRows.before)
    add('written-on-refusal', `refused record's revision rows ${input.refusedRows.before}→${input.refusedRows.after}`);
  for (const i of expect.siblings) {
    const r = results[i];
    const ok = r && (r.status === 'accepted' || r.status === 'duplicate' || (r.status === 'conflict' && r.reason === 'locked_period'));
    if (!ok) add('sibling-lost', `valid record ${i} answered ${JSON.stringify(r)}`);
  }
  if (expect.verbatim && results[expect.verbatim.index]?.status === 'accepted' && input.storedText !== expect.verbatim.value)
    add('injection-altered', `${expect.verbatim.field} sent ${JSON.stringify(expect.verbatim.value)}, stored ${JSON.stringify(input.storedText)}`);
}
