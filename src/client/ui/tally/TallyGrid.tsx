// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useState, type KeyboardEvent } from 'react';
import { dimensionValueLabel, dimensions, NOT_STATED, sexLabel, type CellDimension } from '../../../shared/dimensions';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { useText, useTranslation } from '../../app/i18n';
import type { GridLayout } from './layout';
import { LayerPicker } from './LayerPicker';
import {
  canUndo,
  contactsAt,
  countAt,
  grandContacts,
  grandTotal,
  gridTotals,
  keyOf,
  lastChange,
  repeatContact,
  setContacts,
  setCount,
  sumWhere,
  tap,
  undo,
  type Cell,
  type TallyState,
} from './tally';

export type TallyMode = 'tap' | 'type';

interface Props {
  id: string;
  caption: string;
  layout: GridLayout;
  state: TallyState;
  onChange: (next: TallyState) => void;
  mode: TallyMode;
  onModeChange: (mode: TallyMode) => void;
  error?: string;
  /**
   * Count contacts too (a service log's consultations, calls): each cell gets a control for a
   * repeat contact by a person already counted, and shows its contacts where they differ.
   */
  contacts?: boolean;
  /** Problems of single cells (fewer contacts than persons), each shown with the cell's name. */
  cellIssues?: readonly { cell: Cell; message: string }[];
  /** people already counted today in other saved records: the footer adds this tally's and shows the day's */
  peopleTodayBefore?: number | undefined;
}

function useValueLabel() {
  const text = useText();
  return (dim: CellDimension, value: string, cell: Cell = {}) =>
    text(dim === 'sex' ? sexLabel(value, cell.ageBand) : dimensionValueLabel(dim, value));
}

/** A grid of counts: one tap per person, or typed numbers, with undo and running totals. */
export function TallyGrid({ id, caption, layout, state, onChange, mode, onModeChange, error, contacts = false, cellIssues = [], peopleTodayBefore }: Props) {
  const { t } = useTranslation();
  const text = useText();
  const label = useValueLabel();
  const [slice, setSlice] = useState<Cell>(() => Object.fromEntries(layout.layers.map((l) => [l.dim, NOT_STATED])));
  const fixed: Cell = Object.fromEntries(layout.layers.map((l) => [l.dim, slice[l.dim] ?? NOT_STATED]));
  const totals = gridTotals(state, layout.rows, layout.columns, fixed);
  const rowValues = layout.rows ? layout.rows.values : [undefined];
  const columnValues = layout.columns ? layout.columns.values : [undefined];

  const cellAt = (r: string | undefined, c: string | undefined): Cell => {
    const cell: Cell = { ...fixed };
    if (layout.rows && r !== undefined) cell[layout.rows.dim] = r;
    if (layout.columns && c !== undefined) cell[layout.columns.dim] = c;
    return cell;
  };
  const describe = (cell: Cell) =>
    (['sex', 'ageBand', 'group', 'sphere'] as const)
      .filter((d) => cell[d] !== undefined)
      .map((d) => label(d, cell[d]!, cell))
      .join(', ') || t('tally.count');
  const last = lastChange(state);
  const invalid = new Set(cellIssues.map((i) => keyOf(i.cell)));
  const described = [error ? `${id}-error` : '', cellIssues.length > 0 ? `${id}-cells` : ''].filter(Boolean).join(' ');
  const allContacts = contacts ? grandContacts(state) : 0;
  const sliceName = layout.layers.map((l) => label(l.dim, fixed[l.dim]!)).join(', ');
  // Tapping, the grid is one Tab stop: arrows move between its buttons (a cell's tap, then its
  // repeat contact), so a keyboard or switch user does not walk through 18 cells to leave it.
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const roving = mode === 'tap';
  const stops = contacts ? 2 : 1;
  const width = columnValues.length * stops;
  // The Tab stop always exists: clamped to the grid (a slice or the layout changed), and on the
  // cell's tap when its repeat is disabled.
  const ar = Math.min(active[0], rowValues.length - 1);
  let ac = Math.min(active[1], width - 1);
  if (ac % stops === 1 && totals.cells[ar]?.[Math.floor(ac / stops)] === 0) ac -= 1;
  const isActive = (r: number, c: number) => roving && ar === r && ac === c;
  const tabIndexAt = (r: number, c: number) => (roving ? (isActive(r, c) ? 0 : -1) : undefined);
  function onGridKey(e: KeyboardEvent<HTMLTableElement>) {
    if (!roving) return;
    const target = e.target as HTMLElement;
    const r = Number(target.dataset.row);
    const c = Number(target.dataset.col);
    if (Number.isNaN(r) || Number.isNaN(c)) return;
    const moves: Record<string, [number, number]> = {
      ArrowRight: [r, Math.min(width - 1, c + 1)],
      ArrowLeft: [r, Math.max(0, c - 1)],
      ArrowDown: [Math.min(rowValues.length - 1, r + 1), c],
      ArrowUp: [Math.max(0, r - 1), c],
      Home: [r, 0],
      End: [r, width - 1],
    };
    const next = moves[e.key];
    if (!next) return;
    e.preventDefault();
    const button = e.currentTarget.querySelector<HTMLButtonElement>(`[data-row="${next[0]}"][data-col="${next[1]}"]`);
    // A disabled repeat (nobody in the cell yet) cannot take focus: stay on the cell's tap.
    const to = button && !button.disabled ? next : ([next[0], next[1] - (next[1] % stops)] as [number, number]);
    setActive(to);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-row="${to[0]}"][data-col="${to[1]}"]`)?.focus();
  }

  return (
    <fieldset className="tally" aria-describedby={described || undefined}>
      <legend>{caption}</legend>
      <div className="segmented" role="group" aria-label={t('tally.mode')}>
        <button type="button" aria-pressed={mode === 'tap'} onClick={() => onModeChange('tap')}>
          {t('tally.tapMode')}
        </button>
        <button type="button" aria-pressed={mode === 'type'} onClick={() => onModeChange('type')}>
          {t('tally.typeMode')}
        </button>
      </div>
      {layout.layers.map((layer) => (
        <LayerPicker
          key={layer.dim}
          id={`${id}-${layer.dim}`}
          layer={layer as typeof layer & { dim: 'group' | 'sphere' }}
          value={fixed[layer.dim] ?? NOT_STATED}
          onChange={(v) => setSlice({ ...slice, [layer.dim]: v })}
          countIn={(v) => sumWhere(state, { [layer.dim]: v })}
          label={(v) => label(layer.dim, v)}
        />
      ))}
      {roving && (
        <p className="visually-hidden" id={`${id}-keys`}>
          {t('tally.gridKeys')}
        </p>
      )}
      {contacts && mode === 'tap' && (
        <p className="hint" id={`${id}-repeat-hint`}>
          {t('tally.repeatHint')}
        </p>
      )}
      <div className="table-scroll">
        <table className="grid" onKeyDown={onGridKey} aria-describedby={roving ? `${id}-keys` : undefined}>
          <caption className="visually-hidden">
            {caption}
            {sliceName ? `: ${sliceName}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{layout.rows ? text(dimensions[layout.rows.dim].label) : ''}</th>
              {columnValues.map((c) => (
                <th scope="col" key={c ?? 'all'}>
                  {layout.columns && c !== undefined ? columnHeading(c, text) : t('tally.count')}
                </th>
              ))}
              {layout.columns && <th scope="col">{t('tally.total')}</th>}
            </tr>
          </thead>
          <tbody>
            {rowValues.map((r, ri) => (
              <tr key={r ?? 'all'}>
                <th scope="row">{layout.rows && r !== undefined ? label(layout.rows.dim, r) : t('tally.count')}</th>
                {columnValues.map((c, ci) => {
                  const cell = cellAt(r, c);
                  const n = totals.cells[ri]![ci]!;
                  const k = contacts ? contactsAt(state, cell) : n;
                  const bad = invalid.has(keyOf(cell));
                  return (
                    <td key={c ?? 'all'} className={bad ? 'invalid' : undefined}>
                      {mode === 'tap' ? (
                        <button
                          type="button"
                          className="tap"
                          data-row={ri}
                          data-col={ci * stops}
                          tabIndex={tabIndexAt(ri, ci * stops)}
                          aria-label={t('tally.addOne', { cell: describe(cell), count: n })}
                          onFocus={() => setActive([ri, ci * stops])}
                          onClick={() => onChange(tap(state, cell))}
                        >
                          {n}
                        </button>
                      ) : (
                        <input
                          type="number"
                          inputMode="numeric"
                          min={0}
                          step={1}
                          aria-label={describe(cell)}
                          value={countAt(state, cell)}
                          onChange={(e) => onChange(setCount(state, cell, e.target.value === '' ? 0 : Number(e.target.value)))}
                        />
                      )}
                      {contacts && mode === 'tap' && (
                        <>
                          {k !== n && <span className="cell-contacts">{t('tally.cellContacts', { count: k })}</span>}
                          <button
                            type="button"
                            className="tap-repeat"
                            data-row={ri}
                            data-col={ci * stops + 1}
                            tabIndex={tabIndexAt(ri, ci * stops + 1)}
                            onFocus={() => setActive([ri, ci * stops + 1])}
                            disabled={n === 0}
                            aria-label={t('tally.addRepeat', { cell: describe(cell), count: k })}
                            onClick={() => onChange(repeatContact(state, cell))}
                          >
                            {t('tally.repeat')}
                          </button>
                        </>
                      )}
                      {contacts && mode === 'type' && (
                        <label className="cell-contacts">
                          <span aria-hidden="true">{t('tally.contactsWord')}</span>
                          <input
                            type="number"
                            inputMode="numeric"
                            min={0}
                            step={1}
                            aria-label={t('tally.contactsOf', { cell: describe(cell) })}
                            aria-invalid={bad || undefined}
                            value={k}
                            onChange={(e) => onChange(setContacts(state, cell, e.target.value === '' ? 0 : Number(e.target.value)))}
                          />
                        </label>
                      )}
                    </td>
                  );
                })}
                {layout.columns && <td className="total">{totals.rowTotals[ri]}</td>}
              </tr>
            ))}
          </tbody>
          {(layout.rows || layout.columns) && (
            <tfoot>
              <tr>
                <th scope="row">{t('tally.total')}</th>
                {totals.columnTotals.map((n, ci) => (
                  <td key={ci} className="total">
                    {n}
                  </td>
                ))}
                {layout.columns && <td className="total">{totals.total}</td>}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      <div className="tally-footer">
        <button type="button" className="secondary" disabled={!canUndo(state)} onClick={() => onChange(undo(state))}>
          {last
            ? t(last.contacts ? 'tally.undoContacts' : 'tally.undoWhat', { cell: describe(last.cell), delta: last.delta > 0 ? `+${last.delta}` : String(last.delta) })
            : t('tally.undo')}
        </button>
        <p role="status" aria-live="polite" className="running-total">
          {layout.layers.length > 0 && <span>{t('tally.sliceTotal', { slice: sliceName, count: totals.total })} · </span>}
          <strong>{t('tally.grandTotal', { count: grandTotal(state) })}</strong>
          {contacts && allContacts !== grandTotal(state) && <span> · {t('tally.grandContacts', { count: allContacts })}</span>}
          {peopleTodayBefore !== undefined && (
            <span data-testid={`${id}-today`}> · {t('tally.peopleToday', { count: peopleTodayBefore + grandTotal(state) })}</span>
          )}
        </p>
      </div>
      {cellIssues.length > 0 && (
        <ul className="error" id={`${id}-cells`}>
          {cellIssues.map((issue) => (
            <li key={keyOf(issue.cell)}>
              {describe(issue.cell)}: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "Жінки / Дівчата" as two lines that break only between words, never inside one. */
function columnHeading(sex: string, text: (t: LocalizedText) => string) {
  const value = dimensions.sex.values.find((v) => v.id === sex);
  if (!value) return sex;
  if (value.shortLabel) {
    return (
      <>
        <span aria-hidden="true">{text(value.shortLabel)}</span>
        <span className="visually-hidden">{text(value.label)}</span>
      </>
    );
  }
  if (!value.childLabel) return text(value.label);
  return (
    <>
      <span className="heading-line">{text(value.label)}</span>
      <span className="visually-hidden"> / </span>
      <span className="heading-line">{text(value.childLabel)}</span>
    </>
  );
}
