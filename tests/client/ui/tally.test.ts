import { describe, expect, it } from 'vitest';
import { countTable, serviceTable } from '../../../src/shared/records/counts';
import {
  alsoAt,
  alsoRoom,
  canUndo,
  contactsAt,
  countAt,
  emptyTally,
  fromTable,
  grandContacts,
  grandTotal,
  gridTotals,
  HISTORY_LIMIT,
  lastChange,
  repeatContact,
  setAlso,
  setContacts,
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

describe('tally of contacts and persons', () => {
  it('counts a person and their contact per tap, and a repeat contact without a person', () => {
    let s = tap(tap(emptyTally(), woman18), woman18);
    expect([countAt(s, woman18), contactsAt(s, woman18)]).toEqual([2, 2]);
    s = repeatContact(s, woman18);
    expect([countAt(s, woman18), contactsAt(s, woman18)]).toEqual([2, 3]);
    expect(lastChange(s)).toEqual({ cell: woman18, delta: 1, contacts: true });
    // a new person in a cell that counts contacts apart brings their contact along
    s = tap(s, woman18);
    expect([countAt(s, woman18), contactsAt(s, woman18)]).toEqual([3, 4]);
    s = tap(s, man60);
    expect([grandTotal(s), grandContacts(s)]).toEqual([4, 5]);
  });

  it('undoes a repeat contact, and a tap with its contact, in reverse order', () => {
    let s = repeatContact(tap(emptyTally(), woman18), woman18);
    s = tap(s, woman18);
    s = undo(s);
    expect([countAt(s, woman18), contactsAt(s, woman18)]).toEqual([1, 2]);
    s = undo(s);
    expect([countAt(s, woman18), contactsAt(s, woman18)]).toEqual([1, 1]);
    // back to the shape of a tally without contacts
    expect(s).toEqual(tap(emptyTally(), woman18));
  });

  it('takes typed contacts, refusing anything but a whole number from 0', () => {
    let s = setCount(emptyTally(), woman18, 4);
    s = setContacts(s, woman18, 9);
    expect(contactsAt(s, woman18)).toBe(9);
    for (const bad of [-1, 2.5, Number.NaN]) expect(setContacts(s, woman18, bad)).toBe(s);
    expect(lastChange(s)).toEqual({ cell: woman18, delta: 5, contacts: true });
  });

  it('stores contacts only where they differ from persons; the schema checks the rest', () => {
    let s = tap(tap(emptyTally(), woman18), man60);
    s = repeatContact(repeatContact(s, woman18), woman18);
    const table = toTable(s);
    expect(table).toEqual({
      cells: [
        { sex: 'female', ageBand: '18-34', group: 'idp', count: 1, contacts: 3 },
        { sex: 'male', ageBand: '60+', group: 'not_stated', count: 1 },
      ],
      total: 2,
    });
    expect(serviceTable.safeParse(table).success).toBe(true);
    expect(fromTable(table)).toEqual({ counts: s.counts, contacts: s.contacts, history: [] });
    // typed fewer contacts than persons: kept as typed, and the schema names the cell
    const fewer = toTable(setContacts(setCount(emptyTally(), woman18, 5), woman18, 2));
    const result = serviceTable.safeParse(fewer);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['cells.0.contacts', 'contacts_below_persons']]);
  });

  it('loads a draft saved before contacts were counted: no contacts, history without them', () => {
    const old = JSON.parse('{"counts":{"female|18-34|idp|":2,"male|60+|not_stated|":1},"history":[{"key":"female|18-34|idp|","before":0},{"key":"female|18-34|idp|","before":1},{"key":"male|60+|not_stated|","before":0}]}');
    let s = old as ReturnType<typeof emptyTally>;
    expect([grandTotal(s), grandContacts(s), contactsAt(s, woman18)]).toEqual([3, 3, 2]);
    expect(countTable.safeParse(toTable(s)).success).toBe(true);
    s = repeatContact(s, man60);
    expect(toTable(s).cells).toContainEqual({ sex: 'male', ageBand: '60+', group: 'not_stated', count: 1, contacts: 2 });
    s = undo(undo(s));
    expect(s.counts).toEqual({ 'female|18-34|idp|': 2 });
    expect(s.contacts).toBeUndefined();
  });
});

describe('tally of people also in other groups', () => {
  const dv: Cell = { sex: 'female', ageBand: '36-59', group: 'domestic_violence_survivor' };

  it('keeps memberships apart from the counts: the total, the cells and undo are untouched', () => {
    let s = tap(tap(tap(emptyTally(), woman18), woman18), dv);
    s = setAlso(s, 'female', 'domestic_violence_survivor', 2);
    expect([grandTotal(s), alsoAt(s, 'female', 'domestic_violence_survivor')]).toEqual([3, 2]);
    // only the two IDP women can also be survivors: the one counted as a survivor cannot again
    expect(alsoRoom(s, 'female', 'domestic_violence_survivor')).toBe(2);
    expect(alsoRoom(s, 'female', 'idp')).toBe(1);
    const table = toTable(s);
    expect(table.alsoIn).toEqual([{ sex: 'female', group: 'domestic_violence_survivor', count: 2 }]);
    expect(serviceTable.safeParse(table).success).toBe(true);
    expect(fromTable(table)).toEqual({ counts: s.counts, history: [], also: s.also });
    // undo takes back the last tap, never the typed membership
    s = undo(s);
    expect(alsoAt(s, 'female', 'domestic_violence_survivor')).toBe(2);
    expect(setAlso(s, 'female', 'idp', -1)).toBe(s);
    expect(toTable(setAlso(s, 'female', 'domestic_violence_survivor', 0)).alsoIn).toBeUndefined();
  });

  it('lets the schema name an entry that counts someone twice in one group', () => {
    const s = setAlso(tap(emptyTally(), woman18), 'female', 'idp', 1);
    const result = countTable.safeParse(toTable(s));
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['alsoIn.0.count', 'also_in_exceeds_persons']]);
  });
});
