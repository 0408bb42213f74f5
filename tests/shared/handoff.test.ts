import { describe, expect, it } from 'vitest';
import { createRecord, HandoffError, openHandoff, sealHandoff, type RecordContent } from '../../src/shared';

const content: RecordContent = {
  kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date: '2023-05-10', district: 'podilskyi',
  serviceType: 'legal_aid', served: { cells: [{ sex: 'female', ageBand: '35-59', group: 'gbv_survivor', count: 2 }], total: 2 },
};
const records = [createRecord(content, { authorId: 'u', deviceId: 'd', teamId: 't' })];
const contents = { deviceId: 'd', exportedAt: '2023-06-01T10:00:00.000Z', records };
const FAST = 100_000;

describe('hand-off file', () => {
  it('opens with the right passphrase, records intact', async () => {
    const file = await sealHandoff(contents, 'довгий пароль 1325', FAST);
    expect(await openHandoff(file, 'довгий пароль 1325')).toEqual(contents);
  });

  it('shows nothing of the records without the passphrase', async () => {
    const file = await sealHandoff(contents, 'довгий пароль 1325', FAST);
    expect(file).not.toMatch(/gbv_survivor|7\.3|podilskyi|serviceLog/);
    await expect(openHandoff(file, 'інший пароль 1325')).rejects.toThrow(new HandoffError('wrong_passphrase_or_damaged'));
  });

  it('refuses a tampered header, a non-file and a short passphrase', async () => {
    const file = JSON.parse(await sealHandoff(contents, 'довгий пароль 1325', FAST));
    const tampered = JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: FAST + 1 } });
    await expect(openHandoff(tampered, 'довгий пароль 1325')).rejects.toThrow('wrong_passphrase_or_damaged');
    await expect(openHandoff('{"hello":1}', 'довгий пароль 1325')).rejects.toThrow('not_a_handoff_file');
    await expect(sealHandoff(contents, 'short')).rejects.toThrow('passphrase_too_short');
  });
});
