import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
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
  return zodResolver(schema);
}
