import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { indexCatalogue, measureFirstDay, measureLastDay } from '../../../shared/plan/catalogue-index';
import type { IndicatorReportContent } from '../../../shared/records/schemas';
import { useText } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { dateBounds, findIndicator, localToday, measuresWithIndicators } from '../../catalogue/measures';
import { firstMessage, useErrorText } from '../../ui/errors';
import { Field, fieldAria } from '../../ui/Field';
import { contentResolver } from '../../ui/forms/contentResolver';
import { DraftedForm, type DraftedFormArgs } from '../../ui/forms/DraftedForm';
import { MeasureSelect } from '../../ui/forms/MeasureSelect';
import { SaveBar } from '../../ui/forms/SaveBar';
import { useAutosave } from '../../ui/forms/useAutosave';
import { useRecordSave } from '../../ui/forms/useRecordSave';
import { layoutFor } from '../../ui/tally/layout';
import { emptyTally } from '../../ui/tally/tally';
import { TallyGrid } from '../../ui/tally/TallyGrid';
import { useDraftedTally } from '../../ui/tally/useDraftedTally';
import {
  cellDimensionsOf,
  defaultPeriod,
  freshIndicatorDraft,
  indicatorContentOf,
  indicatorDraftFrom,
  type IndicatorDraft,
  type IndicatorFormValues,
} from './indicatorForm';

export default function IndicatorScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="indicator-title">
      <h1 id="indicator-title">{t('indicators.title')}</h1>
      <p className="lead">{t('indicators.lead')}</p>
      <DraftedForm<IndicatorDraft> kind="indicatorReport" render={(args) => <IndicatorForm {...args} />} />
    </section>
  );
}

function IndicatorForm({ recordId, draftKey, draft, existing }: DraftedFormArgs<IndicatorDraft>) {
  const { t } = useTranslation();
  const text = useText();
  const err = useErrorText();
  const catalogue = useCatalogue();
  const today = localToday();
  const [measures] = useState(() => measuresWithIndicators(catalogue));
  const [initial] = useState<IndicatorDraft>(
    () =>
      draft?.data ??
      (existing?.record.kind === 'indicatorReport' ? indicatorDraftFrom(existing.record) : freshIndicatorDraft(measures[0], catalogue, today)),
  );
  const autosave = useAutosave<IndicatorDraft>({ draftKey, form: 'indicatorReport', recordId, restored: draft !== null });
  const { save, failure, busy } = useRecordSave(recordId, autosave.discard);
  const form = useForm<IndicatorFormValues, unknown, IndicatorReportContent>({
    defaultValues: initial.values,
    resolver: contentResolver<IndicatorFormValues>(catalogue, today, indicatorContentOf) as never,
  });
  const { register, handleSubmit, setValue, getValues, formState, reset } = form;
  const errors = formState.errors;
  const { tally, mode, changeTally, changeMode, resetTally, persistNow } = useDraftedTally(form, 'value.table', initial, autosave.persist);

  const measure = indexCatalogue(catalogue).measures.get(useWatch({ control: form.control, name: 'measureId' }))?.measure;
  const indicator = findIndicator(measure, useWatch({ control: form.control, name: 'indicatorId' }));
  const layout = layoutFor(cellDimensionsOf(indicator));
  const bounds = dateBounds(measure, catalogue, today);

  function chooseIndicator(id: string) {
    const next = findIndicator(indexCatalogue(catalogue).measures.get(getValues('measureId'))?.measure, id);
    setValue('indicatorId', id);
    setValue('value.type', next?.kind === 'deliverable' ? 'deliverable' : 'count');
    // Another indicator has other dimensions: its counts start afresh.
    setValue('value.table', { cells: [], total: 0 });
    resetTally(emptyTally());
    persistNow({ tally: emptyTally() });
  }

  function changeMeasure(id: string) {
    const next = indexCatalogue(catalogue).measures.get(id)?.measure;
    if (!next) return;
    const start = getValues('periodStart');
    if (start < measureFirstDay(next, catalogue) || start > measureLastDay(next, catalogue)) {
      const period = defaultPeriod(next, catalogue, today);
      setValue('periodStart', period.periodStart);
      setValue('periodEnd', period.periodEnd);
    }
    chooseIndicator(next.indicators?.[0]?.id ?? '');
  }

  const submit = (status: 'draft' | 'ready') => handleSubmit((content) => save(content, status));
  const valueErrors = errors.value;

  return (
    <form onSubmit={submit('ready')} noValidate>
      <MeasureSelect
        id="ir-measure"
        label={t('form.measure')}
        measures={measures}
        selected={measure}
        registration={register('measureId', { onChange: (e: { target: { value: string } }) => changeMeasure(e.target.value) })}
        error={err(errors.measureId?.message)}
      />
      <Field id="ir-indicator" label={t('form.indicator')} error={err(errors.indicatorId?.message ?? valueErrors?.type?.message)}>
        <select
          {...register('indicatorId', { onChange: (e: { target: { value: string } }) => chooseIndicator(e.target.value) })}
          {...fieldAria('ir-indicator', err(errors.indicatorId?.message))}
        >
          {(measure?.indicators ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {text(i.text)}
            </option>
          ))}
        </select>
      </Field>
      {indicator?.kind === 'count' && indicator.target && (
        <p className="hint">
          {t('plan.target')}: {indicator.target.source}
        </p>
      )}
      <div className="row">
        <Field id="ir-start" label={t('indicators.periodStart')} error={err(errors.periodStart?.message)}>
          <input type="date" {...register('periodStart')} {...fieldAria('ir-start', err(errors.periodStart?.message))} {...bounds} />
        </Field>
        <Field id="ir-end" label={t('indicators.periodEnd')} error={err(errors.periodEnd?.message)}>
          <input type="date" {...register('periodEnd')} {...fieldAria('ir-end', err(errors.periodEnd?.message))} {...bounds} />
        </Field>
      </div>
      {indicator?.kind === 'deliverable' ? (
        <fieldset className="choice">
          <legend>{t('indicators.deliverable')}</legend>
          <label className="checkbox">
            <input type="checkbox" {...register('value.done')} /> {t('indicators.done')}
          </label>
          <Field id="ir-doc" label={t('indicators.documentRef')} error={err(valueErrors?.documentRef?.message)} hint={t('indicators.documentHint')}>
            <input type="text" autoComplete="off" {...register('value.documentRef')} {...fieldAria('ir-doc', err(valueErrors?.documentRef?.message), true)} />
          </Field>
        </fieldset>
      ) : (
        <TallyGrid
          id="ir-table"
          caption={indicator ? text(indicator.text) : t('tally.count')}
          layout={layout}
          state={tally}
          onChange={changeTally}
          mode={mode}
          onModeChange={changeMode}
          error={err(firstMessage(valueErrors?.table))}
        />
      )}
      <SaveBar
        busy={busy}
        failure={failure}
        draftError={autosave.error}
        hasErrors={Object.keys(errors).length > 0}
        onKeepDraft={() => void submit('draft')()}
        onClear={() => {
          void autosave.discard();
          const blank =
            existing?.record.kind === 'indicatorReport' ? indicatorDraftFrom(existing.record) : freshIndicatorDraft(measures[0], catalogue, today);
          reset(blank.values);
          resetTally(blank.tally);
        }}
      />
    </form>
  );
}
