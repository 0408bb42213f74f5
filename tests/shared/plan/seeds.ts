import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The plan's source text (`shared/seeds/`, read-only, provided with the project) lies beside the
 * project's root on developers' machines and in CI. A clone made elsewhere (a scratch directory
 * for a clean run) finds it beside the repository it was cloned from. Neither: the test fails,
 * naming where it looked; it never passes without reading the source.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function originDir(): string | null {
  try {
    const url = execFileSync('git', ['-C', root, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).trim();
    return url && !/^[a-z]+:\/\/|^[^/]+@[^:]+:/.test(url) ? path.resolve(root, url) : null;
  } catch {
    return null;
  }
}

export function readSeed(file: string): string {
  const origin = originDir();
  const candidates = [path.join(root, '..', 'shared', 'seeds', file), ...(origin ? [path.join(origin, '..', 'shared', 'seeds', file)] : [])];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the plan's source ${file} is not beside the project (looked in ${candidates.join(', ')})`);
  return readFileSync(found, 'utf8');
}
