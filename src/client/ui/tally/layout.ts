import { offeredValueIds, valueIds, type CellDimension } from '../../../shared/dimensions';
import { cellOf, type Axis, type TallyState } from './tally';

export interface GridLayout {
  rows: Axis | null;
  columns: Axis | null;
  /** dimensions chosen one value at a time above the grid (e.g. the social group) */
  layers: Axis[];
}

/**
 * The values offered for new counts, plus any deprecated value the counts already hold (a record
 * made with the old age bands 18–34 / 35–59 keeps its rows when opened again), in the
 * dimension's order.
 */
function axis(dim: CellDimension, counts: TallyState['counts']): Axis {
  const held = new Set(Object.keys(counts).map((key) => cellOf(key)[dim]));
  const offered = new Set(offeredValueIds(dim));
  return { dim, values: valueIds(dim).filter((v) => offered.has(v) || held.has(v)) };
}

/** Sex across, age bands down, anything else (group, organisation) as a choice above the grid. */
export function layoutFor(dims: readonly CellDimension[], state?: Pick<TallyState, 'counts' | 'contacts'>): GridLayout {
  // A cell's contacts keep its row too, even with no persons left in it.
  const counts = { ...state?.contacts, ...state?.counts };
  const set = new Set(dims);
  const columns = set.has('sex') ? axis('sex', counts) : null;
  const rowDim: CellDimension | undefined = (['ageBand', 'group', 'sphere'] as const).find((d) => set.has(d));
  const rows = rowDim ? axis(rowDim, counts) : null;
  const layers = (['group', 'sphere'] as const).filter((d) => set.has(d) && d !== rowDim).map((d) => axis(d, counts));
  return { rows, columns, layers };
}
