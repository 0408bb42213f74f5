import Dexie, { type Collection, type Table } from 'dexie';
import type { ReviewStatus } from '../../shared/sync/protocol';
import { getDb } from './db';
import { clearReviewStatus } from './reviewStatus';
import type { StoredRecordRow } from './rows';

/**
 * The device's records in the review list's order, read through the date indexes a chunk at a
 * time and narrowed on their clear columns, none decoded: the device's own and the server copies
 * it does not hold itself (its own copy wins, as in mergeDeviceRecords), newest day first and ids
 * ascending within a day (sortForReview: the day a record starts is its row's `date`).
 */

export interface DeviceReviewQuery {
  /** '' for any */
  teamId: string;
  status: ReviewStatus | '';
  measureId: string;
  /** YYYY-MM, or '' for any: records whose days touch the month */
  month: string;
}

/** `records` or `serverRecords`: read only, so either one's rows as the shape they share. */
type Rows = Pick<Table<StoredRecordRow, string>, 'where'>;

/** Rows read per query: enough for a page, few enough that a far-off stop reads little. */
const CHUNK = 64;

/** The review order: newest day first, then ids as sortForReview compares them. */
export function inReviewOrder(a: StoredRecordRow, b: StoredRecordRow): number {
  return a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1;
}

/**
 * False when the clear columns already rule a row out of the list; true when it may be in it (only
 * the opened record tells for sure: a sealed verdict, or the last day of an event or report period).
 */
function mayMatch(q: DeviceReviewQuery, row: StoredRecordRow): boolean {
  if (row.status === 'draft' || row.deleted) return false;
  if (q.teamId && row.teamId !== q.teamId) return false;
  if (q.month) {
    const start = row.date.slice(0, 7);
    // A service is one day; an event or an indicator's period may end in a later month.
    if (start > q.month || (row.kind === 'serviceLog' && start < q.month)) return false;
  }
  const status = clearReviewStatus(row);
  return !q.status || status === undefined || status === q.status;
}

/** The days left to read, newest first: up to the month asked, then below the last day read. */
function daysBefore(table: Rows, q: DeviceReviewQuery, before: string | null): Collection<StoredRecordRow, string> {
  const top = before ?? (q.month ? `${q.month}-\uffff` : Dexie.maxKey);
  const inclusive = before === null;
  const range = q.measureId
    ? table.where('[measureId+date]').between([q.measureId, Dexie.minKey], [q.measureId, top], true, inclusive)
    : table.where('date').between(Dexie.minKey, top, true, inclusive);
  return range.reverse();
}

function oneDay(table: Rows, q: DeviceReviewQuery, date: string): Collection<StoredRecordRow, string> {
  return q.measureId ? table.where('[measureId+date]').equals([q.measureId, date]) : table.where('date').equals(date);
}

/** One table's rows that may match, in review order, a chunk of whole days at a time. */
async function* tableInOrder(table: Rows, q: DeviceReviewQuery, drop: (rows: StoredRecordRow[]) => Promise<StoredRecordRow[]>): AsyncGenerator<StoredRecordRow[]> {
  const keep = (row: StoredRecordRow) => mayMatch(q, row);
  let before: string | null = null;
  for (;;) {
    const rows: StoredRecordRow[] = await daysBefore(table, q, before).filter(keep).limit(CHUNK).toArray();
    if (rows.length === 0) return;
    const last: string = rows[rows.length - 1]!.date;
    const whole = rows.length < CHUNK;
    // The limit may have cut the last day short, and ids sort ascending within a day: read it all.
    const lastDay = whole ? rows.filter((r) => r.date === last) : await oneDay(table, q, last).filter(keep).toArray();
    yield (await drop([...rows.filter((r) => r.date !== last), ...lastDay])).sort(inReviewOrder);
    if (whole) return;
    before = last;
  }
}

/** Server copies of records the device holds itself: its own copy is the one listed. */
async function notHeld(rows: StoredRecordRow[]): Promise<StoredRecordRow[]> {
  if (rows.length === 0) return rows;
  const held = new Set(await getDb().records.where('id').anyOf(rows.map((r) => r.id)).primaryKeys());
  return rows.filter((r) => !held.has(r.id));
}

/** A stream of chunks read one row at a time, the next chunk only when the last one is used up. */
class Reader {
  private chunk: StoredRecordRow[] = [];
  private at = 0;
  private done = false;
  constructor(private readonly chunks: AsyncGenerator<StoredRecordRow[]>) {}

  async head(): Promise<StoredRecordRow | undefined> {
    while (this.at >= this.chunk.length && !this.done) {
      const next = await this.chunks.next();
      if (next.done) this.done = true;
      else [this.chunk, this.at] = [next.value, 0];
    }
    return this.chunk[this.at];
  }

  take(): void {
    this.at += 1;
  }
}

/** The device's rows that may match the query, own and server copies merged, in review order. */
export async function* deviceRowsInReviewOrder(q: DeviceReviewQuery): AsyncGenerator<StoredRecordRow> {
  const db = getDb();
  const own = new Reader(tableInOrder(db.records, q, async (rows) => rows));
  const team = new Reader(tableInOrder(db.serverRecords, q, notHeld));
  for (;;) {
    const [a, b] = await Promise.all([own.head(), team.head()]);
    if (a && (!b || inReviewOrder(a, b) <= 0)) {
      yield a;
      own.take();
    } else if (b) {
      yield b;
      team.take();
    } else return;
  }
}
