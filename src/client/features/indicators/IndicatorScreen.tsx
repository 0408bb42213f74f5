// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { countedPerOf } from '../../../shared/plan/catalogue-index';
import { useText, useTranslation } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { dateBounds, findIndicator, findMeasure, localToday, measuresWithIndicators, withinMeasure } from '../../catalogue/measures';
import { firstMessage, useErrorText } from '../../ui/errors';
import { Field, fieldAria } from '../../ui/Field';
import { DraftedForm, type DraftedFormArgs } from '../../ui/forms/DraftedForm';
import { MeasureSelect, onMeasureChange } from '../../ui/forms/MeasureSelect';
import { OptionSelect } from '../../ui/forms/OptionSelect';
import { SaveBar } from '../../ui/forms/SaveBar';
import { useRecordForm } from '../../ui/forms/useRecordForm';
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

function IndicatorForm(args: DraftedFormArgs<IndicatorDraft>) {
  const { t } = useTranslation();
  const text = useText();
  const err = useErrorText();
  const catalogue = useCatalogue();
  const today = localToday();
  const [measures] = useState(() => measuresWithIndicators(catalogue));
  const { form, initial, persist, submit, clear, undoClear, saveBar } = useRecordForm({
    ...args,
    kind: 'indicatorReport',
    fresh: () => freshIndicatorDraft(measures[0], catalogue, today),
    fromRecord: indicatorDraftFrom,
    toContent: indicatorContentOf,
  });
  const { register, setValue, getValues, formState } = form;
  const errors = formState.errors;
  const { tally, mode, changeTally, changeMode, resetTally, persistNow, clearing } = useDraftedTally(form, 'value.table', initial, persist);

  const measure = findMeasure(catalogue, useWatch({ control: form.control, name: 'measureId' }));
  const indicator = findIndicator(measure, useWatch({ control: form.control, name: 'indicatorId' }));
  const layout = layoutFor(cellDimensionsOf(indicator), tally);
  const bounds = dateBounds(measure, catalogue, today);

  function chooseIndicator(id: string) {
    const next = findIndicator(findMeasure(catalogue, getValues('measureId')), id);
    setValue('indicatorId', id);
    setValue('value.type', next?.kind === 'deliverable' ? 'deliverable' : 'count');
    // Another indicator has other dimensions: its counts start afresh.
    setValue('value.table', { cells: [], total: 0 });
    resetTally(emptyTally());
    persistNow({ tally: emptyTally() });
  }

  function changeMeasure(id: string) {
    const next = findMeasure(catalogue, id);
    if (!next) return;
    if (!withinMeasure(getValues('periodStart'), next, catalogue)) {
      const period = defaultPeriod(next, catalogue, today);
      setValue('periodStart', period.periodStart);
      setValue('periodEnd', period.periodEnd);
    }
    chooseIndicator(next.indicators?.[0]?.id ?? '');
  }

  const valueErrors = errors.value;

  return (
    <form onSubmit={submit('ready')} noValidate>
      <MeasureSelect
        id="ir-measure"
        measures={measures}
        selected={measure}
        registration={register('measureId', onMeasureChange(changeMeasure))}
        error={err(errors.measureId?.message)}
      />
      <OptionSelect
        id="ir-indicator"
        label={t('form.indicator')}
        options={(measure?.indicators ?? []).map((i) => ({ value: i.id, label: text(i.text) }))}
        registration={register('indicatorId', { onChange: (e: { target: { value: string } }) => chooseIndicator(e.target.value) })}
        error={err(errors.indicatorId?.message ?? valueErrors?.type?.message)}
      />
      {indicator?.kind === 'count' && indicator.target && (
        <p className="hint">
          {t('plan.target')}: {indicator.target.source}
        </p>
      )}
      {indicator?.kind === 'count' && !indicator.target && countedPerOf(indicator) === 'year' && (
        <p className="hint">{t('plan.perYearOnly')}</p>
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
      <SaveBar {...saveBar} {...clearing({ clear, undoClear })} />
    </form>
  );
}
