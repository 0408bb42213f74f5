import type { FieldRecord } from '../../shared/records/schemas';
import { getCodec } from './codec';
import { getDb } from './db';
import { frozenBody } from './outbox';
import { decodeRow } from './recordRead';

/**
 * The revisions the server does not have yet, for a hand-off file: everything the outbox holds
 * (a frozen body as it was frozen) and records set aside by the server, so nothing that would
 * be lost in a wipe is left out. Drafts stay out: their author never sent them.
 */
export async function recordsForHandoff(): Promise<FieldRecord[]> {
  const db = getDb();
  const found = new Map<string, FieldRecord>();
  const add = (r: FieldRecord) => found.set(`${r.id}:${r.revision}`, r);
  for (const entry of await db.outbox.orderBy('queuedAt').toArray()) {
    // The body an upload of this revision carries (its own copy, or its row's while the row holds it).
    const body = frozenBody(entry, entry.frozen ? undefined : await db.records.get(entry.recordId));
    if (body) add((await getCodec().decode(body)) as FieldRecord);
  }
  for (const row of await db.records.where('status').anyOf('rejected', 'conflict').toArray()) add((await decodeRow(row)).record);
  return [...found.values()];
}

/** How many revisions a hand-off file would carry now (what a wipe would lose). */
export async function countForHandoff(): Promise<number> {
  return (await recordsForHandoff()).length;
}
