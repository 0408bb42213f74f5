import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalogue, renderPublicHtml } from '../../../shared';
import { loadEnv } from '../../config';
import { openMigratedDatabase } from '../../start';
import { readSnapshot } from './snapshots';
import { runIfMain } from '../../run-cli';

const USAGE = 'usage: npm run export:public -- --year <YYYY> --out <dir> [--version <N>]';

/**
 * `npm run export:public -- --year 2023 --out dir`: a published snapshot (the latest, or
 * --version N) as static pages (Ukrainian and English) for the city's portal, from the
 * database DATA_DIR/DATABASE_URL name. Never the live figures: publish first
 * (`npm run admin -- public publish --year 2023`). Exit code 0 on success, 1 when the year
 * has no such snapshot, 2 on a usage mistake.
 */
export async function exportPublic(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { year: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const year = Number(values.year);
  const version = values.version === undefined ? undefined : Number(values.version);
  if (!values.out || !defaultCatalogue.years.includes(year) || (version !== undefined && !(Number.isInteger(version) && version >= 1))) {
    console.error(`${USAGE}\n  --year: one of the plan's years (${defaultCatalogue.years.join(', ')})\n  --version: a published version number`);
    return 2;
  }
  const database = await openMigratedDatabase(loadEnv(env));
  try {
    const read = await readSnapshot(database.db, year, version);
    if (!read) {
      console.error(version === undefined ? `No snapshot of ${year} has been published yet.` : `There is no version ${version} of ${year}.`);
      return 1;
    }
    mkdirSync(values.out, { recursive: true });
    for (const lang of ['uk', 'en'] as const) {
      const file = path.resolve(values.out, `progress-${year}.${lang}.html`);
      // Links between the exported files: the other language, the other years' files (exported alike).
      writeFileSync(file, renderPublicHtml(read.progress, lang, { catalogue: defaultCatalogue, href: (y, l) => `progress-${y}.${l}.html` }));
      console.log(`wrote ${file} (version ${read.snapshot.version}, published ${read.snapshot.publishedAt})`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runIfMain(import.meta.url, exportPublic);
