import { createContext } from './app';
import { loadEnv } from './config';
import { CLI_USAGE, runAdminCommand, wantsHelp } from './features/accounts/cli-commands';
import { checkPlanCommand, isPlanCheck } from './features/plans';
import { openMigratedDatabase } from './start';
import { runIfMain } from './run-cli';

/** `npm run admin -- <command>`: manage teams, users and devices on the server's own database. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Help needs no database: it works before the server was ever configured.
  if (wantsHelp(argv)) {
    console.log(CLI_USAGE);
    return 0;
  }
  if (isPlanCheck(argv)) return checkPlanCommand(argv, (l) => console.log(l), (l) => console.error(l));
  const config = loadEnv(env);
  const database = await openMigratedDatabase(config);
  try {
    const ctx = createContext({ db: database.db, dbKind: database.kind });
    return await runAdminCommand(ctx, argv, (l) => console.log(l), (l) => console.error(l));
  } finally {
    await database.close();
  }
}

runIfMain(import.meta.url, cli);
