import type { Plugin } from 'vite';
import { chunkOfModule, chunksOf } from './bundle-chunks';

/**
 * Every start of the app shows the lock gate first (PIN setup or the lock screen). It is a lazy
 * chunk with the device database behind it, so the browser would find them one after another
 * (entry → Layout's lazy LockGate → the database). This plugin adds a `<link rel="modulepreload">`
 * to index.html for its chunk and the chunks it imports, so they download in parallel with the
 * entry. What follows the PIN (SessionGate, Today) loads while the lock screen waits for it
 * (main.tsx); other screens stay lazy.
 */
export const START_SCREENS = ['src/client/features/lock/LockGate.tsx'] as const;

export function startPreload(root = process.cwd()): Plugin {
  return {
    name: 'kyiv1325:start-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const chunks = chunksOf(ctx.bundle);
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const wanted = new Set<string>();
        const visit = (file: string) => {
          if (wanted.has(file)) return;
          wanted.add(file);
          for (const next of byFile.get(file)?.imports ?? []) visit(next);
        };
        for (const module of START_SCREENS) {
          visit(chunkOfModule(chunks, root, module, 'start-preload').fileName);
        }
        // What index.html loads already (the entry and its static imports) needs no second link.
        const present = new Set([...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!));
        const links = [...wanted]
          .filter((f) => !present.has(f))
          .sort()
          .map((f) => `    <link rel="modulepreload" crossorigin href="/${f}">`)
          .join('\n');
        return links ? html.replace('</head>', `${links}\n  </head>`) : html;
      },
    },
  };
}
