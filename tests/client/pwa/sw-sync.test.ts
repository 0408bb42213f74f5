import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_SYNC_TAG } from '../../../src/client/features/sync/start';

/** public/sw-sync.js runs inside the service worker; here it runs against a stand-in `self`. */
function loadWorker() {
  const handlers = new Map<string, (event: unknown) => void>();
  const sent: unknown[] = [];
  const self = {
    addEventListener: (type: string, handler: (event: unknown) => void) => handlers.set(type, handler),
    clients: { matchAll: async () => [{ postMessage: (m: unknown) => sent.push(m) }, { postMessage: (m: unknown) => sent.push(m) }] },
  };
  new Function('self', readFileSync('public/sw-sync.js', 'utf8'))(self);
  return { handlers, sent };
}

describe('the service worker’s Background Sync relay', () => {
  it('asks every open window to sync when the browser fires our sync tag', async () => {
    const { handlers, sent } = loadWorker();
    const waits: Promise<unknown>[] = [];
    handlers.get('sync')!({ tag: BACKGROUND_SYNC_TAG, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
    expect(sent).toEqual([{ type: BACKGROUND_SYNC_TAG }, { type: BACKGROUND_SYNC_TAG }]);
  });

  it('ignores other tags', async () => {
    const { handlers, sent } = loadWorker();
    const waits: Promise<unknown>[] = [];
    handlers.get('sync')!({ tag: 'something-else', waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
    expect(sent).toEqual([]);
  });
});
