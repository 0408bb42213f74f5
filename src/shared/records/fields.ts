import { z } from 'zod';
import { UUID_V7 } from './uuid';

export const isoDate = z
  .string({ error: 'required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'date_format',
  });

export const isoDateTime = z.iso.datetime({ offset: true, error: 'datetime_format' });

export const uuidV7 = z.string({ error: 'required' }).regex(UUID_V7, { error: 'uuid' });

/** Short free text about an activity (a title, a place). Never about the people served. */
export function shortText(max: number) {
  return z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });
}

export const idRef = z.string({ error: 'required' }).min(1, { error: 'required' }).max(100, { error: 'too_long' });
