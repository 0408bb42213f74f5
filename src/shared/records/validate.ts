import { z } from 'zod';
import { localizedText, type Catalogue } from '../plan/catalogue-schema';
import { contentHashOf } from './hash';
import { isValidationMessageKey, validationMessages, type ValidationMessageKey } from '../messages/validation';
import { checkContentRules, zodReporter, type ValidationContext } from './rules';
import { fieldRecord, recordContent, type FieldRecord } from './schemas';

/**
 * A reason a record or a request is not accepted: which field (dotted path) and why, in both
 * languages. `code` is a key of `validationMessages`; on the wire it is any text, so a newer
 * server's new reason never makes an older device refuse the whole answer (the words come along).
 */
export const fieldIssue = z.object({ field: z.string(), code: z.string(), message: localizedText });
export type FieldIssue = z.infer<typeof fieldIssue>;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

function issueKey(issue: z.core.$ZodIssue): ValidationMessageKey {
  if (issue.code === 'unrecognized_keys') return 'unknown_field';
  if (isValidationMessageKey(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'required' : 'invalid_type';
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'too_small') return 'too_short';
  return 'invalid_value';
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const code = issueKey(issue);
    // An unknown key is reported at the key itself, so "name" or "phone" is named in the answer.
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    return paths.map((p) => ({ field: fieldPath(p), code, message: validationMessages[code] }));
  });
}

// Lives beside the hash itself, so code that only seals records need not load the schemas.
export { contentHashOf };

/** Record content (what a form edits) with the plan's rules: the schema forms resolve against. */
export function contentSchemaFor(ctx: ValidationContext) {
  return recordContent.superRefine((content, zctx) => checkContentRules(content, ctx, zodReporter(zctx)));
}

/** A whole record, as stored and synced, with the plan's rules and its hash checked. */
export function recordSchemaFor(ctx: ValidationContext) {
  return fieldRecord.superRefine((record, zctx) => {
    const report = zodReporter(zctx);
    checkContentRules(record, ctx, report);
    if (record.updatedAt < record.createdAt) report(['updatedAt'], 'date_order');
    if (contentHashOf(record) !== record.contentHash) report(['contentHash'], 'content_hash');
  });
}

/**
 * Building a zod schema costs more than parsing a record with it: a server validating a batch
 * builds one per catalogue and day, not one per record.
 */
const recordSchemas = new WeakMap<Catalogue, { today: string; schema: ReturnType<typeof recordSchemaFor> }>();

function recordSchemaOf(ctx: ValidationContext): ReturnType<typeof recordSchemaFor> {
  const known = recordSchemas.get(ctx.catalogue);
  if (known?.today === ctx.today) return known.schema;
  const schema = recordSchemaFor({ catalogue: ctx.catalogue, today: ctx.today });
  recordSchemas.set(ctx.catalogue, { today: ctx.today, schema });
  return schema;
}

export function validateRecord(input: unknown, ctx: ValidationContext): ValidationResult<FieldRecord> {
  const result = recordSchemaOf(ctx).safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesFromZod(result.error) };
}
