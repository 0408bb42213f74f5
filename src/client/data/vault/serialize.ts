/**
 * Values to bytes and back, for encryption. JSON, with the few values JSON would change marked
 * (undefined, NaN, ±Infinity, dates), so a body decrypts to what was stored, as the plain codec's
 * structured clone kept it. Records and drafts are plain data: nothing else needs to survive.
 */

const TAG = '\u0000kyiv1325';

type Tagged = { [TAG]: 'undefined' | 'NaN' | 'Infinity' | '-Infinity' | 'date'; v?: string };

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof Date) return { [TAG]: 'date', v: original.toISOString() } satisfies Tagged;
  if (value === undefined) return { [TAG]: 'undefined' } satisfies Tagged;
  if (typeof value === 'number' && !Number.isFinite(value)) return { [TAG]: String(value) as Tagged[typeof TAG] } satisfies Tagged;
  return value;
}

const UNDEFINED = Symbol('undefined');

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => {
    const r = revive(v);
    return r === UNDEFINED ? undefined : r;
  });
  if (value === null || typeof value !== 'object') return value;
  const tag = (value as Partial<Tagged>)[TAG];
  if (tag === 'undefined') return UNDEFINED;
  if (tag === 'NaN') return NaN;
  if (tag === 'Infinity') return Infinity;
  if (tag === '-Infinity') return -Infinity;
  if (tag === 'date') return new Date((value as Tagged).v ?? '');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = revive(v);
    out[k] = r === UNDEFINED ? undefined : r;
  }
  return out;
}

export function toBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify({ v: value }, replacer));
}

export function fromBytes(bytes: BufferSource): unknown {
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { v: unknown };
  const value = revive(parsed.v);
  return value === UNDEFINED ? undefined : value;
}
