import { commonErrors, type RegisteredRoute, type RouteDoc } from '../../http/route-doc';
import { answerRef, componentSchemas, jsonSchema } from './components';

type Json = Record<string, unknown>;

/** "/api/v1/users/:id/devices" → "/api/v1/users/{id}/devices", and the path parameters. */
function openApiPath(url: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

function queryParameters(doc: RouteDoc): Json[] {
  if (!doc.query) return [];
  const schema = jsonSchema(doc.query) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
}

const errorResponse = (description: string, html = false) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/ApiError' } },
    ...(html ? { 'text/html': { schema: { type: 'string' } } } : {}),
  },
});

function operation(route: RegisteredRoute, doc: RouteDoc, params: string[]): Json {
  const status = String(doc.status ?? 200);
  const ok: Json = doc.produces
    ? { description: 'OK', content: { [doc.produces]: { schema: { type: 'string', format: 'binary' } } } }
    : doc.response
      ? { description: 'OK', content: { 'application/json': { schema: answerRef(doc.response) } } }
      : { description: 'OK, no body' };
  return {
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: doc.summary,
    tags: [doc.tag],
    ...(doc.auth ? { security: [{ bearer: [] }] } : {}),
    parameters: [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...queryParameters(doc),
    ],
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body) } } } } : {}),
    responses: {
      [status]: ok,
      ...Object.fromEntries(Object.entries({ ...commonErrors(route, doc), ...doc.errors }).map(([code, why]) => [code, errorResponse(why, doc.htmlErrors?.includes(Number(code)))])),
      default: errorResponse('error (every error body has this shape, with a message in Ukrainian and English)'),
    },
  };
}

/** The OpenAPI 3.1 document for the routes registered on this server. */
export function buildOpenApiDocument(routes: RegisteredRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    if (!route.doc) continue;
    const { path, params } = openApiPath(route.url);
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation(route, route.doc, params) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kyiv 1325 field recording API',
      version,
      description:
        'Accounts, device sessions and batch sync for the offline-first field app of Kyiv\'s UNSCR 1325 city plan. ' +
        'Every error body is an ApiError with a message in Ukrainian and English.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'token from POST /api/v1/auth/login' } },
      schemas: componentSchemas(),
    },
    paths,
  };
}
