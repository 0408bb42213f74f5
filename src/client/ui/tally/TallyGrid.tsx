import { useState } from 'react';
import { dimensionValueLabel, dimensions, NOT_STATED, sexLabel, type CellDimension } from '../../../shared/dimensions';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { useText, useTranslation } from '../../app/i18n';
import { ChoiceSelect } from '../ChoiceSelect';
import type { GridLayout } from './layout';
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
}

function useValueLabel() {
  const text = useText();
  return (dim: CellDimension, value: string, cell: Cell = {}) =>
    text(dim === 'sex' ? sexLabel(value, cell.ageBand) : dimensionValueLabel(dim, value));
}

/** A grid of counts: one tap per person, or typed numbers, with undo and running totals. */
export function TallyGrid({ id, caption, layout, state, onChange, mode, onModeChange, error, contacts = false, cellIssues = [] }: Props) {
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
        <ChoiceSelect
          key={layer.dim}
          id={`${id}-${layer.dim}`}
          label={text(dimensions[layer.dim].label)}
          options={layer.values.map((v) => {
            const n = sumWhere(state, { [layer.dim]: v });
            return { value: v, label: `${label(layer.dim, v)}${n > 0 ? ` (${n})` : ''}` };
          })}
          value={fixed[layer.dim] ?? NOT_STATED}
          onChange={(v) => setSlice({ ...slice, [layer.dim]: v })}
        />
      ))}
      {contacts && mode === 'tap' && (
        <p className="hint" id={`${id}-repeat-hint`}>
          {t('tally.repeatHint')}
        </p>
      )}
      <div className="table-scroll">
        <table className="grid">
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
                          aria-label={t('tally.addOne', { cell: describe(cell), count: n })}
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

function columnHeading(sex: string, text: (t: LocalizedText) => string): string {
  const value = dimensions.sex.values.find((v) => v.id === sex);
  if (!value) return sex;
  return value.childLabel ? `${text(value.label)} / ${text(value.childLabel)}` : text(value.label);
}
