import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS } from './constants';

/**
 * Sizing batches without serialising them: the exact number of UTF-8 bytes `JSON.stringify`
 * would write for a value, counted by walking it (no string is built). The transport
 * serialises each batch once, when it sends it; sizing it must not be a second serialisation.
 */
export function jsonByteLength(value: unknown): number {
  return sizeOf(value, false) ?? 0;
}

function stringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6; // a lone surrogate is written as \udxxx
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** null: JSON.stringify leaves the value out (undefined, a function, a symbol). */
function sizeOf(value: unknown, inArray: boolean): number | null {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return sizeOf((value as { toJSON: () => unknown }).toJSON(), inArray);
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? 4 : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
  }
  if (value === null || value === undefined) return 4;
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const item of value) n += sizeOf(item, true)!;
    return n;
  }
  let n = 2;
  let first = true;
  for (const key of Object.keys(value)) {
    const v = sizeOf((value as Record<string, unknown>)[key], false);
    if (v === null) continue;
    n += (first ? 0 : 1) + stringBytes(key) + 1 + v;
    first = false;
  }
  return n;
}

/** What a push request holds besides its records (version, batch id, device id, brackets). */
export const ENVELOPE_ALLOWANCE = 512;

/**
 * A batch being filled under the server's two caps. `add(size)` takes a record of that many
 * bytes if it still fits (the first always does) and says whether it did.
 */
export class BatchBudget {
  count = 0;
  bytes = ENVELOPE_ALLOWANCE;

  constructor(
    readonly maxRecords = MAX_BATCH_RECORDS,
    readonly maxBytes = MAX_BATCH_BYTES,
  ) {}

  get full(): boolean {
    return this.count >= this.maxRecords;
  }

  add(size: number): boolean {
    // + 1: the comma between records
    if (this.count > 0 && (this.count >= this.maxRecords || this.bytes + size + 1 > this.maxBytes)) return false;
    this.count++;
    this.bytes += size + 1;
    return true;
  }
}
