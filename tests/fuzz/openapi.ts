/**
 * The server's own OpenAPI document (GET /api/v1/openapi.json) read as a list of operations:
 * what each takes (path and query parameters, body schema) and what it may answer (the
 * documented statuses and their schemas). The fuzzer generates from it and judges by it.
 */

export type Json = Record<string, unknown>;
export type Schema = Json;

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** "POST /api/v1/sync/push" */
  key: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** "/api/v1/admin/users/{id}/password" */
  path: string;
  auth: boolean;
  parameters: Parameter[];
  body: Schema | null;
  /** the one 2xx status it documents */
  success: number;
  /** schema of the 2xx JSON body, or the media type of a file answer, or null (no body) */
  successBody: { schema: Schema } | { media: string } | null;
  /** error statuses it documents explicitly (a `default` entry documents no particular status) */
  errors: number[];
  /** error statuses that may come as an HTML page (a page route's "not yet published") */
  htmlErrors: number[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Schema> };
}

function successOf(responses: Record<string, Json>): { status: number; body: Operation['successBody'] } {
  const [code, response] = Object.entries(responses).find(([c]) => /^2\d\d$/.test(c)) ?? ['200', {}];
  const content = response.content as Record<string, { schema?: Schema }> | undefined;
  if (!content) return { status: Number(code), body: null };
  const [media, entry] = Object.entries(content)[0]!;
  if (media === 'application/json' && entry.schema) return { status: Number(code), body: { schema: entry.schema } };
  return { status: Number(code), body: { media } };
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const responses = op.responses as Record<string, Json>;
      const success = successOf(responses);
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema ?? null;
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Operation['method'],
        path,
        auth: Array.isArray(op.security) && op.security.length > 0,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body,
        success: success.status,
        successBody: success.body,
        errors: Object.keys(responses)
          .filter((c) => /^[45]\d\d$/.test(c))
          .map(Number),
        htmlErrors: Object.entries(responses)
          .filter(([c, r]) => /^[45]\d\d$/.test(c) && Boolean((r.content as Record<string, unknown> | undefined)?.['text/html']))
          .map(([c]) => Number(c)),
      });
    }
  return out;
}

/** Follows a local $ref ("#/components/schemas/X"). */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = (s.$ref as string).replace('#/components/schemas/', '');
    const next = doc.components.schemas[name];
    if (!next) throw new Error(`unresolved $ref ${String(s.$ref)}`);
    s = next;
  }
  return s;
}
