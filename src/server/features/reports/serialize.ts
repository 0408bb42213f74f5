import type { ProgressReport, ProgressReportJson } from '../../../shared';

export type { ProgressReportJson };

/** The report as the API sends it: the client has the catalogue, so entries become ids (a tenth of the size). */
export function progressJson(report: ProgressReport): ProgressReportJson {
  return {
    ...report,
    measures: report.measures.map(({ entry, ...rest }) => ({
      measureId: entry.measure.id,
      strategicGoal: entry.strategicGoal.number,
      operationalGoal: entry.operationalGoal.number,
      task: entry.task.number,
      ...(entry.measure.withdrawnIn ? { withdrawnIn: entry.measure.withdrawnIn } : {}),
      ...rest,
    })),
  };
}
