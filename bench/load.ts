import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { FactsTable } from '../src/server/db/schema';

/** Bulk loads straight into the facts table: no HTTP, no validation, one transaction per chunk. */

export const FACT_COLUMNS = [
  'record_id', 'position', 'measure_id', 'source', 'indicator_id', 'date', 'team_id', 'district',
  'sex', 'age_band', 'grp', 'sphere', 'value', 'document_ref', 'review_status',
] as const satisfies readonly (keyof FactsTable)[];

export interface Loader {
  insert: (rows: FactsTable[]) => Promise<void>;
  close: () => Promise<void>;
}

export function sqliteLoader(file: string): Loader {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const statement = db.prepare(
    `insert into facts (${FACT_COLUMNS.join(', ')}) values (${FACT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertAll = db.transaction((rows: FactsTable[]) => {
    for (const r of rows) statement.run(FACT_COLUMNS.map((c) => r[c]));
  });
  return {
    insert: async (rows) => void insertAll(rows),
    close: async () => void db.close(),
  };
}

const PG_TYPES: Record<(typeof FACT_COLUMNS)[number], string> = {
  record_id: 'text', position: 'int', measure_id: 'text', source: 'text', indicator_id: 'text', date: 'text',
  team_id: 'text', district: 'text', sex: 'text', age_band: 'text', grp: 'text', sphere: 'text', value: 'int',
  document_ref: 'text', review_status: 'text',
};

/** One INSERT … SELECT FROM unnest(arrays) per chunk: a column of values per parameter. */
export async function postgresLoader(url: string, schema: string): Promise<Loader> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const text =
    `insert into facts (${FACT_COLUMNS.join(', ')}) select * from unnest(` +
    FACT_COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c]}[]`).join(', ') +
    ')';
  return {
    insert: async (rows) => {
      await client.query(text, FACT_COLUMNS.map((c) => rows.map((r) => r[c])));
    },
    close: () => client.end(),
  };
}
