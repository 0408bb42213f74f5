import type { z } from 'zod';
import { issuesFromZod } from '../../shared';
import { HttpError } from './errors';

/** Parses request input with a zod schema; a failure is a 400 naming each field and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new HttpError(400, 'validation_failed', { issues: issuesFromZod(result.error) });
  return result.data;
}
