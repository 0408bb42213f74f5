import { pathToFileURL } from 'node:url';
import { createContext } from './app';
import { loadEnv } from './config';
import { runAdminCommand } from './features/accounts/cli-commands';
import { openMigratedDatabase } from './start';

/** `npm run admin -- <command>`: manage teams, users and devices on the server's own database. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadEnv(env);
  const database = await openMigratedDatabase(config);
  try {
    const ctx = createContext({ db: database.db, dbKind: database.kind });
    return await runAdminCommand(ctx, argv, (l) => console.log(l), (l) => console.error(l));
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
