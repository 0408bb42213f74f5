import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { districtValues } from '../../../shared/dimensions';
import { indexCatalogue, measureFirstDay, measureLastDay } from '../../../shared/plan/catalogue-index';
import type { ServiceLogContent } from '../../../shared/records/schemas';
import { useText } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { dateBounds, localToday, serviceIndicators, serviceMeasures, usualFirst } from '../../catalogue/measures';
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
import { freshServiceDraft, serviceDimensions, serviceDraftFrom, serviceTypes, type ServiceDraft } from './serviceForm';

export default function ConsultationScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="consultation-title">
      <h1 id="consultation-title">{t('consultations.title')}</h1>
      <DraftedForm<ServiceDraft> kind="serviceLog" render={(args) => <ConsultationForm {...args} />} />
    </section>
  );
}

function ConsultationForm({ recordId, draftKey, draft, existing }: DraftedFormArgs<ServiceDraft>) {
  const { t } = useTranslation();
  const text = useText();
  const errorText = useErrorText();
  const catalogue = useCatalogue();
  const today = localToday();
  const usage = useMeasureUsage('serviceLog');
  // Order fixed when the form opens, so options do not jump while someone is choosing.
  const [measures] = useState(() => usualFirst(serviceMeasures(catalogue), usage));
  const [initial] = useState<ServiceDraft>(
    () =>
      draft?.data ??
      (existing?.record.kind === 'serviceLog' ? serviceDraftFrom(existing.record) : freshServiceDraft(measures[0], catalogue, today)),
  );
  const autosave = useAutosave<ServiceDraft>({ draftKey, form: 'serviceLog', recordId, restored: draft !== null });
  const { save, failure, busy } = useRecordSave(recordId, autosave.discard);

  const form = useForm<ServiceLogContent, unknown, ServiceLogContent>({
    defaultValues: initial.values,
    resolver: contentResolver<ServiceLogContent>(catalogue, today) as never,
  });
  const { register, handleSubmit, setValue, getValues, formState, reset } = form;
  const errors = formState.errors;

  const measureId = useWatch({ control: form.control, name: 'measureId' });
  const indicatorId = useWatch({ control: form.control, name: 'indicatorId' });
  const measure = indexCatalogue(catalogue).measures.get(measureId)?.measure;
  const indicators = measure ? serviceIndicators(measure) : [];
  const layout = layoutFor(serviceDimensions(measure, indicatorId));

  const { tally, mode, changeTally, changeMode, resetTally, persistNow } = useDraftedTally(form, 'served', initial, autosave.persist);

  function changeMeasure(id: string) {
    const next = indexCatalogue(catalogue).measures.get(id)?.measure;
    if (!next) return;
    setValue('indicatorId', serviceIndicators(next)[0]?.id ?? '');
    const date = getValues('date');
    if (date < measureFirstDay(next, catalogue) || date > measureLastDay(next, catalogue))
      setValue('date', freshServiceDraft(next, catalogue, today).values.date);
    persistNow();
  }

  const submit = (status: 'draft' | 'ready') => handleSubmit((content) => save(content, status));
  const err = (message: string | undefined) => errorText(message);

  return (
    <form onSubmit={submit('ready')} noValidate>
      <MeasureSelect
        id="sl-measure"
        label={t('form.measure')}
        measures={measures}
        selected={measure}
        registration={register('measureId', { onChange: (e: { target: { value: string } }) => changeMeasure(e.target.value) })}
        error={err(errors.measureId?.message)}
      />
      {indicators.length > 1 && (
        <Field id="sl-indicator" label={t('form.indicator')} error={err(errors.indicatorId?.message)}>
          <select {...register('indicatorId')} {...fieldAria('sl-indicator', err(errors.indicatorId?.message))}>
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {text(i.text)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="row">
        <Field id="sl-date" label={t('form.date')} error={err(errors.date?.message)}>
          <input
            type="date"
            {...register('date')}
            {...fieldAria('sl-date', err(errors.date?.message))}
            {...dateBounds(measure, catalogue, today)}
          />
        </Field>
        <Field id="sl-district" label={t('form.district')} error={err(errors.district?.message)}>
          <select {...register('district')} {...fieldAria('sl-district', err(errors.district?.message))}>
            <option value="">{t('form.choose')}</option>
            {districtValues(catalogue).map((d) => (
              <option key={d.id} value={d.id}>
                {text(d.label)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="sl-service" label={t('form.serviceType')} error={err(errors.serviceType?.message)}>
        <select {...register('serviceType')} {...fieldAria('sl-service', err(errors.serviceType?.message))}>
          <option value="">{t('form.choose')}</option>
          {serviceTypes.map((s) => (
            <option key={s} value={s}>
              {t(`serviceType.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <TallyGrid
        id="sl-served"
        caption={t('consultations.served')}
        layout={layout}
        state={tally}
        onChange={changeTally}
        mode={mode}
        onModeChange={changeMode}
        error={err(firstMessage(errors.served))}
      />
      <SaveBar
        busy={busy}
        failure={failure}
        draftError={autosave.error}
        hasErrors={Object.keys(errors).length > 0}
        onKeepDraft={() => void submit('draft')()}
        onClear={() => {
          void autosave.discard();
          const blank =
            existing?.record.kind === 'serviceLog' ? serviceDraftFrom(existing.record) : freshServiceDraft(measures[0], catalogue, today);
          reset(blank.values);
          resetTally(blank.tally);
        }}
      />
    </form>
  );
}
