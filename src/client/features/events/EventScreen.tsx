import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { districtValues } from '../../../shared/dimensions';
import { indexCatalogue, measureFirstDay, measureLastDay } from '../../../shared/plan/catalogue-index';
import { eventFormats, type EventContent } from '../../../shared/records/schemas';
import { useText } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { dateBounds, eventMeasures, localToday, usualFirst } from '../../catalogue/measures';
import { firstMessage, useErrorText } from '../../ui/errors';
import { Field, fieldAria } from '../../ui/Field';
import { contentResolver } from '../../ui/forms/contentResolver';
import { DraftedForm, type DraftedFormArgs } from '../../ui/forms/DraftedForm';
import { MeasureSelect } from '../../ui/forms/MeasureSelect';
import { SaveBar } from '../../ui/forms/SaveBar';
import { useAutosave } from '../../ui/forms/useAutosave';
import { useMeasureUsage } from '../../ui/forms/useMeasureUsage';
import { useRecordSave } from '../../ui/forms/useRecordSave';
import { layoutFor } from '../../ui/tally/layout';
import { TallyGrid } from '../../ui/tally/TallyGrid';
import { useDraftedTally } from '../../ui/tally/useDraftedTally';
import { eventContentOf, eventDraftFrom, freshEventDraft, type EventDraft, type EventFormValues } from './eventForm';

export default function EventScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="event-title">
      <h1 id="event-title">{t('events.title')}</h1>
      <DraftedForm<EventDraft> kind="event" render={(args) => <EventForm {...args} />} />
    </section>
  );
}

/** Attendance is counted by sex × age band, for a social group and an organisation chosen above the grid. */
const attendanceLayout = layoutFor(['sex', 'ageBand', 'group', 'sphere']);

function EventForm({ recordId, draftKey, draft, existing }: DraftedFormArgs<EventDraft>) {
  const { t } = useTranslation();
  const text = useText();
  const err = useErrorText();
  const catalogue = useCatalogue();
  const today = localToday();
  const usage = useMeasureUsage('event');
  const [measures] = useState(() => usualFirst(eventMeasures(catalogue), usage));
  const [initial] = useState<EventDraft>(
    () => draft?.data ?? (existing?.record.kind === 'event' ? eventDraftFrom(existing.record) : freshEventDraft(measures[0], catalogue, today)),
  );
  const autosave = useAutosave<EventDraft>({ draftKey, form: 'event', recordId, restored: draft !== null });
  const { save, failure, busy } = useRecordSave(recordId, autosave.discard);
  const form = useForm<EventFormValues, unknown, EventContent>({
    defaultValues: initial.values,
    resolver: contentResolver<EventFormValues>(catalogue, today, eventContentOf) as never,
  });
  const { register, handleSubmit, setValue, getValues, formState, reset } = form;
  const errors = formState.errors;
  const { tally, mode, changeTally, changeMode, resetTally, persistNow } = useDraftedTally(form, 'attendance', initial, autosave.persist);

  const measure = indexCatalogue(catalogue).measures.get(useWatch({ control: form.control, name: 'measureId' }))?.measure;
  const venueMode = useWatch({ control: form.control, name: 'venue.mode' });
  const bounds = dateBounds(measure, catalogue, today);

  function changeMeasure(id: string) {
    const next = indexCatalogue(catalogue).measures.get(id)?.measure;
    if (!next) return;
    const fresh = freshEventDraft(next, catalogue, today).values;
    for (const key of ['startDate', 'endDate'] as const) {
      const date = getValues(key);
      if (date < measureFirstDay(next, catalogue) || date > measureLastDay(next, catalogue)) setValue(key, fresh[key]);
    }
    persistNow();
  }

  const submit = (status: 'draft' | 'ready') => handleSubmit((content) => save(content, status));
  const venueError = errors.venue as Record<string, { message?: string }> | undefined;

  return (
    <form onSubmit={submit('ready')} noValidate>
      <MeasureSelect
        id="ev-measure"
        label={t('form.measure')}
        measures={measures}
        selected={measure}
        registration={register('measureId', { onChange: (e: { target: { value: string } }) => changeMeasure(e.target.value) })}
        error={err(errors.measureId?.message)}
      />
      <Field id="ev-title" label={t('events.eventTitle')} error={err(errors.title?.message)}>
        <input type="text" autoComplete="off" {...register('title')} {...fieldAria('ev-title', err(errors.title?.message))} />
      </Field>
      <Field id="ev-format" label={t('events.format')} error={err(errors.format?.message)}>
        <select {...register('format')} {...fieldAria('ev-format', err(errors.format?.message))}>
          <option value="">{t('form.choose')}</option>
          {eventFormats.map((f) => (
            <option key={f} value={f}>
              {t(`eventFormat.${f}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="row">
        <Field id="ev-start" label={t('events.startDate')} error={err(errors.startDate?.message)}>
          <input type="date" {...register('startDate')} {...fieldAria('ev-start', err(errors.startDate?.message))} {...bounds} />
        </Field>
        <Field id="ev-end" label={t('events.endDate')} error={err(errors.endDate?.message)}>
          <input type="date" {...register('endDate')} {...fieldAria('ev-end', err(errors.endDate?.message))} {...bounds} />
        </Field>
      </div>
      <fieldset className="choice">
        <legend>{t('events.venue')}</legend>
        <label className="radio">
          <input type="radio" value="in_person" {...register('venue.mode')} /> {t('events.inPerson')}
        </label>
        <label className="radio">
          <input type="radio" value="online" {...register('venue.mode')} /> {t('events.online')}
        </label>
      </fieldset>
      {venueMode === 'in_person' ? (
        <div className="row">
          <Field id="ev-place" label={t('events.place')} error={err(venueError?.place?.message)}>
            <input type="text" autoComplete="off" {...register('venue.place')} {...fieldAria('ev-place', err(venueError?.place?.message))} />
          </Field>
          <Field id="ev-district" label={t('form.district')} error={err(venueError?.district?.message)}>
            <select {...register('venue.district')} {...fieldAria('ev-district', err(venueError?.district?.message))}>
              <option value="">{t('form.choose')}</option>
              {districtValues(catalogue).map((d) => (
                <option key={d.id} value={d.id}>
                  {text(d.label)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : (
        <Field id="ev-platform" label={t('events.platform')} error={err(venueError?.platform?.message)}>
          <input type="text" autoComplete="off" {...register('venue.platform')} {...fieldAria('ev-platform', err(venueError?.platform?.message))} />
        </Field>
      )}
      <Field id="ev-organiser" label={t('events.organiser')} error={err(errors.organiser?.message)}>
        {/* off: the browser would keep what is typed in its own files (autofill, session restore), unencrypted */}
        <input type="text" autoComplete="off" {...register('organiser')} {...fieldAria('ev-organiser', err(errors.organiser?.message))} />
      </Field>
      <TallyGrid
        id="ev-attendance"
        caption={t('events.attendance')}
        layout={attendanceLayout}
        state={tally}
        onChange={changeTally}
        mode={mode}
        onModeChange={changeMode}
        error={err(firstMessage(errors.attendance))}
      />
      <fieldset className="choice">
        <legend>{t('events.materials')}</legend>
        <div className="row">
          <Field id="ev-produced" label={t('events.produced')} error={err(errors.materials?.produced?.message)}>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              {...register('materials.produced', { valueAsNumber: true })}
              {...fieldAria('ev-produced', err(errors.materials?.produced?.message))}
            />
          </Field>
          <Field id="ev-distributed" label={t('events.distributed')} error={err(errors.materials?.distributed?.message)}>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              {...register('materials.distributed', { valueAsNumber: true })}
              {...fieldAria('ev-distributed', err(errors.materials?.distributed?.message))}
            />
          </Field>
        </div>
      </fieldset>
      <SaveBar
        busy={busy}
        failure={failure}
        draftError={autosave.error}
        hasErrors={Object.keys(errors).length > 0}
        onKeepDraft={() => void submit('draft')()}
        onClear={() => {
          void autosave.discard();
          const blank = existing?.record.kind === 'event' ? eventDraftFrom(existing.record) : freshEventDraft(measures[0], catalogue, today);
          reset(blank.values);
          resetTally(blank.tally);
        }}
      />
    </form>
  );
}
