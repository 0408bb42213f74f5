import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { START_PATH } from '../../../scripts/start-chunk';
import { uk as screensUk } from '../../../src/client/locales/uk-screens';
import { uk as sessionUk } from '../../../src/client/locales/uk-session';

/**
 * What a device with a PIN runs before Today shows: the entry (main.tsx and what it imports) and
 * the lazy modules on the way, the lock and what the PIN opens (START_PATH, the build's one chunk
 * for them). Their static imports are on the first load (issue 10's budget); the forms, reports
 * and other screens load in their own chunks and may need more.
 */
const ROOTS = ['src/client/main.tsx', ...START_PATH];

/**
 * What the first screen must not pull in: zod is 25 KB gzip and its start-up before Today; the
 * texts of the screens after it (uk-screens.ts, uk-session.ts) are a third of the Ukrainian texts.
 */
const NOT_ON_FIRST_LOAD = ['zod', 'src/client/app/screenTexts.ts', 'src/client/locales/uk-screens.ts', 'src/client/app/sessionTexts.ts', 'src/client/locales/uk-session.ts'];

const root = process.cwd();
const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  const base = path.resolve(path.dirname(from), specifier);
  const file = CANDIDATES.map((c) => base + c).find((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
  if (!file) throw new Error(`${path.relative(root, from)}: cannot resolve ${specifier}`);
  return file;
}

/** The imports a bundler keeps: `import type`, and imports of types only, are erased. */
function runtimeImports(file: string): string[] {
  if (!/\.tsx?$/.test(file)) return [];
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const clause = s.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) out.push(resolve(file, s.moduleSpecifier.text));
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && !s.isTypeOnly) {
      out.push(resolve(file, s.moduleSpecifier.text));
    }
  }
  return out;
}

/** Every module the roots reach through static imports, each with the chain that reaches it. */
function staticGraph(roots: string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const queue = roots.map((r) => path.resolve(root, r));
  for (const r of queue) chains.set(r, [r]);
  while (queue.length) {
    const file = queue.shift()!;
    for (const next of runtimeImports(file)) {
      if (chains.has(next)) continue;
      chains.set(next, [...chains.get(file)!, next]);
      queue.push(next);
    }
  }
  return chains;
}

/** How the graph reaches `module` (a path from the root, or a package name), or undefined. */
function chainTo(graph: Map<string, string[]>, module: string): string[] | undefined {
  return graph.get(module.startsWith('src/') ? path.resolve(root, module) : module)?.map((f) => path.relative(root, f));
}

/**
 * A fresh device (no identity yet) shows "Who am I" after the PIN, then Today: that screen's
 * static imports are on its first load too. It may bring its own texts (uk-session.ts), not zod
 * (the login's answer schema loads with the login) nor the other screens' texts.
 */
const FRESH_ROOTS = [...ROOTS, 'src/client/features/session/SessionScreen.tsx'];
const SESSION_TEXTS = ['src/client/app/sessionTexts.ts', 'src/client/locales/uk-session.ts'];
const NOT_ON_FRESH_FIRST_LOAD = NOT_ON_FIRST_LOAD.filter((m) => !SESSION_TEXTS.includes(m));

describe('first load of a fresh device', () => {
  const graph = staticGraph(FRESH_ROOTS);

  it('walks the real graph ("who am I", the login form and their texts are in it)', () => {
    const files = [...graph.keys()].map((f) => path.relative(root, f));
    expect(files).toEqual(
      expect.arrayContaining(['src/client/features/session/LocalIdentityForm.tsx', 'src/client/features/session/LoginForm.tsx', 'src/client/locales/uk-session.ts']),
    );
  });

  it.each(NOT_ON_FRESH_FIRST_LOAD)('does not import %s', (module) => {
    const chain = chainTo(graph, module);
    expect(chain, `reached through ${chain?.join(' → ')}`).toBeUndefined();
  });
});

describe('first load of Today', () => {
  const graph = staticGraph(ROOTS);

  it('walks the real graph (Today, the sync status, the lock and the device database are in it)', () => {
    const files = [...graph.keys()].map((f) => path.relative(root, f));
    expect(files).toEqual(expect.arrayContaining(['src/client/ui/recordName.ts', 'src/shared/reports/facts.ts', 'src/client/data/db.ts', 'dexie', 'react-dom']));
  });

  it.each(NOT_ON_FIRST_LOAD)('does not import %s', (module) => {
    const chain = chainTo(graph, module);
    expect(chain, `reached through ${chain?.join(' → ')}`).toBeUndefined();
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : [],
  );
}

describe.each([
  ['uk-screens.ts', screensUk, 'src/client/app/screenTexts.ts', ['src/client/features/events/EventScreen.tsx', 'src/client/ui/tally/TallyGrid.tsx']],
  ['uk-session.ts', sessionUk, 'src/client/app/sessionTexts.ts', ['src/client/features/session/LoginForm.tsx', 'src/client/features/admin/UsersPanel.tsx']],
] as const)('texts of the screens after Today (%s)', (_file, table, effect, known) => {
  const texts = path.resolve(root, effect);
  const key = new RegExp(`['"\`](${Object.keys(table).join('|')})\\.[\\w$]`);
  const showing = sourceFiles(path.resolve(root, 'src/client')).filter((f) => !f.includes(`${path.sep}locales${path.sep}`) && key.test(readFileSync(f, 'utf8')));

  it('are shown by some modules (the search finds them)', () => {
    expect(showing.map((f) => path.relative(root, f))).toEqual(expect.arrayContaining([...known]));
  });

  it(`come with every module that shows one (it imports ${effect})`, () => {
    const without = showing.filter((f) => !staticGraph([f]).has(texts)).map((f) => path.relative(root, f));
    expect(without).toEqual([]);
  });
});
