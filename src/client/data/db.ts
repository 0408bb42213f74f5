import Dexie, { type Table, type Transaction } from 'dexie';
import type { CatalogueRow, DraftRow, MetaRow, OutboxRow, RecordRow, StoredRecordRow, StoredServerRecordRow, StoredSessionRow, VaultRow } from './rows';

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

  /** `upTo` exists for migration tests: it opens the database as an older release did. */
  constructor(name: string = DB_NAME, options: { upTo?: number } = {}) {
    super(name);
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
