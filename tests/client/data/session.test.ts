import { describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { getDeviceId } from '../../../src/client/data/meta';
import { currentAuthor, getSession, saveLocalIdentity } from '../../../src/client/data/session';

describe('device identity', () => {
  it('makes the device id once, even when tabs ask at the same moment', async () => {
    freshDb();
    const ids = await Promise.all([getDeviceId(), getDeviceId(), getDeviceId()]);
    expect(new Set(ids).size).toBe(1);
    expect(await getDeviceId()).toBe(ids[0]);
  });

  it('keeps the author id when the same person edits their identity', async () => {
    freshDb();
    await expect(currentAuthor()).rejects.toThrow(/identity/);
    const first = await saveLocalIdentity({ displayName: ' Олена ', teamName: 'Бригада №3', role: 'field_worker' });
    const second = await saveLocalIdentity({ displayName: 'Олена К.', teamName: 'Бригада №3', role: 'field_worker' });
    expect(second.userId).toBe(first.userId);
    expect(second.displayName).toBe('Олена К.');
    // Same team, same id; the id is not made from the name (the name is stored encrypted only).
    expect((await getSession())?.teamId).toBe(first.teamId);
    expect(first.teamId).toMatch(/^local-team:[0-9a-f-]{36}$/);
    const moved = await saveLocalIdentity({ displayName: 'Олена К.', teamName: 'Бригада №4', role: 'field_worker' });
    expect(moved.teamId).not.toBe(first.teamId);
    expect(moved.userId).toBe(first.userId);
    const author = await currentAuthor();
    expect(author).toEqual({ authorId: first.userId, teamId: moved.teamId, deviceId: await getDeviceId() });
  });
});
