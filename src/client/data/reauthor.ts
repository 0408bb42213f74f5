import type { FieldRecord } from '../../shared/records/schemas';
import { sealRecord } from '../../shared/records/hash';
import { getCodec } from './codec';
import { getDb } from './db';
import { guardWrite, WriteConflictError } from './errors';
import { decodeRow } from './recordRead';
import { LOCAL_AUTHOR_PREFIX } from './rows';

/**
 * Records made before the first login carry the local "who am I" identity (`local:` author,
 * `local-team:` team). At login they become the logged-in user's, in the team they chose.
 *
 * Why a rewrite in place and not a new revision: no revision of such a record can be on the
 * server. Uploads send only the logged-in user's own records (freezeUploads), so a `local:`
 * record is never frozen or sent, and the server would refuse a `local:` author anyway. The same
 * id and revision are kept, so nothing is duplicated; only the envelope and its hash change.
 * A crash half-way leaves some records `local:`; the next sync runs this again (it is idempotent).
 */
export async function reauthorLocalRecords(author: { authorId: string; teamId: string }): Promise<number> {
  const db = getDb();
  const rows = await db.records.where('authorId').startsWith(LOCAL_AUTHOR_PREFIX).toArray();
  let done = 0;
  for (const first of rows) if (await reauthorOne(first.id, author)) done++;
  return done;
}

function reauthored(record: FieldRecord, author: { authorId: string; teamId: string }): FieldRecord {
  return sealRecord({ ...record, authorId: author.authorId, teamId: author.teamId });
}

async function reauthorOne(id: string, author: { authorId: string; teamId: string }): Promise<boolean> {
  const db = getDb();
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await db.records.get(id);
    if (!before || !before.authorId.startsWith(LOCAL_AUTHOR_PREFIX)) return false;
    const { record } = await decodeRow(before);
    const payload = await getCodec().encode(reauthored(record, author));
    const written = await guardWrite(() =>
      db.transaction('rw', db.records, db.outbox, async () => {
        const current = await db.records.get(id);
        if (current?.localVersion !== before.localVersion) return false;
        await db.records.put({ ...current, authorId: author.authorId, teamId: author.teamId, payload, localVersion: current.localVersion + 1 });
        // Defensive: a frozen copy of this revision (there should be none) must match what goes up.
        await db.outbox
          .where('recordId')
          .equals(id)
          .filter((e) => e.frozen !== null && e.revision === current.revision)
          .modify({ frozen: payload });
        return true;
      }),
    );
    if (written) return true;
  }
  throw new WriteConflictError();
}
