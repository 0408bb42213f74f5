import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { FieldRecord } from './schemas';

/**
 * Content hash of a record: SHA-256 over canonical JSON (keys sorted, no whitespace).
 * Synchronous, so the same code runs in the browser, in Node, in tests and inside zod refinements.
 */

/**
 * Keys in UTF-16 code-unit order (Array#sort's default, the same order as `<` on strings), keys
 * with an undefined value left out. Written as a loop over the sorted keys, without the arrays
 * and closures Object.entries/filter/map make per object: the server hashes every pushed record
 * to check it, and this was most of that cost.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export type Sha256Hex = (text: string) => string;

/** Synchronous (zod refinements call it), from a maintained, audited implementation. */
export const portableSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

let sha256Impl: Sha256Hex = portableSha256Hex;

/**
 * The server swaps in its platform's SHA-256 (the same function, some 4× faster over a push's
 * records); this module stays free of Node APIs. Tests check both give the same digests.
 */
export function setSha256(impl: Sha256Hex): void {
  sha256Impl = impl;
}

export function sha256Hex(text: string): string {
  return sha256Impl(text);
}

/** SHA-256 over every field of the record but the hash itself. */
export function contentHashOf(record: Omit<FieldRecord, 'contentHash'> & { contentHash?: string }): string {
  const { contentHash: _ignored, ...rest } = record;
  return sha256Hex(canonicalJson(rest));
}

/** A record without its hash, or with one that no longer matches: each kind keeps its own fields. */
export type UnsealedRecord = FieldRecord extends infer R ? (R extends FieldRecord ? Omit<R, 'contentHash'> & { contentHash?: string } : never) : never;

/**
 * The record with its hash computed afresh. The one place a hash is set: on a new record, a new
 * revision, and after the data layer changed an envelope field (id, author, team).
 */
export function sealRecord(record: UnsealedRecord): FieldRecord {
  const { contentHash: _old, ...rest } = record;
  return { ...rest, contentHash: contentHashOf(rest) };
}
