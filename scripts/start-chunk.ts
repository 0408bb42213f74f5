import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * What a device runs between the entry and Today, lazily (the entry itself is index.html's
 * script): the lock (main.tsx starts its keeper, Layout shows LockGate) and what the PIN opens
 * (unlockedScreens.ts). Every start goes this way, so these modules always load together.
 */
export const START_PATH = [
  'src/client/features/lock/keeper.ts',
  'src/client/features/lock/LockGate.tsx',
  'src/client/app/SessionGate.tsx',
  'src/client/features/status/SyncStatus.tsx',
  'src/client/app/AppNav.tsx',
  'src/client/features/today/TodayScreen.tsx',
] as const;

/** Modules of the start path that the entry does not already hold: one chunk. */
const startModules = new Set<string>();

/**
 * The code-splitting group for them. Left to itself the bundler cut them into some 35 chunks,
 * most under 1 KB, each compressed on its own and each with its own request and response
 * headers: together they compress a quarter smaller (8 KB of Today's first load). Filled by
 * the plugin below, once the module graph is known.
 */
export const startChunkGroup = {
  name: 'start-path',
  test: (id: string) => startModules.has(id),
  priority: 10,
  // Only these: their imports that the entry holds (React, the router, the Ukrainian texts) stay there.
  includeDependenciesRecursively: false,
};

/** Modules reachable from `roots` through static imports. */
function staticClosure(roots: string[], importedIds: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...importedIds(id));
  }
  return seen;
}

export function startChunk(root = process.cwd()): Plugin {
  return {
    name: 'kyiv1325:start-chunk',
    apply: 'build',
    buildEnd() {
      const imported = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
      const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      const inEntry = staticClosure(entries, imported);
      startModules.clear();
      for (const id of staticClosure(START_PATH.map((m) => path.resolve(root, m)), imported)) if (!inEntry.has(id)) startModules.add(id);
      if (startModules.size === 0) throw new Error('start-chunk: no modules on the start path');
    },
  };
}
