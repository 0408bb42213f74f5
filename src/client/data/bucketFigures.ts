import { recordPeriod } from '../../shared/records/period';
import { factsOfRecord, type Fact } from '../../shared/reports/facts';
import type { StatusedFact } from '../../shared/reports/query';
import type { ReviewStatus } from '../../shared/sync/protocol';
import type { StoredRecord } from './recordRead';
import { deviceReviewStatus } from './reviewStatus';

/**
 * What one bucket of the aggregates (aggregates.ts) holds, worked out from its records and then
 * sealed: the summed facts the device report and the plan screen add up, and the counts the
 * review list shows. Each screen reads its part without decoding a record.
 */

/** A record's review as the device knows it; `draft` for its own drafts, which only the plan counts. */
type CellStatus = ReviewStatus | 'draft';

/**
 * One summed cell: [source, indicatorId, month of the fact, teamId, district, sex, ageBand, group,
 * sphere, documentRef, status, author, value, planId]. `author` is that of the device's own records
 * (the plan's "mine"); null for the server's copies, which the plan does not count. `planId`: the
 * plan the record was made under (two plans may both have a measure 1.1).
 */
type Cell = [StatusedFact['source'], string | null, string, string, string, string, string, string, string, string | null, CellStatus, string | null, number, string];

/** Records the review list shows, counted by [teamId, review status, month their days end]. */
type Tally = [string, ReviewStatus, string, number];

// 3: events' audience and memberships of other groups (issue 11) are facts now; 4: cells name
// their plan (issue 13). A bucket sealed before lacks them, so it is recomputed on its first read.
const FORMAT = 4;

/** As sealed. `format` tells a bucket an earlier release sealed (a bare array of cells): it is recomputed. */
export interface Figures {
  format: typeof FORMAT;
  cells: Cell[];
  tallies: Tally[];
}

export function isFigures(value: unknown): value is Figures {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === FORMAT;
}

function addCells(cells: Map<string, Cell>, stored: StoredRecord, author: string | null): void {
  const status: CellStatus = deviceReviewStatus(stored) ?? 'draft';
  for (const f of factsOfRecord(stored.record)) {
    const cell: Cell = [f.source, f.indicatorId, f.date.slice(0, 7), f.teamId, f.district, f.sex, f.ageBand, f.group, f.sphere, f.documentRef, status, author, f.value, f.planId];
    const key = JSON.stringify([f.planId, ...cell.slice(0, 12)]);
    const seen = cells.get(key);
    if (seen) seen[12] += f.value;
    else cells.set(key, cell);
  }
}

/** Listed for review as matchesReview (features/review) sees it: not a draft, not deleted. */
function addTally(tallies: Map<string, Tally>, stored: StoredRecord): void {
  const status = deviceReviewStatus(stored);
  if (status === null || stored.record.deleted) return;
  const tally: Tally = [stored.record.teamId, status, recordPeriod(stored.record).end.slice(0, 7), 1];
  const key = JSON.stringify(tally.slice(0, 3));
  const seen = tallies.get(key);
  if (seen) seen[3] += 1;
  else tallies.set(key, tally);
}

/** A bucket's figures from its records: the device's own, and the server copies it does not hold itself. */
export function figuresOf(own: readonly StoredRecord[], team: readonly StoredRecord[]): Figures {
  const cells = new Map<string, Cell>();
  const tallies = new Map<string, Tally>();
  for (const stored of own) addCells(cells, stored, stored.record.authorId);
  for (const stored of team) addCells(cells, stored, null);
  for (const stored of [...own, ...team]) addTally(tallies, stored);
  return { format: FORMAT, cells: [...cells.values()], tallies: [...tallies.values()] };
}

/** A fact of the device's own records with its author: what the plan counts (drafts too, whatever their review). */
export type OwnFact = Fact & { authorId: string };

export interface ReviewTally {
  teamId: string;
  status: ReviewStatus;
  /** YYYY-MM: the month of the record's last day */
  endMonth: string;
  count: number;
}

export interface OpenedFigures {
  /** the report's: drafts left out, each with the review status the device knows */
  facts: StatusedFact[];
  ownFacts: OwnFact[];
  tallies: ReviewTally[];
}

/** Cells as facts; a fact's date is the first of its month (report and plan periods are whole months). */
function factOf(measureId: string, cell: Cell): Fact {
  const [source, indicatorId, month, teamId, district, sex, ageBand, group, sphere, documentRef, , , value, planId] = cell;
  return { recordId: '', planId, measureId, source, indicatorId, date: `${month}-01`, teamId, district, sex, ageBand, group, sphere, documentRef, value };
}

export function openFigures(measureId: string, figures: Figures): OpenedFigures {
  const facts: StatusedFact[] = [];
  const ownFacts: OwnFact[] = [];
  for (const cell of figures.cells) {
    const [status, author] = [cell[10], cell[11]];
    if (status !== 'draft') facts.push({ ...factOf(measureId, cell), status });
    if (author !== null) ownFacts.push({ ...factOf(measureId, cell), authorId: author });
  }
  const tallies = figures.tallies.map(([teamId, status, endMonth, count]) => ({ teamId, status, endMonth, count }));
  return { facts, ownFacts, tallies };
}
