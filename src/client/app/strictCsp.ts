/**
 * The server's Content-Security-Policy allows no eval (no 'unsafe-eval'). zod compiles fast object
 * parsers with `new Function`, and even its check whether it may do so is reported as a CSP
 * violation. Its "jitless" mode avoids both; zod reads its global config from this object, and
 * reads it when a schema is built, so it must be set before any schema module runs: main.tsx
 * imports this first, and schemas reach the app only in lazily loaded chunks.
 */
const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true };

export {};
