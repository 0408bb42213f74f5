import type { Plugin } from 'vite';
import { chunkOfModule, chunksOf } from './bundle-chunks';

/**
 * The field shell and the screens of other roles. The service worker precaches what a field
 * device needs (start, lock, Today, the record forms, records, plan, sync, "Who am I"); the
 * screens below are left out of the precache and cached when a user whose role opens them
 * logs in on the device (src/client/pwa/roleScreens.ts), so they still open offline after.
 *
 * Each group names its screens' modules; the build finds their chunks, the chunks only they
 * import (statically or lazily) and their CSS, writes the list into index.html
 * (`<meta name="kyiv1325-screens" content="{…}">`, so it is always the list of the build the
 * page runs) and drops those files from the precache manifest.
 */
export const ROLE_SCREENS = {
  /** every signed-in role sees Reports in the navigation */
  everyone: ['src/client/features/reports/ReportsScreen.tsx'],
  reviewer: ['src/client/features/review/ReviewScreen.tsx', 'src/client/features/annual/AnnualReportScreen.tsx'],
  /** online only (it says so offline), but its chunk is cached for admins so that it can say so */
  admin: ['src/client/features/admin/AdminScreen.tsx'],
} as const;
export type ScreenGroup = keyof typeof ROLE_SCREENS;

export const SCREENS_META = 'kyiv1325-screens';

/** Files of the role groups, shared by the index.html transform and the precache filter. */
const leftOut = new Set<string>();

interface ManifestEntry {
  url: string;
  revision: string | null;
  size: number;
}

/** The workbox manifest transform: leaves the role screens' files out of the precache. */
export const withoutRoleScreens = async (entries: ManifestEntry[]) => ({
  manifest: entries.filter((e) => !leftOut.has(e.url.replace(/^\//, ''))),
  warnings: [],
});

export function roleScreens(root = process.cwd()): Plugin {
  return {
    name: 'kyiv1325:role-screens',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const chunks = chunksOf(ctx.bundle);
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const facade = (module: string) => chunkOfModule(chunks, root, module, 'role-screens').fileName;
        const groupEntries = new Map(Object.entries(ROLE_SCREENS).map(([group, modules]) => [group, modules.map(facade)]));
        const allRoleEntries = new Set([...groupEntries.values()].flat());

        /** Files reachable from `start`, through static imports (and dynamic ones, when asked), not entering `stop`. */
        const reach = (start: string[], dynamic: boolean, stop: Set<string>) => {
          const seen = new Set<string>();
          const visit = (file: string) => {
            if (seen.has(file) || (stop.has(file) && !start.includes(file))) return;
            const chunk = byFile.get(file);
            if (!chunk) return;
            seen.add(file);
            for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
            for (const next of chunk.imports) visit(next);
            if (dynamic) for (const next of chunk.dynamicImports) visit(next);
          };
          for (const s of start) visit(s);
          return seen;
        };

        // The shell: everything the entry reaches, static and lazy, except the role screens.
        const entries = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
        const shell = reach(entries, true, allRoleEntries);
        const groups: Record<string, string[]> = {};
        leftOut.clear();
        for (const [group, files] of groupEntries) {
          const others = new Set([...allRoleEntries].filter((f) => !files.includes(f)));
          const own = [...reach(files, true, others)].filter((f) => !shell.has(f)).sort();
          groups[group] = own.map((f) => `/${f}`);
          for (const f of own) leftOut.add(f);
        }
        // A meta element, not an inline script: the page holds no script the CSP would have to allow.
        const json = JSON.stringify(groups).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
        return html.replace('</head>', `  <meta name="${SCREENS_META}" content="${json}">\n  </head>`);
      },
    },
  };
}
