import { useEffect, useRef, useState } from 'react';
import { useController, type FieldPathByValue, type FieldValues, type UseFormReturn } from 'react-hook-form';
import type { CountTable } from '../../../shared/records/counts';
import type { TallyMode } from './TallyGrid';
import { toTable, type TallyState } from './tally';

export interface TallyDraft<V> {
  values: V;
  tally: TallyState;
  mode: TallyMode;
}

/**
 * Wires a form with a tally grid to its draft: every field change, every tap and every typed
 * number is written at once, with the undo history, so nothing is lost on reload. The grid's
 * table is a controlled field of the form: a change marks it dirty and, once the form was
 * submitted, checks it again, like a typed field.
 */
export function useDraftedTally<V extends FieldValues, T>(
  form: UseFormReturn<V, unknown, T>,
  field: FieldPathByValue<V, CountTable>,
  initial: TallyDraft<V>,
  persist: (draft: TallyDraft<V>) => Promise<void>,
) {
  const { watch, getValues, control } = form;
  const table = useController({ control, name: field });
  const [tally, setTally] = useState<TallyState>(initial.tally);
  const [mode, setMode] = useState<TallyMode>(initial.mode);
  // Latest tally and mode for the field watcher, which outlives renders.
  const current = useRef({ tally: initial.tally, mode: initial.mode });

  useEffect(() => {
    // Every change of a field, the table's included, writes the draft.
    const subscription = watch((_values, info) => {
      if (info.type === 'change') void persist({ values: getValues(), ...current.current });
    });
    return () => subscription.unsubscribe();
  }, [watch, getValues, persist]);

  function persistNow(patch: Partial<TallyDraft<V>> = {}) {
    void persist({ values: getValues(), ...current.current, ...patch });
  }

  function changeTally(next: TallyState) {
    setTally(next);
    current.current = { ...current.current, tally: next };
    table.field.onChange(toTable(next));
  }

  function changeMode(next: TallyMode) {
    setMode(next);
    current.current = { ...current.current, mode: next };
    persistNow();
  }

  function resetTally(next: TallyState) {
    setTally(next);
    current.current = { ...current.current, tally: next };
  }

  /**
   * The save bar's "clear" and its undo: clearing keeps what the form held, so a slip of the
   * thumb beside Save never costs a 12-person tally (the draft is written back on undo).
   */
  function clearing(record: { clear: (current: TallyDraft<V>) => TallyDraft<V>; undoClear: () => TallyDraft<V> | null }) {
    return {
      onClear: () => resetTally(record.clear({ values: getValues(), ...current.current }).tally),
      onUndoClear: () => {
        const back = record.undoClear();
        if (!back) return;
        resetTally(back.tally);
        setMode(back.mode);
        current.current = { tally: back.tally, mode: back.mode };
        void persist(back);
      },
    };
  }

  return { tally, mode, changeTally, changeMode, resetTally, persistNow, clearing };
}
