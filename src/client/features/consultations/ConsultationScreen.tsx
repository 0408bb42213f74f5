// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useWatch } from 'react-hook-form';
import { useText, useTranslation } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { dateBounds, findMeasure, localToday, serviceIndicators, serviceMeasures, withinMeasure } from '../../catalogue/measures';
import { firstMessage, useErrorText } from '../../ui/errors';
import { Field, fieldAria } from '../../ui/Field';
import { DraftedForm, type DraftedFormArgs } from '../../ui/forms/DraftedForm';
import { MeasureSelect, onMeasureChange } from '../../ui/forms/MeasureSelect';
import { OptionSelect, useDistrictOptions } from '../../ui/forms/OptionSelect';
import { SaveBar } from '../../ui/forms/SaveBar';
import { usePeriodEndedHint } from '../../ui/periodEnded';
import { useUsualMeasures } from '../../ui/forms/useMeasureUsage';
import { useRecordForm } from '../../ui/forms/useRecordForm';
import { layoutFor } from '../../ui/tally/layout';
import { AlsoInGroups, alsoInIssues } from '../../ui/tally/AlsoInGroups';
import { TallyGrid } from '../../ui/tally/TallyGrid';
import { toTable } from '../../ui/tally/tally';
import { useDraftedTally } from '../../ui/tally/useDraftedTally';
import { usePeopleToday } from '../../ui/tally/usePeopleToday';
import { contactIssues, freshServiceDraft, nextServiceDraft, serviceDimensions, serviceDraftFrom, serviceTypes, type ServiceDraft } from './serviceForm';

export default function ConsultationScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="consultation-title">
      <h1 id="consultation-title">{t('consultations.title')}</h1>
      <DraftedForm<ServiceDraft> kind="serviceLog" render={(args) => <ConsultationForm {...args} />} />
    </section>
  );
}

function ConsultationForm(args: DraftedFormArgs<ServiceDraft>) {
  const { t } = useTranslation();
  const text = useText();
  const err = useErrorText();
  const catalogue = useCatalogue();
  const today = localToday();
  const measures = useUsualMeasures('serviceLog', () => serviceMeasures(catalogue));
  const districts = useDistrictOptions();
  const { form, initial, persist, submit, clear, undoClear, saveBar } = useRecordForm({
    ...args,
    kind: 'serviceLog',
    fresh: () => freshServiceDraft(measures[0], catalogue, today),
    fromRecord: serviceDraftFrom,
    carry: nextServiceDraft,
  });
  const { register, setValue, getValues, formState } = form;
  const errors = formState.errors;

  const measure = findMeasure(catalogue, useWatch({ control: form.control, name: 'measureId' }));
  const indicatorId = useWatch({ control: form.control, name: 'indicatorId' });
  const indicators = measure ? serviceIndicators(measure) : [];
  const periodEnded = usePeriodEndedHint(measure, catalogue, today);
  const { tally, mode, changeTally, changeMode, persistNow, clearing } = useDraftedTally(form, 'served', initial, persist);
  const layout = layoutFor(serviceDimensions(measure, indicatorId), tally);
  // A cell with fewer contacts than persons is named in its own message; other table errors show as one.
  const peopleToday = usePeopleToday(args.recordId);
  const table = toTable(tally);
  const cellIssues = contactIssues(errors.served, table).map((i) => ({ cell: i.cell, message: err(i.message) ?? i.message }));
  const alsoIssues = alsoInIssues(errors.served, table.alsoIn).map((i) => ({ ...i, message: err(i.message) ?? i.message }));

  function changeMeasure(id: string) {
    const next = findMeasure(catalogue, id);
    if (!next) return;
    setValue('indicatorId', serviceIndicators(next)[0]?.id ?? '');
    if (!withinMeasure(getValues('date'), next, catalogue)) setValue('date', freshServiceDraft(next, catalogue, today).values.date);
    persistNow();
  }

  return (
    <form onSubmit={submit('ready')} noValidate>
      <MeasureSelect
        id="sl-measure"
        measures={measures}
        selected={measure}
        registration={register('measureId', onMeasureChange(changeMeasure))}
        error={err(errors.measureId?.message)}
      />
      {indicators.length > 1 && (
        <OptionSelect
          id="sl-indicator"
          label={t('form.indicator')}
          options={indicators.map((i) => ({ value: i.id, label: text(i.text) }))}
          registration={register('indicatorId')}
          error={err(errors.indicatorId?.message)}
        />
      )}
      <div className="row">
        <Field id="sl-date" label={t('form.date')} error={err(errors.date?.message)} hint={periodEnded}>
          <input
            type="date"
            {...register('date')}
            {...fieldAria('sl-date', err(errors.date?.message), periodEnded !== undefined)}
            {...dateBounds(measure, catalogue, today)}
          />
        </Field>
        <OptionSelect
          id="sl-district"
          label={t('form.district')}
          options={districts}
          placeholder={t('form.choose')}
          registration={register('district')}
          error={err(errors.district?.message)}
        />
      </div>
      <OptionSelect
        id="sl-service"
        label={t('form.serviceType')}
        options={serviceTypes.map((s) => ({ value: s, label: t(`serviceType.${s}`) }))}
        placeholder={t('form.choose')}
        registration={register('serviceType')}
        error={err(errors.serviceType?.message)}
      />
      <TallyGrid
        id="sl-served"
        caption={t('consultations.served')}
        layout={layout}
        state={tally}
        onChange={changeTally}
        mode={mode}
        onModeChange={changeMode}
        error={cellIssues.length + alsoIssues.length > 0 ? undefined : err(firstMessage(errors.served))}
        contacts
        cellIssues={cellIssues}
        peopleTodayBefore={peopleToday}
      />
      <AlsoInGroups id="sl-also" state={tally} onChange={changeTally} sexes={layout.columns?.values ?? []} issues={alsoIssues} />
      <SaveBar {...saveBar} {...clearing({ clear, undoClear })} />
    </form>
  );
}
