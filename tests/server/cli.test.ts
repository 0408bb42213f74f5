import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../../src/server/cli';
import type { DeviceDto, TeamDto, UserDto, UserWithPasswordDto } from '../../src/shared/accounts/protocol';
import type { ApiError } from '../../src/shared';
import { backends } from './helpers/backends';
import { startHarness, type Harness } from './helpers/harness';
import { runScript } from './helpers/spawn';

describe.each(backends)('admin CLI on $name', (backend) => {
  let h: Harness;
  let out: string[];
  let err: string[];

  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());
  afterEach(() => vi.restoreAllMocks());

  /** Runs the CLI in-process against the harness's database, capturing what it prints. */
  async function admin(...argv: string[]): Promise<number> {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((l: string) => void out.push(l));
    vi.spyOn(console, 'error').mockImplementation((l: string) => void err.push(l));
    return cli(argv, { ...h.database.env });
  }
  const json = <T>() => JSON.parse(out.join('\n')) as T;

  it('adds a team and a user in it; the user can log in with the given password', async () => {
    expect(await admin('team', 'add', '--name', 'Бригада Святошин', '--kind', 'mobile_brigade', '--json')).toBe(0);
    const team = json<TeamDto>();
    expect(team).toMatchObject({ name: 'Бригада Святошин', kind: 'mobile_brigade' });
    expect(
      await admin('user', 'add', '--email', 'iryna@kyiv.ua', '--name', 'Ірина', '--role', 'field_worker', '--team', 'Бригада Святошин', '--password', 'iryna password 1'),
    ).toBe(0);
    expect(out.join('\n')).toContain('Created field_worker iryna@kyiv.ua');
    expect(await admin('user', 'list', '--json')).toBe(0);
    expect(json<UserDto[]>().find((u) => u.email === 'iryna@kyiv.ua')?.teams).toEqual([{ id: team.id, name: 'Бригада Святошин' }]);
    expect((await h.login('iryna@kyiv.ua', 'tablet-9', { password: 'iryna password 1' })).statusCode).toBe(200);
  });

  it('resets a password (generated, printed once), lists and revokes devices, revokes sessions', async () => {
    expect(await admin('user', 'reset-password', '--email', 'iryna@kyiv.ua', '--json')).toBe(0);
    const { generatedPassword } = json<UserWithPasswordDto>();
    const login = await h.login('iryna@kyiv.ua', 'tablet-9', { password: generatedPassword! });
    expect(login.statusCode).toBe(200);
    const token = (login.json() as { token: string }).token;
    await h.login('iryna@kyiv.ua', 'phone-3', { password: generatedPassword! });

    expect(await admin('device', 'list', '--email', 'iryna@kyiv.ua', '--json')).toBe(0);
    expect(json<DeviceDto[]>().map((d) => d.deviceKey).sort()).toEqual(['phone-3', 'tablet-9']);
    expect(await admin('device', 'revoke', '--email', 'iryna@kyiv.ua', '--device', 'tablet-9')).toBe(0);
    const me = await h.call('GET', '/api/v1/auth/me', { token });
    expect((me.json() as ApiError).error.reason).toBe('device_revoked');

    expect(await admin('user', 'revoke-sessions', '--email', 'iryna@kyiv.ua')).toBe(0);
    expect(out.join('\n')).toMatch(/Revoked 1 session/);
  });

  it('explains mistakes and exits non-zero', async () => {
    expect(await admin('user', 'add', '--email', 'x@kyiv.ua')).toBe(2);
    expect(err.join('\n')).toContain('missing --name');
    expect(await admin('team', 'add', '--name', 'Бригада Святошин', '--kind', 'mobile_brigade')).toBe(1);
    expect(err.join('\n')).toContain('A team with this name already exists / Команда з такою назвою вже існує');
    expect(await admin('user', 'add', '--email', 'bad', '--name', 'B', '--role', 'trainer', '--password', 'long enough pw')).toBe(1);
    expect(await admin('user', 'add', '--email', 'y@kyiv.ua', '--name', 'Y', '--role', 'trainer', '--team', 'Немає такої')).toBe(2);
    expect(await admin('device', 'revoke', '--id', 'nope')).toBe(1);
    expect(await admin('frobnicate', 'now')).toBe(2);
  });

  it('runs as its own process (npm run admin) on the same database', async () => {
    const res = await runScript('src/server/cli.ts', ['team', 'list', '--json'], h.database.env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as TeamDto[]).map((t) => t.name)).toContain('Бригада Святошин');
  });
});
