import type { z } from 'zod';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { issuesFromZod, type FieldIssue } from '../../../shared/records/validate';
import { ApiFailure, failureText } from '../../net/failure';

/** Each field's first problem, in both languages; `form`: one that names no field of the form. */
export type FormErrors = Record<string, LocalizedText>;

function byField(issues: FieldIssue[], fields: readonly string[]): FormErrors {
  const out: FormErrors = {};
  for (const issue of issues) {
    const field = fields.find((f) => issue.field === f || issue.field.startsWith(`${f}.`)) ?? 'form';
    out[field] ??= issue.message;
  }
  return out;
}

/**
 * Checks a request with the same zod schema the server parses it with (src/shared): the same
 * field named, for the same reason, in the same words, before anything is sent.
 */
export function checkRequest<S extends z.ZodType>(schema: S, input: unknown, fields: readonly string[]): { ok: true; value: z.output<S> } | { ok: false; errors: FormErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: byField(issuesFromZod(result.error), fields) };
}

/** What the server refused, under the fields it names (a 400's issues), else as the form's own error. */
export function errorsOf(error: unknown, fields: readonly string[]): FormErrors {
  if (error instanceof ApiFailure && error.issues.length > 0) return byField(error.issues, fields);
  return { form: failureText(error) };
}
