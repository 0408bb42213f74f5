import { z } from 'zod';
import type { Catalogue, CountIndicator, DimensionId, Measure } from '../plan/catalogue-schema';
import { isServiceSource } from '../plan/sources';
import { indexCatalogue, isDateInMeasurePeriod } from '../plan/catalogue-index';
import { CELL_DIMENSIONS, NOT_STATED, valueIds, type CellDimension } from '../dimensions';
import type { CountTable } from './counts';
import type { RecordContent } from './schemas';
import type { ValidationMessageKey } from '../messages/validation';

/** What the rules need besides the record: the plan, and what day it is where the record is checked. */
export interface ValidationContext {
  catalogue: Catalogue;
  /** YYYY-MM-DD. Servers pass the latest date anywhere on Earth, so no device is ahead of it. */
  today: string;
}

type Path = (string | number)[];
type Report = (path: Path, key: ValidationMessageKey) => void;

const cellDimensionSet = new Set<string>(CELL_DIMENSIONS);

function cellDimensionsOf(dims: readonly DimensionId[]): CellDimension[] {
  return dims.filter((d): d is CellDimension => cellDimensionSet.has(d));
}

function checkTable(table: CountTable, required: readonly CellDimension[], path: Path, report: Report) {
  table.cells.forEach((cell, i) => {
    for (const dim of CELL_DIMENSIONS) {
      const value = cell[dim];
      if (value === undefined) {
        if (required.includes(dim)) report([...path, 'cells', i, dim], 'dimension_missing');
      } else if (!valueIds(dim).includes(value)) {
        report([...path, 'cells', i, dim], 'dimension_value');
      }
    }
  });
  // Memberships of other groups name real values; the structure (no one twice) is the schema's.
  table.alsoIn?.forEach((entry, i) => {
    for (const dim of ['sex', 'ageBand', 'group'] as const) {
      const value = entry[dim];
      if (value !== undefined && !valueIds(dim).includes(value)) report([...path, 'alsoIn', i, dim], 'dimension_value');
    }
  });
}

function checkDate(date: string, measure: Measure, ctx: ValidationContext, path: Path, report: Report) {
  if (date > ctx.today) report(path, 'date_future');
  else if (!isDateInMeasurePeriod(date, measure, ctx.catalogue)) report(path, 'date_outside_period');
}

function checkDistrict(district: string, ctx: ValidationContext, path: Path, report: Report) {
  if (district !== NOT_STATED && !ctx.catalogue.districts.some((d) => d.id === district)) report(path, 'district_unknown');
}

function countIndicatorsOf(measure: Measure): CountIndicator[] {
  return (measure.indicators ?? []).filter((i): i is CountIndicator => i.kind === 'count');
}

/** Rules that need the plan: the measure and indicator exist, dates fit, breakdowns match. */
export function checkContentRules(content: RecordContent, ctx: ValidationContext, report: Report): void {
  const entry = indexCatalogue(ctx.catalogue).measures.get(content.measureId);
  if (!entry) return report(['measureId'], 'measure_unknown');
  const { measure } = entry;

  switch (content.kind) {
    case 'serviceLog': {
      const indicator = measure.indicators?.find((i) => i.id === content.indicatorId);
      if (!indicator) return report(['indicatorId'], 'indicator_unknown');
      if (indicator.kind !== 'count' || !isServiceSource(indicator.source))
        return report(['indicatorId'], 'indicator_not_services');
      checkDate(content.date, measure, ctx, ['date'], report);
      checkDistrict(content.district, ctx, ['district'], report);
      checkTable(content.served, cellDimensionsOf(indicator.dimensions), ['served'], report);
      return;
    }
    case 'event': {
      const eventIndicators = countIndicatorsOf(measure).filter((i) => i.source.startsWith('event'));
      if (eventIndicators.length === 0) return report(['measureId'], 'measure_no_events');
      checkDate(content.startDate, measure, ctx, ['startDate'], report);
      checkDate(content.endDate, measure, ctx, ['endDate'], report);
      if (content.endDate < content.startDate) report(['endDate'], 'date_order');
      if (content.venue.mode === 'in_person') checkDistrict(content.venue.district, ctx, ['venue', 'district'], report);
      const required = eventIndicators
        .filter((i) => i.source === 'eventAttendance')
        .flatMap((i) => cellDimensionsOf(i.dimensions));
      checkTable(content.attendance, [...new Set(required)], ['attendance'], report);
      return;
    }
    case 'indicatorReport': {
      const indicator = measure.indicators?.find((i) => i.id === content.indicatorId);
      if (!indicator) return report(['indicatorId'], 'indicator_unknown');
      checkDate(content.periodStart, measure, ctx, ['periodStart'], report);
      checkDate(content.periodEnd, measure, ctx, ['periodEnd'], report);
      if (content.periodEnd < content.periodStart) report(['periodEnd'], 'date_order');
      if (content.value.type !== (indicator.kind === 'count' ? 'count' : 'deliverable'))
        return report(['value', 'type'], 'value_kind');
      if (content.value.type === 'count' && indicator.kind === 'count')
        checkTable(content.value.table, cellDimensionsOf(indicator.dimensions), ['value', 'table'], report);
      if (content.value.type === 'deliverable' && content.value.done && content.value.documentRef.length === 0)
        report(['value', 'documentRef'], 'document_required');
      return;
    }
  }
}

/** Adapts the rules to a zod refinement, so forms get them through the same resolver. */
export function zodReporter(zctx: z.RefinementCtx): Report {
  return (path, key) => zctx.addIssue({ code: 'custom', message: key, path });
}
