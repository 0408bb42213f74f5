import { describe, expect, it } from 'vitest';
import { countTable } from '../../../src/shared/records/counts';
import {
  canUndo,
  countAt,
  emptyTally,
  fromTable,
  grandTotal,
  gridTotals,
  HISTORY_LIMIT,
  lastChange,
  setCount,
  sumWhere,
  tap,
  toTable,
  undo,
  type Cell,
} from '../../../src/client/ui/tally/tally';
import { layoutFor } from '../../../src/client/ui/tally/layout';

const woman18: Cell = { sex: 'female', ageBand: '18-34', group: 'idp' };
const girl14: Cell = { sex: 'female', ageBand: '14-17', group: 'idp' };
const man60: Cell = { sex: 'male', ageBand: '60+', group: 'not_stated' };

describe('tally', () => {
  it('counts one person per tap and keeps running totals', () => {
    let s = emptyTally();
    s = tap(s, woman18);
    s = tap(s, woman18);
    s = tap(s, girl14);
    s = tap(s, man60);
    expect(countAt(s, woman18)).toBe(2);
    expect(grandTotal(s)).toBe(4);
    expect(sumWhere(s, { sex: 'female' })).toBe(3);
    expect(sumWhere(s, { group: 'idp' })).toBe(3);
  });

  it('undoes taps and typed numbers in reverse order', () => {
    let s = tap(tap(emptyTally(), woman18), man60);
    s = setCount(s, woman18, 7);
    expect(lastChange(s)).toEqual({ cell: woman18, delta: 6 });
    s = undo(s);
    expect(countAt(s, woman18)).toBe(1);
    s = undo(s);
    expect(countAt(s, man60)).toBe(0);
    s = undo(s);
    expect(grandTotal(s)).toBe(0);
    expect(canUndo(s)).toBe(false);
    expect(undo(s)).toBe(s);
  });

  it('accepts typed whole numbers from 0 and refuses anything else', () => {
    let s = setCount(emptyTally(), woman18, 12);
    expect(countAt(s, woman18)).toBe(12);
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(setCount(s, woman18, bad)).toBe(s);
    s = setCount(s, woman18, 0);
    expect(s.counts).toEqual({});
  });

  it('gives row, column and overall totals for one slice of the grid', () => {
    let s = emptyTally();
    s = setCount(s, woman18, 3);
    s = setCount(s, girl14, 2);
    s = setCount(s, { sex: 'male', ageBand: '18-34', group: 'idp' }, 4);
    s = setCount(s, { sex: 'male', ageBand: '18-34', group: 'unemployed' }, 100);
    const layout = layoutFor(['sex', 'ageBand', 'group'], s);
    expect(layout.columns?.dim).toBe('sex');
    expect(layout.rows?.dim).toBe('ageBand');
    expect(layout.layers.map((l) => l.dim)).toEqual(['group']);
    const totals = gridTotals(s, layout.rows, layout.columns, { group: 'idp' });
    const row = (band: string) => layout.rows!.values.indexOf(band);
    const col = (sex: string) => layout.columns!.values.indexOf(sex);
    expect(totals.cells[row('18-34')]![col('female')]).toBe(3);
    expect(totals.rowTotals[row('18-34')]).toBe(7);
    expect(totals.rowTotals[row('14-17')]).toBe(2);
    expect(totals.columnTotals[col('female')]).toBe(5);
    expect(totals.columnTotals[col('male')]).toBe(4);
    expect(totals.total).toBe(9);
    expect(grandTotal(s)).toBe(109);
  });

  it('offers the age bands 18–35 and 36–59 for new counts, and keeps an old band a record already holds', () => {
    const fresh = layoutFor(['sex', 'ageBand', 'group']);
    expect(fresh.rows!.values).toEqual(['0-13', '14-17', '18-35', '36-59', '60+', 'not_stated']);
    const old = setCount(emptyTally(), { sex: 'male', ageBand: '35-59', group: 'idp' }, 2);
    expect(layoutFor(['sex', 'ageBand', 'group'], old).rows!.values).toEqual(['0-13', '14-17', '18-35', '36-59', '60+', '35-59', 'not_stated']);
    // Groups and spheres have no deprecated values: all are offered.
    expect(fresh.layers[0]!.values).toContain('sexual_harassment_survivor');
  });

  it('handles grids without rows or columns (a plain number)', () => {
    const s = setCount(emptyTally(), {}, 42);
    expect(gridTotals(s, null, null).total).toBe(42);
    expect(toTable(s)).toEqual({ cells: [{ count: 42 }], total: 42 });
  });

  it('turns into a table the shared schema accepts, and back', () => {
    let s = emptyTally();
    s = tap(s, man60);
    s = setCount(s, woman18, 3);
    s = setCount(s, girl14, 0);
    const table = toTable(s);
    expect(countTable.safeParse(table).success).toBe(true);
    expect(table.total).toBe(4);
    expect(table.cells).toHaveLength(2);
    expect(fromTable(table).counts).toEqual(s.counts);
  });

  it('keeps undo history bounded so drafts stay small', () => {
    let s = emptyTally();
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) s = tap(s, woman18);
    expect(s.history).toHaveLength(HISTORY_LIMIT);
    expect(countAt(s, woman18)).toBe(HISTORY_LIMIT + 50);
  });
});
