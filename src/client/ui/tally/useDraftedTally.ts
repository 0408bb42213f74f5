import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { TallyMode } from './TallyGrid';
import { toTable, type TallyState } from './tally';

export interface TallyDraft<V> {
  values: V;
  tally: TallyState;
  mode: TallyMode;
}

/**
 * Wires a form with a tally grid to its draft: every field change, every tap and every typed
 * number is written at once, with the undo history, so nothing is lost on reload.
 */
export function useDraftedTally<V extends FieldValues>(
  form: UseFormReturn<V, unknown, never> | UseFormReturn<V, unknown, unknown>,
  field: string,
  initial: TallyDraft<V>,
  persist: (draft: TallyDraft<V>) => Promise<void>,
) {
  const { watch, setValue, getValues, formState } = form as UseFormReturn<V>;
  const [tally, setTally] = useState<TallyState>(initial.tally);
  const [mode, setMode] = useState<TallyMode>(initial.mode);
  // Latest tally and mode for the field watcher, which outlives renders.
  const current = useRef({ tally: initial.tally, mode: initial.mode });

  useEffect(() => {
    const subscription = watch((values, info) => {
      if (info.type === 'change') void persist({ values: values as V, ...current.current });
    });
    return () => subscription.unsubscribe();
  }, [watch, persist]);

  function persistNow(patch: Partial<TallyDraft<V>> = {}) {
    void persist({ values: getValues(), ...current.current, ...patch });
  }

  function changeTally(next: TallyState) {
    setTally(next);
    current.current = { ...current.current, tally: next };
    setValue(field as never, toTable(next) as never, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    persistNow();
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

  return { tally, mode, changeTally, changeMode, resetTally, persistNow };
}
