import { valueIds, type CellDimension } from '../../../shared/dimensions';
import type { Axis } from './tally';

export interface GridLayout {
  rows: Axis | null;
  columns: Axis | null;
  /** dimensions chosen one value at a time above the grid (e.g. the social group) */
  layers: Axis[];
}

const axis = (dim: CellDimension): Axis => ({ dim, values: valueIds(dim) });

/** Sex across, age bands down, anything else (group, organisation) as a choice above the grid. */
export function layoutFor(dims: readonly CellDimension[]): GridLayout {
  const set = new Set(dims);
  const columns = set.has('sex') ? axis('sex') : null;
  const rowDim: CellDimension | undefined = (['ageBand', 'group', 'sphere'] as const).find((d) => set.has(d));
  const rows = rowDim ? axis(rowDim) : null;
  const layers = (['group', 'sphere'] as const).filter((d) => set.has(d) && d !== rowDim).map(axis);
  return { rows, columns, layers };
}
