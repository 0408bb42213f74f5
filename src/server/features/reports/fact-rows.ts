import { factsOfRecord, type FieldRecord, type ReviewStatus } from '../../../shared';
import type { FactsTable } from '../../db/schema';

/**
 * The rows of the facts table for a record: exactly what src/shared's factsOfRecord says the
 * record counts for (the device's reports use the same function), tagged with its review status.
 */
export function factRows(record: FieldRecord, status: ReviewStatus): FactsTable[] {
  return factsOfRecord(record).map((f, position) => ({
    record_id: f.recordId,
    position,
    plan_id: f.planId,
    measure_id: f.measureId,
    source: f.source,
    indicator_id: f.indicatorId,
    date: f.date,
    team_id: f.teamId,
    district: f.district,
    sex: f.sex,
    age_band: f.ageBand,
    grp: f.group,
    sphere: f.sphere,
    value: f.value,
    document_ref: f.documentRef,
    review_status: status,
  }));
}
