import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp, createContext } from './app';
import { loadEnv } from './config';
import { bootstrapAdmin, firstStartLines, openUrl } from './features/accounts/bootstrap';
import { startPublishSchedule } from './features/public/schedule';
import { openMigratedDatabase } from './start';

/** `npm run serve`: the API and the built PWA, on SQLite by default or PostgreSQL with DATABASE_URL. */
async function main(): Promise<void> {
  const env = loadEnv();
  const database = await openMigratedDatabase(env);
  const options = {
    db: database.db,
    dbKind: database.kind,
    tokenTtlDays: env.TOKEN_TTL_DAYS,
    staticDir: env.STATIC_DIR,
    trustProxy: env.TRUST_PROXY,
    logger: { level: env.LOG_LEVEL },
    hstsMaxAge: env.HSTS_MAX_AGE,
    timeouts: {
      headersMs: env.HEADERS_TIMEOUT_MS,
      requestMs: env.REQUEST_TIMEOUT_MS,
      connectionMs: env.CONNECTION_TIMEOUT_MS,
      keepAliveMs: env.KEEP_ALIVE_TIMEOUT_MS,
    },
    pushAdmission: {
      ...(env.PUSH_MAX_IN_FLIGHT !== undefined ? { maxInFlight: env.PUSH_MAX_IN_FLIGHT } : {}),
      retryAfterSeconds: { min: env.PUSH_RETRY_AFTER_MIN_SECONDS, max: env.PUSH_RETRY_AFTER_MAX_SECONDS },
    },
  };
  // The generated password goes to stdout only, once, never to the log.
  const first = await bootstrapAdmin(createContext(options), {
    email: env.ADMIN_EMAIL,
    password: env.ADMIN_PASSWORD,
    print: (line) => console.log(line),
  });

  const app = await buildApp(options);
  const stopSchedule = startPublishSchedule(createContext(options), env.PUBLIC_SNAPSHOT_EVERY_HOURS, {
    info: (m) => app.log.info(m),
    error: (m) => app.log.error(m),
  });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopSchedule();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: env.PORT, host: env.HOST });
  console.log(`Kyiv 1325 server listening on http://${env.HOST}:${env.PORT}`);
  console.log(`  port:      ${env.PORT}`);
  console.log(`  data dir:  ${path.resolve(env.DATA_DIR)}`);
  console.log(`  database:  ${database.kind} (${database.location})`);
  const appFiles = path.resolve(env.STATIC_DIR);
  const built = existsSync(path.join(appFiles, 'index.html'));
  console.log(`  app files: ${appFiles}${built ? '' : ' (missing: run `npm run build`; serving the API only)'}`);
  if (first.created) for (const line of firstStartLines({ url: openUrl(env.HOST, env.PORT), email: first.email, generatedPassword: first.generatedPassword })) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
