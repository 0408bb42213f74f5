import { describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { getDeviceId } from '../../../src/client/data/meta';
import { currentAuthor, getSession, saveLocalIdentity, teamIdFor } from '../../../src/client/data/session';

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
    expect((await getSession())?.teamId).toBe(teamIdFor('бригада №3 '));
    const author = await currentAuthor();
    expect(author).toEqual({ authorId: first.userId, teamId: first.teamId, deviceId: await getDeviceId() });
  });
});
