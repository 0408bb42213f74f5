import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCatalogue, renderPublicHtml } from '../../../shared';
import { loadEnv } from '../../config';
import { openMigratedDatabase } from '../../start';
import { publishedProgress } from './progress';

const USAGE = 'usage: npm run export:public -- --year <YYYY> --out <dir> [--as-of <YYYY-MM-DD>]';

/**
 * `npm run export:public -- --year 2023 --out dir`: the public progress page as static files
 * (Ukrainian and English) for the city's portal, from the database DATA_DIR/DATABASE_URL name.
 * Exit code 0 on success, 2 on a usage mistake.
 */
export async function exportPublic(argv: string[], env: NodeJS.ProcessEnv = process.env, now = new Date()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { year: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const year = Number(values.year);
  const asOf = values['as-of'] ?? now.toISOString().slice(0, 10);
  if (!values.out || !defaultCatalogue.years.includes(year) || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error(`${USAGE}\n  --year: one of the plan's years (${defaultCatalogue.years.join(', ')})`);
    return 2;
  }
  const database = await openMigratedDatabase(loadEnv(env));
  try {
    const progress = await publishedProgress(database.db, defaultCatalogue, year, asOf);
    mkdirSync(values.out, { recursive: true });
    for (const lang of ['uk', 'en'] as const) {
      const file = path.resolve(values.out, `progress-${year}.${lang}.html`);
      writeFileSync(file, renderPublicHtml(progress, lang));
      console.log(`wrote ${file}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  exportPublic(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
