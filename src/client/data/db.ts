import Dexie, { type Table, type Transaction } from 'dexie';
import { aggregatesMiddleware, staleRow } from './aggregateMarks';
import type { AggregateRow, CatalogueRow, DraftRow, MetaRow, OutboxRow, RecordRow, StoredRecordRow, StoredServerRecordRow, StoredSessionRow, VaultRow } from './rows';

export const DB_NAME = 'kyiv-1325-field';

interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Every schema the app has shipped, oldest first. Never edit a shipped entry: add a version with
 * its upgrade, so a device that skipped releases still walks every step.
 */
export const schemaVersions: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      records: 'id, status, measureId, date, updatedAt',
      drafts: 'key, updatedAt',
      outbox: '[recordId+revision], recordId, state, queuedAt',
      session: 'key',
      meta: 'key',
    },
  },
  {
    // Sync bookkeeping: which revision the server has, a write counter for cross-tab checks,
    // upload attempts; and a table for catalogues the server sends.
    version: 2,
    stores: {
      records: 'id, status, measureId, date, updatedAt, kind, authorId',
      outbox: '[recordId+revision], recordId, state, queuedAt, batchId',
      catalogues: 'id',
    },
    upgrade: async (tx) => {
      await tx.table('records').toCollection().modify((row: Partial<RecordRow>) => {
        row.syncedRevision ??= row.status === 'sent' ? (row.revision ?? null) : null;
        row.localVersion ??= 1;
        row.reason ??= null;
      });
      await tx.table('outbox').toCollection().modify((row: Partial<OutboxRow>) => {
        row.attempts ??= 0;
        row.lastError ??= null;
        row.batchId ??= null;
        row.frozen ??= null;
      });
    },
  },
  {
    // Records a pull brings (a supervisor's team, the user's records from other devices), kept
    // apart from this device's own records and read-only.
    version: 3,
    stores: {
      serverRecords: 'id, teamId, authorId, measureId, date, updatedAt',
    },
  },
  {
    // Encryption at rest: the wrapped data key and the wrong-PIN count. Rows are encrypted at the
    // first unlock (vault/encryptInPlace.ts), not here: an upgrade runs before anyone typed a PIN.
    // Opening version 4 also closes any tab still running release 3, which would write in the clear.
    version: 4,
    stores: {
      vault: 'key',
    },
  },
  {
    // The sync status reads the count and the oldest and newest change of unsent records from
    // this index alone (keys, not rows): it runs after every write and every batch.
    version: 5,
    stores: {
      records: 'id, status, measureId, date, updatedAt, kind, authorId, [status+updatedAt]',
    },
  },
  {
    // A year's records without decoding them on hot paths: the report's aggregates per measure ×
    // month (aggregates.ts; figures sealed), found by measure and month; Today's own records of
    // the day, newest first, by author and change time; a team's records per measure (a form's
    // usual measures, the teams on the device) counted from keys.
    version: 6,
    stores: {
      records: 'id, status, measureId, date, updatedAt, kind, authorId, [status+updatedAt], [measureId+date], [authorId+updatedAt], [teamId+measureId]',
      serverRecords: 'id, teamId, authorId, measureId, date, updatedAt, [measureId+date]',
      aggregates: 'key',
    },
    upgrade: async (tx) => {
      // Every bucket the device has records in starts stale: the first report computes it.
      const stale = new Map<string, AggregateRow>();
      const note = (row: StoredRecordRow) => {
        const mark = staleRow(row);
        stale.set(mark.key, mark);
      };
      await tx.table('records').each(note);
      await tx.table('serverRecords').each(note);
      await tx.table('aggregates').bulkPut([...stale.values()]);
    },
  },
  {
    // Service logs feed a second source, their contacts (serviceContacts), besides their persons:
    // figures sealed before it lack it, so every bucket starts stale and the first report
    // recomputes it from its records. Every bucket with records has a row (aggregateMarks.ts), so
    // the rows alone say which: no record is read here. Opening version 7 also closes any tab
    // still running the release before, which would seal figures without the contacts again.
    version: 7,
    stores: {},
    upgrade: async (tx) => {
      const rows = (await tx.table('aggregates').toArray()) as AggregateRow[];
      await tx.table('aggregates').bulkPut(rows.map((r) => staleRow({ measureId: r.measureId, date: `${r.month}-01` })));
    },
  },
  {
    // A frozen revision's body is no longer copied at the freeze, only when an edit moves its row
    // on (outbox.ts). Nothing to migrate: entries frozen before keep their copies. Opening
    // version 8 closes any tab still running the release before, whose edits would not copy.
    version: 8,
    stores: {},
  },
];

export const LATEST_SCHEMA_VERSION = schemaVersions[schemaVersions.length - 1]!.version;

export class FieldDb extends Dexie {
  records!: Table<StoredRecordRow, string>;
  drafts!: Table<DraftRow, string>;
  outbox!: Table<OutboxRow, [string, number]>;
  session!: Table<StoredSessionRow, string>;
  meta!: Table<MetaRow, string>;
  catalogues!: Table<CatalogueRow, string>;
  serverRecords!: Table<StoredServerRecordRow, string>;
  vault!: Table<VaultRow, string>;
  aggregates!: Table<AggregateRow, string>;

  /** `upTo` exists for migration tests: it opens the database as an older release did. */
  constructor(name: string = DB_NAME, options: { upTo?: number } = {}) {
    super(name);
    this.use(aggregatesMiddleware);
    for (const step of schemaVersions) {
      if (options.upTo !== undefined && step.version > options.upTo) break;
      const v = this.version(step.version).stores(step.stores);
      if (step.upgrade) v.upgrade(step.upgrade);
    }
  }
}

let current: FieldDb | null = null;

/** The app's one database connection. */
export function getDb(): FieldDb {
  current ??= new FieldDb();
  return current;
}

/** Tests and the "wipe this device" path (wipe.ts) swap or drop the connection. */
export function setDatabase(db: FieldDb | null): void {
  current?.close();
  current = db;
}
