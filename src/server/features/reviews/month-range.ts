import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema';

/** First and last day of a month (YYYY-MM), as the text dates records carry. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** Records whose period touches the month: what a lock of that month protects (as push checks it). */
export function touchesMonth(eb: ExpressionBuilder<Database, 'records'>, month: string) {
  const { start, end } = monthRange(month);
  return eb.and([eb('records.period_start', '<=', end), eb('records.period_end', '>=', start)]);
}
