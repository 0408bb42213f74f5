// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useWatch } from 'react-hook-form';
import { useTranslation } from '../../app/i18n';
import { eventFormats } from '../../../shared/records/schemas';
import { useCatalogue } from '../../catalogue/catalogue';
import { dateBounds, eventMeasures, findMeasure, localToday, withinMeasure } from '../../catalogue/measures';
import { firstMessage, useErrorText } from '../../ui/errors';
import { Field, fieldAria } from '../../ui/Field';
import { DraftedForm, type DraftedFormArgs } from '../../ui/forms/DraftedForm';
import { MeasureSelect, onMeasureChange } from '../../ui/forms/MeasureSelect';
import { OptionSelect, useDistrictOptions } from '../../ui/forms/OptionSelect';
import { SaveBar } from '../../ui/forms/SaveBar';
import { usePeriodEndedHint } from '../../ui/periodEnded';
import { useUsualMeasures } from '../../ui/forms/useMeasureUsage';
import { useRecordForm } from '../../ui/forms/useRecordForm';
import { AlsoInGroups, alsoInIssues } from '../../ui/tally/AlsoInGroups';
import { toTable } from '../../ui/tally/tally';
import { layoutFor } from '../../ui/tally/layout';
import { TallyGrid } from '../../ui/tally/TallyGrid';
import { useDraftedTally } from '../../ui/tally/useDraftedTally';
import { eventContentOf, eventDraftFrom, freshEventDraft, nextEventDraft, type EventDraft } from './eventForm';

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
const attendanceDimensions = ['sex', 'ageBand', 'group', 'sphere'] as const;

function EventForm(args: DraftedFormArgs<EventDraft>) {
  const { t } = useTranslation();
  const err = useErrorText();
  const catalogue = useCatalogue();
  const today = localToday();
  const measures = useUsualMeasures('event', () => eventMeasures(catalogue));
  const districts = useDistrictOptions();
  const { form, initial, persist, submit, clear, undoClear, saveBar } = useRecordForm({
    ...args,
    kind: 'event',
    fresh: () => freshEventDraft(measures[0], catalogue, today),
    fromRecord: eventDraftFrom,
    toContent: eventContentOf,
    carry: (values) => nextEventDraft(values, catalogue, today),
  });
  const { register, setValue, getValues, formState } = form;
  const errors = formState.errors;
  const { tally, mode, changeTally, changeMode, persistNow, clearing } = useDraftedTally(form, 'attendance', initial, persist);
  const attendanceLayout = layoutFor(attendanceDimensions, tally);
  const alsoIssues = alsoInIssues(errors.attendance, toTable(tally).alsoIn).map((i) => ({ ...i, message: err(i.message) ?? i.message }));

  const measure = findMeasure(catalogue, useWatch({ control: form.control, name: 'measureId' }));
  const venueMode = useWatch({ control: form.control, name: 'venue.mode' });
  const bounds = dateBounds(measure, catalogue, today);
  const periodEnded = usePeriodEndedHint(measure, catalogue, today);

  function changeMeasure(id: string) {
    const next = findMeasure(catalogue, id);
    if (!next) return;
    const fresh = freshEventDraft(next, catalogue, today).values;
    for (const key of ['startDate', 'endDate'] as const) if (!withinMeasure(getValues(key), next, catalogue)) setValue(key, fresh[key]);
    persistNow();
  }

  const venueError = errors.venue;

  return (
    <form onSubmit={submit('ready')} noValidate>
      <MeasureSelect
        id="ev-measure"
        measures={measures}
        selected={measure}
        registration={register('measureId', onMeasureChange(changeMeasure))}
        error={err(errors.measureId?.message)}
      />
      <Field id="ev-title" label={t('events.eventTitle')} error={err(errors.title?.message)}>
        <input type="text" autoComplete="off" {...register('title')} {...fieldAria('ev-title', err(errors.title?.message))} />
      </Field>
      <OptionSelect
        id="ev-format"
        label={t('events.format')}
        options={eventFormats.map((f) => ({ value: f, label: t(`eventFormat.${f}`) }))}
        placeholder={t('form.choose')}
        registration={register('format')}
        error={err(errors.format?.message)}
      />
      <div className="row">
        <Field id="ev-start" label={t('events.startDate')} error={err(errors.startDate?.message)} hint={periodEnded}>
          <input type="date" {...register('startDate')} {...fieldAria('ev-start', err(errors.startDate?.message), periodEnded !== undefined)} {...bounds} />
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
          <OptionSelect
            id="ev-district"
            label={t('form.district')}
            options={districts}
            placeholder={t('form.choose')}
            registration={register('venue.district')}
            error={err(venueError?.district?.message)}
          />
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
        error={alsoIssues.length > 0 ? undefined : err(firstMessage(errors.attendance))}
      />
      <AlsoInGroups id="ev-also" state={tally} onChange={changeTally} sexes={attendanceLayout.columns?.values ?? []} issues={alsoIssues} />
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
      <SaveBar {...saveBar} {...clearing({ clear, undoClear })} />
    </form>
  );
}
