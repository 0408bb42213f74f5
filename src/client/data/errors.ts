import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { bilingual } from '../locales/bilingual';
import { BadAnswerError } from './answers';

/** A write failed because the device is out of space. Nothing stored before is touched. */
export class StorageFullError extends Error {
  readonly text: LocalizedText = bilingual('failure.storageFull');

  constructor(cause: unknown) {
    super('Storage quota exceeded', { cause });
    this.name = 'StorageFullError';
  }
}

/** Another tab changed the same record at the same moment, again and again. */
export class WriteConflictError extends Error {
  readonly text: LocalizedText = bilingual('failure.writeConflict');

  constructor() {
    super('Concurrent write');
    this.name = 'WriteConflictError';
  }
}

interface ErrorLike {
  name?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/**
 * Browsers report a full disk as a QuotaExceededError DOMException; Dexie may wrap it in its own
 * QuotaExceededError, in an AbortError of the transaction (with the cause as `inner`), or in
 * a BulkError's failures. Look through all of these.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (e.name === 'StorageFullError') return true;
  const nested: unknown[] = [e.inner, e.cause];
  if (Array.isArray(e.failures)) nested.push(...e.failures);
  else if (e.failures && typeof e.failures === 'object') nested.push(...Object.values(e.failures));
  return nested.some((n) => isQuotaError(n, depth + 1));
}

/** Runs a write; a full disk comes out as StorageFullError, any other error as it was. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StorageFullError) throw error;
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}

/** Bilingual text for any error a write may throw, for the UI. */
export function errorText(error: unknown): LocalizedText {
  if (error instanceof StorageFullError || error instanceof WriteConflictError || error instanceof BadAnswerError) return error.text;
  const detail = error instanceof Error ? error.message : String(error);
  return bilingual('failure.saveFailed', { detail });
}
