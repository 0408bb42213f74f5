import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../../src/server/cli';
import type { AuditPage } from '../../src/shared/accounts/audit';
import type { DeviceDto, TeamDto, UpdateUserResponse, UserDto, UserWithPasswordDto } from '../../src/shared/accounts/protocol';
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

  it('changes role and teams and deactivates: each ends the sessions; and lists the audit log', async () => {
    expect(await admin('team', 'add', '--name', 'Бригада Троєщина', '--kind', 'mobile_brigade')).toBe(0);
    expect(await admin('user', 'add', '--email', 'oksana@kyiv.ua', '--name', 'Оксана', '--role', 'field_worker', '--team', 'Бригада Святошин', '--password', 'oksana password 1')).toBe(0);
    const login = async () => ((await h.login('oksana@kyiv.ua', 'tablet-5', { password: 'oksana password 1' })).json() as { token: string }).token;
    const revoked = async (token: string) => ((await h.call('GET', '/api/v1/auth/me', { token })).json() as ApiError).error.reason;

    let token = await login();
    expect(await admin('user', 'set-role', '--email', 'oksana@kyiv.ua', '--role', 'trainer', '--json')).toBe(0);
    expect(json<UpdateUserResponse>()).toMatchObject({ user: { role: 'trainer' }, sessionsRevoked: 1 });
    expect(await revoked(token)).toBe('token_revoked');

    token = await login();
    expect(await admin('user', 'set-teams', '--email', 'oksana@kyiv.ua', '--team', 'Бригада Троєщина')).toBe(0);
    expect(out.join('\n')).toContain('teams=Бригада Троєщина');
    expect(out.join('\n')).toContain('Ended 1 session(s).');
    expect(await revoked(token)).toBe('token_revoked');

    token = await login();
    expect(await admin('user', 'deactivate', '--email', 'oksana@kyiv.ua')).toBe(0);
    expect(await revoked(token)).toBe('token_revoked');
    expect((await h.login('oksana@kyiv.ua', 'tablet-5', { password: 'oksana password 1' })).statusCode).toBe(403);
    expect(await admin('user', 'reactivate', '--email', 'oksana@kyiv.ua')).toBe(0);
    expect(await admin('user', 'set-teams', '--email', 'oksana@kyiv.ua', '--no-teams', '--json')).toBe(0);
    expect(json<UpdateUserResponse>().user.teams).toEqual([]);

    expect(await admin('audit', 'list', '--type', 'role_changed', '--json')).toBe(0);
    const page = json<AuditPage>();
    expect(page.entries).toHaveLength(1);
    // the command line acts as nobody in particular: the operator on the server
    expect(page.entries[0]).toMatchObject({ actorId: null, details: { from: 'field_worker', to: 'trainer' } });
    expect(await admin('audit', 'list', '--user', 'oksana@kyiv.ua', '--since', '2023-06-15')).toBe(0);
    const lines = out.join('\n');
    for (const type of ['user_created', 'login_succeeded', 'role_changed', 'teams_changed', 'user_deactivated', 'user_reactivated', 'sessions_revoked'])
      expect(lines).toContain(type);
    expect(lines).toContain('on oksana@kyiv.ua');
    expect(await admin('audit', 'list', '--since', '2099-01-01', '--json')).toBe(0);
    expect(json<AuditPage>().entries).toEqual([]);
  });

  it('explains mistakes and exits non-zero', async () => {
    expect(await admin('audit', 'list', '--since', 'yesterday')).toBe(2);
    expect(err.join('\n')).toContain('--since');
    expect(await admin('audit', 'list', '--type', 'coffee')).toBe(2);
    expect(await admin('user', 'set-role', '--email', 'oksana@kyiv.ua', '--role', 'boss')).toBe(2);
    expect(await admin('user', 'set-teams', '--email', 'oksana@kyiv.ua')).toBe(2);
    expect(await admin('user', 'set-role', '--email', 'nobody@kyiv.ua', '--role', 'trainer')).toBe(1);
    expect(await admin('user', 'add', '--email', 'x@kyiv.ua')).toBe(2);
    expect(err.join('\n')).toContain('missing --name');
    expect(await admin('team', 'add', '--name', 'Бригада Святошин', '--kind', 'mobile_brigade')).toBe(1);
    expect(err.join('\n')).toContain('A team with this name already exists / Команда з такою назвою вже існує');
    expect(await admin('user', 'add', '--email', 'bad', '--name', 'B', '--role', 'trainer', '--password', 'long enough pw')).toBe(1);
    expect(await admin('user', 'add', '--email', 'y@kyiv.ua', '--name', 'Y', '--role', 'trainer', '--team', 'Немає такої')).toBe(2);
    expect(await admin('device', 'revoke', '--id', 'nope')).toBe(1);
    expect(await admin('frobnicate', 'now')).toBe(2);
  });

  it('renames a team and sets its district; an unknown district names the field', async () => {
    expect(await admin('team', 'add', '--name', 'Служба Оболонь', '--kind', 'district_service', '--district', 'obolonskyi', '--json')).toBe(0);
    const team = json<TeamDto>();
    expect(team).toMatchObject({ kind: 'district_service', district: 'obolonskyi' });
    expect(await admin('team', 'update', '--team', 'Служба Оболонь', '--name', 'Служба Оболоні', '--no-district', '--json')).toBe(0);
    expect(json<TeamDto>()).toMatchObject({ id: team.id, name: 'Служба Оболоні', district: null });
    expect(await admin('team', 'update', '--team', team.id, '--district', 'atlantis')).toBe(1);
    expect(err.join('\n')).toContain('district: The plan has no such district');
    expect(await admin('team', 'update', '--team', team.id)).toBe(2);
    expect(await admin('team', 'update', '--name', 'X')).toBe(2);
    expect(err.join('\n')).toContain('missing --team');
  });

  it('prints its usage for --help, -h and help, and exits 0, without a database', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['user', 'add', '--help']]) {
      out = [];
      vi.spyOn(console, 'log').mockImplementation((l: string) => void out.push(l));
      // an environment with no usable database: help must not need one
      expect(await cli(argv, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).toBe(0);
      expect(out.join('\n')).toMatch(/^Usage: npm run admin -- <command> \[options\]/);
      expect(out.join('\n')).toContain('team update --team');
    }
    const res = await runScript('src/server/cli.ts', ['--help'], h.database.env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('user add --email');
    expect(res.stderr).toBe('');
  });

  it('runs as its own process (npm run admin) on the same database', async () => {
    const res = await runScript('src/server/cli.ts', ['team', 'list', '--json'], h.database.env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as TeamDto[]).map((t) => t.name)).toContain('Бригада Святошин');
  });
});
