import { useState } from 'react';
import { useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import type { FieldRecord, RecordContent, RecordKind } from '../../../shared/records/schemas';
import { useCatalogue } from '../../catalogue/catalogue';
import { localToday } from '../../catalogue/measures';
import { contentResolver } from './contentResolver';
import type { DraftedFormArgs } from './DraftedForm';
import { useAutosave } from './useAutosave';
import { useRecordSave } from './useRecordSave';

export type RecordOf<K extends RecordKind> = Extract<FieldRecord, { kind: K }>;

/** A form's draft: its values (V, the form's own shape) and whatever else the form keeps (a tally's undo history). */
type FormDraft<V extends FieldValues> = { values: V & DefaultValues<V> };

interface Options<K extends RecordKind, V extends FieldValues, D extends FormDraft<V>> extends DraftedFormArgs<D> {
  kind: K;
  /** the draft of an empty form, for a new record (its values also tell the form's type) */
  fresh: () => D & { values: V };
  /** the draft of a stored record being edited */
  fromRecord: (record: RecordOf<K>) => D;
  /** record content from the form's values, where they differ (e.g. fields of both venue kinds) */
  toContent?: (values: V) => unknown;
  /** "save and add another": the next record's draft from the saved one's values (its context kept) */
  carry?: (values: V) => D;
}

function isKind<K extends RecordKind>(record: FieldRecord, kind: K): record is RecordOf<K> {
  return record.kind === kind;
}

/**
 * What every record form does: open with the draft left behind, the stored record or an empty
 * form; check its values with the shared record schema and the plan's rules; save it (queued
 * for upload or kept as a local draft); clear it. The form's draft (`D`) is written by the
 * caller through `persist` on every change (see useDraftedTally).
 */
export function useRecordForm<K extends RecordKind, V extends FieldValues, D extends FormDraft<V>>(options: Options<K, V, D>) {
  const { kind, recordId, draftKey, draft, existing, carried, restart, fresh, fromRecord, carry, toContent = (values: V) => values } = options;
  const catalogue = useCatalogue();
  const blank = (): D => (existing && isKind(existing.record, kind) ? fromRecord(existing.record) : fresh());
  const [initial] = useState<D>(() => draft?.data ?? carried ?? blank());
  const [cleared, setCleared] = useState<D | null>(null);
  const autosave = useAutosave<D>({ draftKey, form: kind, recordId, restored: draft !== null });
  const { save, failure, busy } = useRecordSave(recordId, autosave.discard);
  const form = useForm<V, unknown, RecordContent>({
    defaultValues: initial.values,
    resolver: contentResolver(catalogue, localToday(), toContent),
  });

  const submit = (status: 'draft' | 'ready') => form.handleSubmit((content) => save(content, status));
  // Only a new record has a next one; the saved record's context fields go on to it.
  const saveAnother =
    carry && !existing ? form.handleSubmit((content) => save(content, 'ready', () => restart(carry(form.getValues())))) : undefined;

  /**
   * Drops the draft and empties the form (an edit goes back to the stored record); returns the
   * blank draft. What the form held (`current`) is kept until undone or the form closes.
   */
  function clear(current: D): D {
    setCleared(current);
    void autosave.discard();
    const next = blank();
    form.reset(next.values);
    return next;
  }

  /** Puts back what "clear" emptied; the caller writes it as the draft again. */
  function undoClear(): D | null {
    if (!cleared) return null;
    setCleared(null);
    form.reset(cleared.values);
    return cleared;
  }

  const saveBar = {
    busy,
    failure,
    draftError: autosave.error,
    hasErrors: Object.keys(form.formState.errors).length > 0,
    onKeepDraft: () => void submit('draft')(),
    onSaveAnother: saveAnother ? () => void saveAnother() : undefined,
    cleared: cleared !== null,
  };
  return { form, initial, persist: autosave.persist, submit, clear, undoClear, saveBar };
}
