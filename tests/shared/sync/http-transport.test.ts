import { describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, uuidv7 } from '../../../src/shared';
import { httpTransport, MAX_RETRY_AFTER_MS, retryAfterMs } from '../../../src/shared/sync/http-transport';

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('Retry-After as the sync transport reads it', () => {
  it('takes delay-seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterMs('3', NOW)).toBe(3_000);
    expect(retryAfterMs(' 0 ', NOW)).toBe(0);
    expect(retryAfterMs('Wed, 02 Dec 2026 12:00:30 GMT', NOW)).toBe(30_000);
    // a date already past (a wrong clock): go now, not never
    expect(retryAfterMs('Wed, 02 Dec 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs(null, NOW)).toBeNull();
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs('-5', NOW)).toBeNull();
    expect(retryAfterMs('1.5', NOW)).toBeNull();
  });

  it('caps what a proxy or a wrong clock could ask for', () => {
    expect(retryAfterMs('86400', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('gives a 503 push its wait; other failures carry none', async () => {
    const answer = (status: number, headers: Record<string, string>) => async () =>
      new Response(JSON.stringify({ error: { code: 'server_busy', reason: 'server_busy', message: { uk: 'Зайнято', en: 'Busy' } } }), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const request = { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId: uuidv7(), records: [] };
    const busy = await httpTransport({ baseUrl: '', token: () => 't', fetch: answer(503, { 'retry-after': '2' }) }).push(request);
    expect(busy).toEqual({
      ok: false,
      failure: { kind: 'server', status: 503, message: 'Busy', reason: 'server_busy', text: { uk: 'Зайнято', en: 'Busy' }, retryAfterMs: 2_000 },
    });
    const broken = await httpTransport({ baseUrl: '', token: () => 't', fetch: answer(500, { 'retry-after': '2' }) }).push(request);
    expect(broken.ok === false && broken.failure.kind === 'server' && 'retryAfterMs' in broken.failure).toBe(false);
  });
});
