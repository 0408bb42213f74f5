import { z } from 'zod';

/**
 * The shape of a plan catalogue: any city's or oblast's action plan for UNSCR 1325
 * in this format loads without code changes (see docs/plan-format.md).
 */

export const localizedText = z.object({
  uk: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof localizedText>;

const year = z.number().int().min(2000).max(2100);

/** The source's "period" column: a span of years, "ongoing" ("Постійно"), or null when absent. */
export const measurePeriod = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('years'),
      years: z.array(year).min(1),
      /** The period exactly as written in the source, e.g. "2022-2023 роки". */
      source: z.string().min(1),
    }),
    z.object({ kind: z.literal('ongoing'), source: z.string().min(1) }),
  ])
  .nullable();
export type MeasurePeriod = z.infer<typeof measurePeriod>;

/** Disaggregation dimensions an indicator can ask for. District is always recorded on service logs. */
export const dimensionId = z.enum(['sex', 'ageBand', 'group', 'sphere', 'district']);
export type DimensionId = z.infer<typeof dimensionId>;

export const indicatorUnit = z.enum([
  'events',
  'persons',
  'consultations',
  'services',
  'studies',
  'trainings',
  'materials',
  'institutions',
  'organisations',
  'commissions',
  'projects',
  'audits',
  'reports',
  'publications',
]);
export type IndicatorUnit = z.infer<typeof indicatorUnit>;

/**
 * Which records feed an indicator. Reports sum these; an indicator report for the same
 * indicator always counts too (for figures that no field record captures).
 */
export const indicatorSource = z.enum([
  /** number of event records of the measure (trainings, round tables, studies, audits, ...) */
  'eventCount',
  /** people attending the measure's events, from the attendance grids */
  'eventAttendance',
  /** materials produced or distributed at/for the measure's events */
  'eventMaterials',
  /** people served, from service logs (consultations and services): distinct persons per log */
  'servicePersons',
  /** contacts from service logs: consultations, counselling sessions, hotline calls (one person may have several) */
  'serviceContacts',
  /** only entered as indicator reports */
  'indicatorReport',
]);
export type IndicatorSource = z.infer<typeof indicatorSource>;

/** What an indicator is counted over: each year of the measure's period, or the period as a whole. */
export const countedPer = z.enum(['year', 'period']);
export type CountedPer = z.infer<typeof countedPer>;

export const indicatorTarget = z.object({
  min: z.number().int().positive(),
  per: countedPer,
  /** The words of the source that state the target, e.g. "не менше 4 на рік". */
  source: z.string().min(1),
});
export type IndicatorTarget = z.infer<typeof indicatorTarget>;

const indicatorBase = {
  /** `${measureId}.i${n}`, e.g. "1.1.i2" */
  id: z.string().regex(/^\d+\.\d+\.i\d+$/),
  text: localizedText,
};

export const countIndicator = z.object({
  ...indicatorBase,
  kind: z.literal('count'),
  unit: indicatorUnit,
  /** Whom it counts when the source narrows it ("кількість жінок, які ...", "дівчат та хлопців"). */
  population: z.enum(['all', 'women', 'children']).default('all'),
  dimensions: z.array(dimensionId),
  target: indicatorTarget.nullable(),
  /**
   * Counted per year ("на рік") or over the measure's whole period. Lets the source say "per year"
   * without a number ("Кількість проведених заходів на рік": `target: null, per: "year"`). Optional:
   * when absent it is the target's `per`, or "period" when there is no target (see `countedPerOf` in catalogue-index.ts).
   */
  per: countedPer.optional(),
  source: indicatorSource,
}).refine((i) => !i.per || !i.target || i.per === i.target.per, {
  message: 'per must agree with target.per',
  path: ['per'],
});
export type CountIndicator = z.infer<typeof countIndicator>;

/** Qualitative results: done / not done, with a reference to the document that proves it. */
export const deliverableIndicator = z.object({
  ...indicatorBase,
  kind: z.literal('deliverable'),
});
export type DeliverableIndicator = z.infer<typeof deliverableIndicator>;

export const indicator = z.discriminatedUnion('kind', [countIndicator, deliverableIndicator]);
export type Indicator = z.infer<typeof indicator>;

export const measureExecutor = z.object({
  /** id from the catalogue's `executors` registry */
  id: z.string().min(1),
  /** "(за згодою)": takes part by consent (bodies not subordinate to the city) */
  byConsent: z.boolean(),
});

/**
 * A measure's link to a target programme: a bare id when the source says the measure is included
 * in the programme, or `{id, draft: true}` when the source says it is included in a draft of it
 * ("Заходи включено до проекту МЦП …"), which was not adopted when the plan was written.
 */
export const programmeRef = z.union([
  z.string().min(1),
  z.object({
    id: z.string().min(1),
    draft: z.boolean(),
  }),
]);
export type ProgrammeRef = z.infer<typeof programmeRef>;

export const measure = z.object({
  /** `${task.number}.${measure.number}`, e.g. "16.2" */
  id: z.string().regex(/^\d+\.\d+$/),
  number: z.number().int().positive(),
  text: localizedText,
  period: measurePeriod,
  /** The indicator column as written (cleaned), for display next to the parsed indicators. */
  indicatorText: localizedText.nullable(),
  indicators: z.array(indicator).nullable(),
  executors: z.array(measureExecutor).nullable(),
  /** The target programmes the measure is part of: ids, or `{id, draft}` references (see `programmeRefsOf` in catalogue-index.ts). */
  programmes: z.array(programmeRef),
  /**
   * Never in a plan file (validatePlan refuses it): set on a measure a later revision removed,
   * in the plan a report is made with (plan-revisions.ts), so its records still count, marked.
   */
  withdrawnIn: z.string().min(1).optional(),
});
export type Measure = z.infer<typeof measure>;

export const task = z.object({
  number: z.number().int().positive(),
  title: localizedText,
  measures: z.array(measure).min(1),
});
export type Task = z.infer<typeof task>;

export const operationalGoal = z.object({
  number: z.string().regex(/^\d+\.\d+$/),
  title: localizedText,
  tasks: z.array(task).min(1),
});
export type OperationalGoal = z.infer<typeof operationalGoal>;

export const strategicGoal = z.object({
  number: z.string().regex(/^\d+$/),
  title: localizedText,
  operationalGoals: z.array(operationalGoal).min(1),
});
export type StrategicGoal = z.infer<typeof strategicGoal>;

export const executor = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: localizedText,
  short: localizedText.optional(),
  /** Other spellings of the same body found in the source, so they group under one id. */
  aliases: z.array(z.string()).default([]),
});
export type Executor = z.infer<typeof executor>;

export const programme = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: localizedText,
  /** As written in the source, e.g. "МЦП «Турбота. Назустріч киянам» на 2022-2024 роки" */
  source: z.string().min(1),
});
export type Programme = z.infer<typeof programme>;

export const district = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: localizedText,
});
export type District = z.infer<typeof district>;

/**
 * The source's approval block ("ЗАТВЕРДЖУЮ …") as written: whom it names and its date. The date
 * is null when the block leaves it blank ("« ____ » _____ 2021 р."): the source does not show the
 * plan was approved, or when.
 */
export const approval = z.object({
  by: localizedText,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** The block's date line as written, e.g. "« ____ » _____ 2021 р." */
  source: z.string().min(1),
});
export type Approval = z.infer<typeof approval>;

export const catalogueSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Bumped whenever the catalogue's content changes; devices compare it on sync. */
  version: z.string().min(1),
  title: localizedText,
  /** The territory the plan covers, e.g. Kyiv. */
  territory: localizedText,
  years: z.array(year).min(1),
  /**
   * Older files: who approved the plan, stated as a fact. A file transcribed from a source whose
   * approval block is blank or undated says so with `approval` instead.
   */
  approvedBy: localizedText.optional(),
  approval: approval.optional(),
  /** The territory's districts: the district dimension of every record. */
  districts: z.array(district).min(1),
  executors: z.array(executor).min(1),
  programmes: z.array(programme),
  strategicGoals: z.array(strategicGoal).min(1),
});
export type Catalogue = z.infer<typeof catalogueSchema>;
