import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/shared';
import { revokeDevice } from '../../../src/server/features/accounts/devices';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';

/**
 * A device that erases itself asks the server to tell the browser to delete the site's storage
 * files (Clear-Site-Data), because IndexedDB keeps deleted rows' bytes until it compacts. The
 * token may be revoked by then (a revoked device erases after its export), but it must be one this
 * server issued: an outsider cannot make anyone's browser drop unsynced records.
 */
describe.each(backends)('forgetting a device on $name', (backend) => {
  let h: Harness;
  let team: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    team = await h.team();
  });
  afterAll(() => h?.close());

  const forget = (token?: string) => h.call('POST', '/api/v1/auth/forget-device', token ? { token } : {});

  it('ends a live session and answers Clear-Site-Data "storage"', async () => {
    const worker = await h.user('field_worker', [team]);
    const answer = await forget(worker.token);
    expect(answer.statusCode).toBe(204);
    expect(answer.headers['clear-site-data']).toBe('"storage"');
    const me = await h.call('GET', '/api/v1/auth/me', { token: worker.token });
    expect((me.json() as ApiError).error.reason).toBe('token_revoked');
    const logged = await h.ctx.db.selectFrom('audit_log').select('details').where('type', '=', 'sessions_revoked').where('subject_id', '=', worker.id).execute();
    expect(logged.map((e) => (JSON.parse(e.details) as { cause: string }).cause)).toEqual(['device_forgotten']);
  });

  it('takes the token of a revoked device too, so it can erase after its export', async () => {
    const worker = await h.user('field_worker', [team]);
    const device = await h.ctx.db.selectFrom('devices').select('id').where('user_id', '=', worker.id).executeTakeFirstOrThrow();
    await revokeDevice(h.ctx, device.id, null);
    expect(((await h.call('GET', '/api/v1/auth/me', { token: worker.token })).json() as ApiError).error.reason).toBe('device_revoked');
    const answer = await forget(worker.token);
    expect(answer.statusCode).toBe(204);
    expect(answer.headers['clear-site-data']).toBe('"storage"');
  });

  it('refuses a missing or unknown token, and never tells that browser to clear anything', async () => {
    for (const [token, reason] of [[undefined, 'token_missing'], ['A'.repeat(43), 'token_invalid']] as const) {
      const answer = await forget(token);
      expect(answer.statusCode).toBe(401);
      expect((answer.json() as ApiError).error.reason).toBe(reason);
      expect(answer.headers['clear-site-data']).toBeUndefined();
    }
  });
});
