import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import './native-hash';
import type { Kysely } from 'kysely';
import { defaultCatalogue, type Catalogue } from '../shared';
import { DEFAULT_LOGIN_LIMITS, type AuthHooks, type LoginLimits, type ServerContext, type SyncHooks } from './context';
import type { DatabaseKind } from './db/connect';
import type { Database } from './db/schema';
import { adminRoutes } from './features/accounts/routes';
import { auditRoutes } from './features/audit/routes';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passwords';
import { authRoutes } from './features/auth/routes';
import { healthRoutes } from './features/health/routes';
import { openApiRoutes } from './features/openapi/routes';
import { publicRoutes } from './features/public/routes';
import { reportRoutes } from './features/reports/routes';
import { reviewRoutes } from './features/reviews/routes';
import { staticRoutes } from './features/static/routes';
import { syncRoutes } from './features/sync/routes';
import { planRoutes } from './features/plans/routes';
import { createPlanStore } from './features/plans/store';
import { admitPushesFirst, DEFAULT_PUSH_ADMISSION, pushGate, type PushAdmission } from './features/sync/admission';
import { authenticateFirst } from './features/auth/authenticate-first';
import { clientErrorHandler, frameworkErrors, installErrorHandler, installNotFoundHandler } from './http/error-handler';
import { isApiPath } from './http/paths';
import { MAX_PATH_PARAM_LENGTH, type RegisteredRoute } from './http/route-doc';
import { registerSecurityHeaders } from './http/security-headers';
import { DEFAULT_TIMEOUTS, timeoutOptions, type ServerTimeouts } from './http/timeouts';

export interface AppOptions {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  /** injectable so tests can expire tokens and move rate-limit windows */
  clock?: () => Date;
  catalogue?: Catalogue;
  tokenTtlDays?: number;
  /** tests lower it: scrypt at full cost makes a login suite slow */
  passwordCost?: ScryptCost;
  loginLimits?: LoginLimits;
  /** the built PWA (vite's dist); null or missing: API only */
  staticDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** behind a reverse proxy: take the client IP (for login limits) from X-Forwarded-For */
  trustProxy?: string[];
  /** tests only: see SyncHooks */
  syncHooks?: SyncHooks;
  /** tests only: see AuthHooks */
  authHooks?: AuthHooks;
  /** Strict-Transport-Security max-age in seconds; 0 or absent: none (see security-headers.ts) */
  hstsMaxAge?: number;
  /** slow-client limits (see http/timeouts.ts) */
  timeouts?: Partial<ServerTimeouts>;
  /** pushes worked on at once, and the Retry-After beyond (see features/sync/admission.ts) */
  pushAdmission?: Partial<PushAdmission>;
}

export const API_DOC_VERSION = '1.0.0';

export function createContext(options: AppOptions): ServerContext {
  return {
    db: options.db,
    dbKind: options.dbKind,
    clock: options.clock ?? (() => new Date()),
    catalogue: options.catalogue ?? defaultCatalogue,
    plans: createPlanStore(options.db, options.catalogue ?? defaultCatalogue),
    tokenTtlDays: options.tokenTtlDays ?? 30,
    passwordCost: options.passwordCost ?? DEFAULT_SCRYPT_COST,
    loginLimits: options.loginLimits ?? DEFAULT_LOGIN_LIMITS,
    ...(options.syncHooks ? { syncHooks: options.syncHooks } : {}),
    ...(options.authHooks ? { authHooks: options.authHooks } : {}),
  };
}

/** The whole server as a Fastify instance, not listening: main.ts listens, tests inject or listen. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // the proxies by address, never `true`: with `true` the leftmost X-Forwarded-For entry, which the client writes, would be its address
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    // Longer than any id (100): a too-long id reaches its route and is named in a 400 (after the session check).
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    ...timeoutOptions({ ...DEFAULT_TIMEOUTS, ...options.timeouts }),
    frameworkErrors,
    clientErrorHandler,
  });
  const ctx: ServerContext = { ...createContext(options), log: app.log };
  // The API reads JSON only: any other body (text/plain included, which a cross-site form can send) is a 415.
  app.removeContentTypeParser('text/plain');
  await registerSecurityHeaders(app, { hstsMaxAge: options.hstsMaxAge ?? 0 });

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      // The API, and documented pages outside it (the public progress page).
      if (method !== 'HEAD' && (isApiPath(route.url) || route.config?.doc))
        routes.push({ method, url: route.url, doc: route.config?.doc });
    }
  });

  app.addHook('onSend', async (request, reply) => {
    // API answers carry personal data and session state: no cache anywhere may keep them.
    if (isApiPath(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  // Before any route: Fastify binds a route to the error handler in place when it is added.
  installErrorHandler(app);
  // Over capacity a push is answered 503 before anything else, the session check included (admission.ts).
  const pushes = pushGate({ ...DEFAULT_PUSH_ADMISSION, ...options.pushAdmission });
  admitPushesFirst(app, pushes);
  // 401 before 400 or 413: a caller without a session learns nothing about the route's input.
  authenticateFirst(app, ctx);
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  syncRoutes(app, ctx, pushes);
  adminRoutes(app, ctx);
  auditRoutes(app, ctx);
  reviewRoutes(app, ctx);
  reportRoutes(app, ctx);
  planRoutes(app, ctx);
  publicRoutes(app, ctx);
  openApiRoutes(app, routes, API_DOC_VERSION);
  const spaFallback = await staticRoutes(app, options.staticDir ?? null);
  installNotFoundHandler(app, spaFallback);
  return app;
}
