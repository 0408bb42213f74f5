import { describe, expect, it } from 'vitest';
import { ApiFailure, failureOf, failureText, isOffline, offlineFailure } from '../../../src/client/net/failure';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('the one parser of HTTP failures', () => {
  it('keeps the server’s reason, words, issues and extra fields', async () => {
    const open = [{ id: 'r1', status: 'pending' }];
    const failure = await failureOf(
      json(409, { error: { code: 'month_open', message: { uk: 'Є відкриті записи', en: 'Records are open' }, issues: [], open, openCount: 1 } }),
    );
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ kind: 'conflict', status: 409, reason: 'month_open', text: { en: 'Records are open' }, retryAfter: null });
    expect(failure.details).toMatchObject({ open, openCount: 1 });
    expect(failureText(failure)).toEqual({ uk: 'Є відкриті записи', en: 'Records are open' });
  });

  it('prefers the reason to the code, and reads Retry-After in seconds', async () => {
    const failure = await failureOf(
      json(429, { error: { code: 'rate_limited', reason: 'too_many_logins', message: { uk: 'Забагато', en: 'Too many' } } }, { 'retry-after': '120' }),
    );
    expect(failure).toMatchObject({ kind: 'rate_limited', reason: 'too_many_logins', retryAfter: 120 });
  });

  it('carries the Retry-After of a push refused while the server is busy, as seconds or as a date', async () => {
    const busy = { error: { code: 'server_busy', reason: 'server_busy', message: { uk: 'Зайнято', en: 'Busy' } } };
    expect(await failureOf(json(503, busy, { 'retry-after': '3' }))).toMatchObject({ kind: 'server', status: 503, reason: 'server_busy', retryAfter: 3 });
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const dated = await failureOf(json(503, busy, { 'retry-after': inTenSeconds }));
    expect(dated.retryAfter).toBeGreaterThanOrEqual(9);
    expect(dated.retryAfter).toBeLessThanOrEqual(10);
    expect((await failureOf(json(503, busy))).retryAfter).toBeNull();
    expect((await failureOf(json(503, busy, { 'retry-after': 'soon' }))).retryAfter).toBeNull();
  });

  it('names the kind by status', async () => {
    const kinds = await Promise.all([400, 401, 403, 409, 422, 429, 500, 503].map(async (s) => (await failureOf(json(s, {}))).kind));
    expect(kinds).toEqual(['invalid', 'unauthorized', 'forbidden', 'conflict', 'invalid', 'rate_limited', 'server', 'server']);
  });

  it('still says something when the body is not JSON (a proxy’s error page)', async () => {
    const failure = await failureOf(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(failure).toMatchObject({ kind: 'server', status: 502, reason: null, text: null, issues: [] });
    expect(failureText(failure)).toEqual({ uk: 'Помилка сервера (502)', en: 'Server error (502)' });
  });

  it('tells no answer apart from a refusal, and has words for both and for anything else', () => {
    expect(isOffline(offlineFailure())).toBe(true);
    expect(isOffline(new ApiFailure({ kind: 'server', status: 500 }))).toBe(false);
    expect(isOffline(new Error('offline'))).toBe(false);
    expect(failureText(offlineFailure()).en).toMatch(/cannot be reached/);
    expect(failureText(new TypeError('x')).en).toMatch(/Something went wrong/);
  });
});
