import type { MeasureProgress, ProgressReport } from '../../../shared';

/** A measure's progress with its place in the plan as numbers, not the catalogue's objects. */
export type MeasureProgressJson = Omit<MeasureProgress, 'entry'> & {
  measureId: string;
  strategicGoal: string;
  operationalGoal: string;
  task: number;
};

export type ProgressReportJson = Omit<ProgressReport, 'measures'> & { measures: MeasureProgressJson[] };

/** The report as the API sends it: the client has the catalogue, so entries become ids (a tenth of the size). */
export function progressJson(report: ProgressReport): ProgressReportJson {
  return {
    ...report,
    measures: report.measures.map(({ entry, ...rest }) => ({
      measureId: entry.measure.id,
      strategicGoal: entry.strategicGoal.number,
      operationalGoal: entry.operationalGoal.number,
      task: entry.task.number,
      ...rest,
    })),
  };
}
