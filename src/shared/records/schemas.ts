import { z } from 'zod';
import { countTable, count, serviceTable } from './counts';
import { idRef, isoDate, isoDateTime, optionalLine, shortText, uuidV7 } from './fields';
import { planRef, type PlanRef } from '../plan/plan-ref';

/**
 * The three kinds of field record and their common envelope. One definition serves the forms
 * (content schemas), the device database and the server (full record schemas).
 */

export const serviceTypes = [
  'psychosocial_consultation',
  'crisis_counselling',
  'psychological_rehabilitation',
  'psychological_support',
  'legal_aid',
  'social_service',
  'information_consultation',
  'prevention_service',
  'other',
] as const;
export const serviceType = z.enum(serviceTypes, { error: 'invalid_value' });
export type ServiceType = z.infer<typeof serviceType>;

export const eventFormats = [
  'training',
  'round_table',
  'seminar',
  'online_course',
  'webinar',
  'information_campaign',
  'public_discussion',
  'study',
  'safety_audit',
  'meeting',
  'other',
] as const;
export const eventFormat = z.enum(eventFormats, { error: 'invalid_value' });
export type EventFormat = z.infer<typeof eventFormat>;

export const recordKinds = ['serviceLog', 'event', 'indicatorReport'] as const;
export type RecordKind = (typeof recordKinds)[number];

export function isRecordKind(value: string): value is RecordKind {
  return (recordKinds as readonly string[]).includes(value);
}

/** Consultations and services a team delivered on one day. */
export const serviceLogContent = z.strictObject(
  {
    kind: z.literal('serviceLog'),
    measureId: idRef,
    indicatorId: idRef,
    date: isoDate,
    district: idRef,
    serviceType,
    /** people served (and, per cell, their contacts when more), by sex × age band × group */
    served: serviceTable,
  },
  { error: 'unknown_field' },
);
export type ServiceLogContent = z.infer<typeof serviceLogContent>;

const venue = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('in_person'), place: shortText(200), district: idRef }, { error: 'unknown_field' }),
    z.strictObject({ mode: z.literal('online'), platform: shortText(100).optional() }, { error: 'unknown_field' }),
  ],
  { error: 'invalid_value' },
);

/** A training, round table, seminar, online course, campaign, study, safety audit, ... */
export const eventContent = z.strictObject(
  {
    kind: z.literal('event'),
    measureId: idRef,
    title: shortText(300),
    format: eventFormat,
    startDate: isoDate,
    endDate: isoDate,
    venue,
    organiser: shortText(300),
    /** attendance by sex × age band × group or organisation */
    attendance: countTable,
    materials: z.strictObject({ produced: count, distributed: count }, { error: 'unknown_field' }),
  },
  { error: 'unknown_field' },
);
export type EventContent = z.infer<typeof eventContent>;

const indicatorValue = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('count'), table: countTable }, { error: 'unknown_field' }),
    z.strictObject(
      { type: z.literal('deliverable'), done: z.boolean({ error: 'required' }), documentRef: optionalLine(500) },
      { error: 'unknown_field' },
    ),
  ],
  { error: 'invalid_value' },
);

/** Any other indicator of a measure, for a period: a number with its breakdown, or a deliverable. */
export const indicatorReportContent = z.strictObject(
  {
    kind: z.literal('indicatorReport'),
    measureId: idRef,
    indicatorId: idRef,
    periodStart: isoDate,
    periodEnd: isoDate,
    value: indicatorValue,
  },
  { error: 'unknown_field' },
);
export type IndicatorReportContent = z.infer<typeof indicatorReportContent>;

export const recordContent = z.discriminatedUnion('kind', [serviceLogContent, eventContent, indicatorReportContent], {
  error: 'invalid_value',
});
export type RecordContent = z.infer<typeof recordContent>;

/** Who made a record, where, and which revision it is. Set by the data layer, never typed by a user. */
export const envelopeShape = {
  id: uuidV7,
  authorId: idRef,
  deviceId: idRef,
  teamId: idRef,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  revision: z.number({ error: 'revision' }).int({ error: 'revision' }).min(1, { error: 'revision' }).max(1_000_000, { error: 'revision' }),
  /** tombstone: a deleted record stays, marked, until the deletion has synced everywhere */
  deleted: z.boolean({ error: 'required' }),
  /** sha256 of the canonical JSON of every other field */
  contentHash: z.string({ error: 'required' }).regex(/^[0-9a-f]{64}$/, { error: 'content_hash' }),
  /** the plan revision it was made under (kept by later revisions); absent: the built-in plan */
  plan: planRef.optional(),
};
export type Envelope = {
  id: string;
  authorId: string;
  deviceId: string;
  teamId: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
  deleted: boolean;
  contentHash: string;
  plan?: PlanRef | undefined;
};

export const serviceLogRecord = serviceLogContent.extend(envelopeShape);
export const eventRecord = eventContent.extend(envelopeShape);
export const indicatorReportRecord = indicatorReportContent.extend(envelopeShape);

export const fieldRecord = z.discriminatedUnion('kind', [serviceLogRecord, eventRecord, indicatorReportRecord], {
  error: 'invalid_value',
});
export type FieldRecord = z.infer<typeof fieldRecord>;
export type ServiceLogRecord = z.infer<typeof serviceLogRecord>;
export type EventRecord = z.infer<typeof eventRecord>;
export type IndicatorReportRecord = z.infer<typeof indicatorReportRecord>;
