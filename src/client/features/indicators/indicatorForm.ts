import type { CellDimension } from '../../../shared/dimensions';
import type { Catalogue, Indicator, Measure } from '../../../shared/plan/catalogue-schema';
import type { CountTable } from '../../../shared/records/counts';
import { contentOf } from '../../../shared/records/build';
import type { IndicatorReportContent, IndicatorReportRecord } from '../../../shared/records/schemas';
import { defaultDateFor } from '../../catalogue/measures';
import { emptyTally, fromTable, type TallyState } from '../../ui/tally/tally';
import type { TallyMode } from '../../ui/tally/TallyGrid';

/** Holds both value kinds' fields; the indicator decides which one becomes the record. */
export interface IndicatorFormValues {
  kind: 'indicatorReport';
  measureId: string;
  indicatorId: string;
  periodStart: string;
  periodEnd: string;
  value: { type: 'count' | 'deliverable'; table: CountTable; done: boolean; documentRef: string };
}

export interface IndicatorDraft {
  values: IndicatorFormValues;
  tally: TallyState;
  mode: TallyMode;
}

export function indicatorContentOf(values: IndicatorFormValues): unknown {
  const { value, ...rest } = values;
  return {
    ...rest,
    value: value.type === 'count' ? { type: 'count', table: value.table } : { type: 'deliverable', done: value.done, documentRef: value.documentRef },
  };
}

export function cellDimensionsOf(indicator: Indicator | undefined): CellDimension[] {
  if (!indicator || indicator.kind !== 'count') return [];
  return indicator.dimensions.filter((d): d is CellDimension => d !== 'district');
}

/** The calendar year around the default date, within the measure's period and not past today. */
export function defaultPeriod(measure: Measure | undefined, catalogue: Catalogue, today: string): { periodStart: string; periodEnd: string } {
  const date = defaultDateFor(measure, catalogue, today);
  const year = date.slice(0, 4);
  const end = `${year}-12-31`;
  return { periodStart: `${year}-01-01`, periodEnd: end < today ? end : today };
}

export function freshIndicatorDraft(measure: Measure | undefined, catalogue: Catalogue, today: string): IndicatorDraft {
  const indicator = measure?.indicators?.[0];
  return {
    values: {
      kind: 'indicatorReport',
      measureId: measure?.id ?? '',
      indicatorId: indicator?.id ?? '',
      ...defaultPeriod(measure, catalogue, today),
      value: { type: indicator?.kind === 'deliverable' ? 'deliverable' : 'count', table: { cells: [], total: 0 }, done: false, documentRef: '' },
    },
    tally: emptyTally(),
    mode: 'type',
  };
}

export function indicatorDraftFrom(record: IndicatorReportRecord): IndicatorDraft {
  const content = contentOf(record) as IndicatorReportContent;
  const value =
    content.value.type === 'count'
      ? { type: 'count' as const, table: content.value.table, done: false, documentRef: '' }
      : { type: 'deliverable' as const, table: { cells: [], total: 0 }, done: content.value.done, documentRef: content.value.documentRef };
  return {
    values: { ...content, value },
    tally: content.value.type === 'count' ? fromTable(content.value.table) : emptyTally(),
    mode: 'type',
  };
}
