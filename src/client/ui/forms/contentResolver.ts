import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
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
  toContent: (values: V) => unknown = (v) => v,
): Resolver<V, unknown, RecordContent> {
  const inner = zodResolver(contentSchemaFor({ catalogue, today })) as unknown as Resolver<FieldValues, unknown, RecordContent>;
  return (values, context, options) =>
    inner(toContent(values) as FieldValues, context, options as never) as ReturnType<Resolver<V, unknown, RecordContent>>;
}
