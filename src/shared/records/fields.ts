import { z } from 'zod';
import { plainText } from './text';
import { UUID_V7 } from './uuid';

export const isoDate = z
  .string({ error: 'required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'date_format',
  });

export const isoDateTime = z.iso.datetime({ offset: true, error: 'datetime_format' });

export const uuidV7 = z.string({ error: 'required' }).regex(UUID_V7, { error: 'uuid' });

/** Short free text about an activity (a title, a place), one line. Never about the people served. */
export function shortText(max: number) {
  return plainText('one').trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });
}

/** Optional one-line text (may be empty), e.g. a document reference. */
export function optionalLine(max: number) {
  return plainText('one').trim().max(max, { error: 'too_long' });
}

/** Several lines a person writes (a reviewer's comment, why a month is unlocked). */
export function multiLineText(max: number) {
  return plainText('many').trim().max(max, { error: 'too_long' });
}

/** An id or key of something (a team, a user, a device, a measure): one line, 1–100 characters. */
export const idRef = plainText('one').min(1, { error: 'required' }).max(100, { error: 'too_long' });
