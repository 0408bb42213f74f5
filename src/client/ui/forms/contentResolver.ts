import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import { isValidationMessageKey } from '../../../shared/messages/validation';
import { CHOOSE_OPTION } from '../errors';
import { z } from 'zod';
import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import type { RecordContent } from '../../../shared/records/schemas';
import { contentSchemaFor } from '../../../shared/records/validate';

/**
 * Form values are checked with the shared record schema and the plan's rules. A form whose
 * values differ slightly from record content (e.g. both venue kinds' fields) maps them first;
 * field names match content paths, so each error lands next to its control.
 */
export function contentResolver<V extends FieldValues>(
  catalogue: Catalogue,
  today: string,
  toContent: (values: V) => unknown,
): Resolver<V, unknown, RecordContent> {
  // The form's values (typed V, not checked here) are mapped, then checked as record content.
  const schema = z
    .custom<V>()
    .transform((values) => toContent(values))
    .pipe(contentSchemaFor({ catalogue, today }));
  const check = zodResolver(schema);
  return async (values, context, options) => {
    const result = await check(values, context, options);
    markEmptyChoices(result.errors as Record<string, unknown>, values);
    return result;
  };
}

/**
 * A field left at its empty choice ('' — a select's "— choose —") fails the schema as "not one of
 * the allowed values"; it is rather not chosen yet, and says so ("Оберіть формат", OptionSelect).
 */
function markEmptyChoices(errors: FieldErrors | Record<string, unknown>, values: unknown): void {
  for (const [key, error] of Object.entries(errors)) {
    if (!error || typeof error !== 'object' || key === 'ref') continue;
    const value = values && typeof values === 'object' ? (values as Record<string, unknown>)[key] : undefined;
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') {
      if (value === '' && (!isValidationMessageKey(message) || message === 'invalid_value' || message === 'invalid_type')) (error as { message: string }).message = CHOOSE_OPTION;
    } else markEmptyChoices(error as Record<string, unknown>, value);
  }
}
