import type { FieldRecord } from '../../shared/records/schemas';
import { getCodec } from './codec';
import { getDb } from './db';
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
    if (entry.frozen) add((await getCodec().decode(entry.frozen)) as FieldRecord);
    else {
      const row = await db.records.get(entry.recordId);
      if (row && row.revision === entry.revision) add((await decodeRow(row)).record);
    }
  }
  for (const row of await db.records.where('status').anyOf('rejected', 'conflict').toArray()) add((await decodeRow(row)).record);
  return [...found.values()];
}

/** How many revisions a hand-off file would carry now (what a wipe would lose). */
export async function countForHandoff(): Promise<number> {
  return (await recordsForHandoff()).length;
}
