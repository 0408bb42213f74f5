import { z } from 'zod';
import { localizedText } from '../plan/catalogue-schema';
import { isoDate, isoDateTime } from '../records/fields';
import { teamRef } from '../sync/protocol';

/**
 * Answers of the report and public-figures API (/api/v1/reports/..., /api/v1/public/...,
 * /api/v1/admin/public-snapshots), as zod schemas; the report code's types come from them.
 */

export const reportPeriod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('year') }),
  z.object({ kind: z.literal('quarter'), quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) }),
  z.object({ kind: z.literal('month'), month: z.number().int().min(1).max(12) }),
]);
export type ReportPeriod = z.infer<typeof reportPeriod>;

/** What a person narrows a report to. */
export const reportFilter = z.object({
  year: z.number().int(),
  period: reportPeriod,
  district: z.string().optional(),
  teamId: z.string().optional(),
  executorId: z.string().optional(),
  strategicGoal: z.string().optional(),
  /** by default only approved records count; this adds the ones not yet reviewed */
  includePending: z.boolean(),
});
export type ReportFilter = z.infer<typeof reportFilter>;

export const progressStatus = z.enum(['met', 'on_track', 'behind', 'no_data', 'no_target', 'not_scheduled']);
export type ProgressStatus = z.infer<typeof progressStatus>;

const counts = z.record(z.string(), z.number());

const sexGroupValue = z.object({ sex: z.string(), group: z.string(), value: z.number() });

export const indicatorProgress = z.object({
  indicatorId: z.string(),
  measureId: z.string(),
  kind: z.enum(['count', 'deliverable']),
  value: z.number(),
  /** the target for the report's period (a year's target scaled to a quarter or month), or null */
  target: z.number().nullable(),
  /**
   * counts: counted per year (the figure is the report year's, or part of it; with or without a
   * target) or over the measure's whole period; null for deliverables
   */
  per: z.enum(['year', 'period']).nullable(),
  status: progressStatus,
  /** deliverables: the documents that show it was done */
  documents: z.array(z.string()),
  bySex: counts,
  /** sex × age band × group, when asked for */
  cells: z.array(z.object({ sex: z.string(), ageBand: z.string(), group: z.string(), value: z.number() })),
  byDistrict: counts,
  byTeam: counts,
  byMonth: counts,
  bySphere: counts,
  /**
   * persons by sex × group counting every group a person belongs to (the cell's and those recorded
   * as also in another): multi-response, it may add up to more than `value`. Only when some were recorded.
   */
  groupMemberships: z.array(sexGroupValue).optional(),
  /** event counts: events whose attendance held each sex × group (`*`: any); multi-response */
  audience: z.array(sexGroupValue).optional(),
  /**
   * deliverables done in an earlier year of the plan (counted there): the last month it was done
   * in (YYYY-MM) and its documents. The measure's deliverable stands done in later years.
   */
  doneBefore: z.object({ month: z.string(), documents: z.array(z.string()) }).optional(),
});
export type IndicatorProgress = z.infer<typeof indicatorProgress>;

/** A measure's progress as the API sends it: its place in the plan as numbers, not the catalogue's objects. */
export const measureProgressJson = z.object({
  measureId: z.string(),
  strategicGoal: z.string(),
  operationalGoal: z.string(),
  task: z.number().int(),
  /** the revision that removed the measure from the plan; its records (made before) still count */
  withdrawnIn: z.string().optional(),
  indicators: z.array(indicatorProgress),
  /** events held next to people reached, as the plan's indicators pair them */
  eventsHeld: z.number(),
  peopleReached: z.number(),
});
export type MeasureProgressJson = z.infer<typeof measureProgressJson>;

export const progressReportJson = z.object({
  filter: reportFilter,
  from: isoDate,
  to: isoDate,
  asOf: isoDate,
  measures: z.array(measureProgressJson),
});
export type ProgressReportJson = z.infer<typeof progressReportJson>;

/** One mark for every hidden figure: nothing says why it is hidden. */
export const publishedValue = z.union([z.object({ shown: z.literal(true), value: z.number() }), z.object({ shown: z.literal(false) })]);
export type PublishedValue = z.infer<typeof publishedValue>;

export const publicBreakdownItem = z.object({ id: z.string(), label: localizedText, value: publishedValue });
export type PublicBreakdownItem = z.infer<typeof publicBreakdownItem>;

export const publicIndicator = z.object({
  id: z.string(),
  text: localizedText,
  target: z.number().nullable(),
  /** null when it would tell about a hidden total */
  status: progressStatus.nullable(),
  /** a count of people, protected; otherwise (events, materials…) shown as it is */
  protected: z.boolean(),
  total: publishedValue,
  /** categories with nobody in them are left out, unless hidden */
  bySex: z.array(publicBreakdownItem),
  byAgeBand: z.array(publicBreakdownItem),
  byGroup: z.array(publicBreakdownItem),
  byDistrict: z.array(publicBreakdownItem),
});
export type PublicIndicator = z.infer<typeof publicIndicator>;

export const publicMeasure = z.object({ id: z.string(), text: localizedText, indicators: z.array(publicIndicator) });
export type PublicMeasure = z.infer<typeof publicMeasure>;

export const publicProgress = z.object({
  planTitle: localizedText,
  year: z.number().int(),
  /** 1, 2, …: the snapshot's number within its year */
  version: z.number().int().min(1),
  /** when the snapshot was published */
  publishedAt: isoDateTime,
  /** the day targets were judged against */
  asOf: isoDate,
  strategicGoals: z.array(z.object({ number: z.string(), title: localizedText, measures: z.array(publicMeasure) })),
});
export type PublicProgress = z.infer<typeof publicProgress>;

export const snapshotSummary = z.object({
  year: z.number().int(),
  version: z.number().int().min(1),
  publishedAt: isoDateTime,
  publishedBy: z.string().nullable(),
  lockedTeamMonths: z.number().int().min(0),
});
export type SnapshotSummary = z.infer<typeof snapshotSummary>;

export const snapshotList = z.object({ snapshots: z.array(snapshotSummary) });

export const publishedSnapshot = z.object({
  /** false: the locked figures are those of the latest snapshot already; nothing new was stored */
  created: z.boolean(),
  snapshot: snapshotSummary,
  progress: publicProgress,
});
export type PublishResult = z.infer<typeof publishedSnapshot>;

/**
 * GET /api/v1/reports/teams: the teams a user's reports may name, with their names (the by-team
 * table and the team filter): every team for supervisors and admins (in a team or not), a field
 * worker's or trainer's own otherwise.
 */
export const reportTeams = z.object({ teams: z.array(teamRef) });
export type ReportTeams = z.infer<typeof reportTeams>;
