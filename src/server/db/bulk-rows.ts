import { CompiledQuery, type Kysely } from 'kysely';
import { isSqlite } from './dialect';
import type { Database } from './schema';

/** The PostgreSQL type of each column a bulk insert writes, in the order it writes them. */
export type ColumnTypes<Row> = { readonly [K in keyof Row]-?: 'text' | 'integer' | 'bigint' };

/** Kept far below SQLite's limit of 32,766 parameters per statement. */
const SQLITE_MAX_PARAMETERS = 30_000;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A multi-row INSERT of `rows` into `table`, compiled here rather than by Kysely's builder, with
 * `tail` after it (ON CONFLICT …, RETURNING …; plain SQL both databases read alike), in chunks
 * that stay under SQLite's parameter limit; the rows each chunk returns, in order.
 *
 * Why not the builder: for a push's 200 revisions (22 columns), 200 latest rows and ~500 facts,
 * Kysely builds and walks an operation node per value (some 17,000) and the SQL text anew each
 * time: about 2 ms of a push's CPU on SQLite, more than the INSERTs themselves cost there. Here the
 * SQL text is one string per (table, row count, tail), which the statement cache (statement-cache.ts)
 * then finds prepared, and the values go straight to the driver.
 *
 * PostgreSQL gets `INSERT … SELECT * FROM unnest($1::text[], $2::integer[], …)`, one array
 * parameter per column, instead of a VALUES list with a parameter per cell: for a 200-record
 * batch's facts (500 rows × 15 columns) the server parses and binds 15 parameters, not 7,500, and
 * the insert takes about half the time; and its text does not grow with the rows either.
 */
export async function insertRows<Row extends object, Out = Record<string, unknown>>(
  db: Kysely<Database>,
  table: string,
  types: ColumnTypes<Row>,
  rows: readonly Row[],
  tail = '',
): Promise<Out[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(types) as (keyof Row & string)[];
  const head = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) `;
  const after = tail ? ` ${tail}` : '';
  if (!isSqlite(db)) {
    const arrays = columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ');
    const parameters = columns.map((c) => rows.map((r) => (r[c] ?? null) as unknown));
    return (await db.executeQuery<Out>(CompiledQuery.raw(`${head}select * from unnest(${arrays})${after}`, parameters))).rows;
  }
  const perRow = `(${columns.map(() => '?').join(', ')})`;
  const chunk = Math.max(1, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
  const out: Out[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const parameters: unknown[] = new Array(part.length * columns.length);
    let p = 0;
    for (const r of part) for (const c of columns) parameters[p++] = r[c] ?? null;
    const text = `${head}values ${new Array(part.length).fill(perRow).join(', ')}${after}`;
    out.push(...(await db.executeQuery<Out>(CompiledQuery.raw(text, parameters))).rows);
  }
  return out;
}
