import { parseArgs } from 'node:util';
import { roles, type Role } from '../../../shared';
import { auditEventTypes, auditQuery } from '../../../shared/accounts/audit';
import { teamKinds, type TeamKind, type UpdateUserResponse } from '../../../shared/accounts/protocol';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import { listAudit } from '../audit';
import { listSnapshots, publishSnapshot } from '../public';
import { PLAN_CHECK_USAGE } from '../plans';
import { listDevices, revokeDevice, revokeUserSessions } from './devices';
import { createTeam, findTeam, listTeams, updateTeam } from './teams';
import { updateUser } from './user-changes';
import { createUser, findUserByEmail, listUsers, resetPassword } from './users';

type Ctx = ServerContext;
type Print = (line: string) => void;

export const CLI_USAGE = `Usage: npm run admin -- <command> [options]
       npm run admin -- --help        (this text)

  team add --name <name> --kind <${teamKinds.join('|')}> [--district <district id of the plan>]
  team update --team <id or name> [--name <new name>] [--kind <kind>] [--district <district id> | --no-district]
  team list
  user add --email <email> --name <display name> --role <${roles.join('|')}> [--team <id or name>]... [--password <pw>]
  user list
  user reset-password --email <email> [--password <pw>]       (ends all their sessions)
  user set-role --email <email> --role <${roles.join('|')}>     (ends all their sessions)
  user set-teams --email <email> (--team <id or name>... | --no-teams)   (leaving a team ends all their sessions)
  user deactivate --email <email>                              (cannot log in; ends all their sessions)
  user reactivate --email <email>
  user revoke-sessions --email <email>
  device list --email <email>
  device revoke --id <device id>
  device revoke --email <email> --device <the device's own id>
  audit list [--type <${auditEventTypes.join('|')}>] [--user <email>] [--since <date or time>] [--until <date or time>] [--limit <n>] [--cursor <c>]
  public publish --year <YYYY>
  public list [--year <YYYY>]
  ${PLAN_CHECK_USAGE}

Without --password a password is generated and printed once. Add --json for machine-readable output.
Works on the server's database: DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL).`;

const options = {
  name: { type: 'string' },
  kind: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  team: { type: 'string', multiple: true },
  password: { type: 'string' },
  id: { type: 'string' },
  device: { type: 'string' },
  'no-teams': { type: 'boolean' },
  type: { type: 'string' },
  user: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  year: { type: 'string' },
  district: { type: 'string' },
  'no-district': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--help`, `-h` or `help` anywhere: print the usage and exit 0. */
export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';
}

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

class UsageError extends Error {}

function need(values: Values, key: 'name' | 'kind' | 'email' | 'role' | 'id' | 'device'): string {
  const v = values[key];
  if (!v) throw new UsageError(`missing --${key}`);
  return v;
}

async function userByEmail(ctx: Ctx, email: string) {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw new HttpError(404, 'user_unknown');
  return user;
}

async function teamIds(ctx: Ctx, names: string[] | undefined): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names ?? []) {
    const team = await findTeam(ctx, name);
    if (!team) throw new UsageError(`no team "${name}" (see: team list)`);
    ids.push(team.id);
  }
  return ids;
}

function show(print: Print, json: boolean | undefined, value: unknown, human: () => string[]): void {
  if (json) print(JSON.stringify(value, null, 2));
  else human().forEach((line) => print(line));
}

async function dispatch(ctx: Ctx, command: string, values: Values, print: Print): Promise<void> {
  const json = values.json;
  switch (command) {
    case 'team add': {
      const kind = need(values, 'kind');
      if (!teamKinds.includes(kind as TeamKind)) throw new UsageError(`--kind must be one of ${teamKinds.join(', ')}`);
      const team = await createTeam(ctx, { name: need(values, 'name'), kind: kind as TeamKind, ...(values.district ? { district: values.district } : {}) });
      return show(print, json, team, () => [`Created team ${team.name} (${team.kind}${team.district ? `, ${team.district}` : ''}) id=${team.id}`]);
    }
    case 'team update': {
      if (!values.team?.[0]) throw new UsageError('missing --team');
      const [found] = await teamIds(ctx, [values.team[0]]);
      const kind = values.kind;
      if (kind !== undefined && !teamKinds.includes(kind as TeamKind)) throw new UsageError(`--kind must be one of ${teamKinds.join(', ')}`);
      if (values.district && values['no-district']) throw new UsageError('--district and --no-district do not go together');
      const change = {
        ...(values.name ? { name: values.name } : {}),
        ...(kind ? { kind: kind as TeamKind } : {}),
        ...(values.district ? { district: values.district } : values['no-district'] ? { district: null } : {}),
      };
      if (Object.keys(change).length === 0) throw new UsageError('give --name, --kind, --district or --no-district');
      const team = await updateTeam(ctx, found!, change, null);
      return show(print, json, team, () => [`Team ${team.id}: ${team.name} (${team.kind}${team.district ? `, ${team.district}` : ''})`]);
    }
    case 'team list': {
      const teams = await listTeams(ctx);
      return show(print, json, teams, () => teams.map((t) => `${t.id}  ${t.kind.padEnd(16)}  ${(t.district ?? '-').padEnd(12)}  ${t.name}`));
    }
    case 'user add': {
      const [email, displayName, role] = [need(values, 'email'), need(values, 'name'), need(values, 'role')];
      if (!roles.includes(role as Role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
      const created = await createUser(ctx, {
        email,
        displayName,
        role: role as Role,
        teamIds: await teamIds(ctx, values.team),
        ...(values.password ? { password: values.password } : {}),
      });
      return show(print, json, created, () => [
        `Created ${created.user.role} ${created.user.email} id=${created.user.id} teams=${created.user.teams.map((t) => t.name).join(', ') || '-'}`,
        ...(created.generatedPassword ? [`Generated password (shown once): ${created.generatedPassword}`] : []),
      ]);
    }
    case 'user list': {
      const users = await listUsers(ctx.db);
      return show(print, json, users, () =>
        users.map((u) => `${u.id}  ${u.role.padEnd(12)}  ${u.email}  ${u.displayName}  [${u.teams.map((t) => t.name).join(', ')}]`),
      );
    }
    case 'user reset-password': {
      const user = await userByEmail(ctx, need(values, 'email'));
      const result = await resetPassword(ctx, user.id, values.password);
      return show(print, json, result, () => [
        `Password of ${user.email} changed; ${result.sessionsRevoked} session(s) ended.`,
        ...(result.generatedPassword ? [`Generated password (shown once): ${result.generatedPassword}`] : []),
      ]);
    }
    case 'user set-role': {
      const [user, role] = [await userByEmail(ctx, need(values, 'email')), need(values, 'role')];
      if (!roles.includes(role as Role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
      return showChange(print, json, await updateUser(ctx, user.id, { role: role as Role }, null));
    }
    case 'user set-teams': {
      const user = await userByEmail(ctx, need(values, 'email'));
      if (!values.team?.length && !values['no-teams']) throw new UsageError('give --team (one or more), or --no-teams');
      if (values.team?.length && values['no-teams']) throw new UsageError('--team and --no-teams do not go together');
      return showChange(print, json, await updateUser(ctx, user.id, { teamIds: await teamIds(ctx, values.team) }, null));
    }
    case 'user deactivate':
    case 'user reactivate': {
      const user = await userByEmail(ctx, need(values, 'email'));
      return showChange(print, json, await updateUser(ctx, user.id, { active: command === 'user reactivate' }, null));
    }
    case 'audit list':
      return auditList(ctx, values, print);
    case 'user revoke-sessions': {
      const user = await userByEmail(ctx, need(values, 'email'));
      const revoked = await revokeUserSessions(ctx, user.id);
      return show(print, json, { revoked }, () => [`Revoked ${revoked} session(s) of ${user.email}.`]);
    }
    case 'device list': {
      const devices = await listDevices(ctx.db, (await userByEmail(ctx, need(values, 'email'))).id);
      return show(print, json, devices, () =>
        devices.map((d) => `${d.id}  ${d.deviceKey}  ${d.name ?? '-'}  last seen ${d.lastSeenAt}${d.revokedAt ? `  REVOKED ${d.revokedAt}` : ''}`),
      );
    }
    case 'device revoke': {
      const id = values.id ?? (await deviceIdFor(ctx, need(values, 'email'), need(values, 'device')));
      const device = await revokeDevice(ctx, id, null);
      return show(print, json, device, () => [`Device ${device.deviceKey} (${device.id}) revoked at ${device.revokedAt}.`]);
    }
    case 'public publish': {
      const year = Number(values.year);
      if (!values.year || !Number.isInteger(year)) throw new UsageError('missing --year');
      const result = await publishSnapshot(ctx, { year, actorId: null });
      const { version, publishedAt, lockedTeamMonths } = result.snapshot;
      return show(print, json, { created: result.created, snapshot: result.snapshot }, () => [
        result.created
          ? `Published ${year} version ${version} at ${publishedAt} from ${lockedTeamMonths} locked team-month(s).`
          : `The locked figures of ${year} are those of version ${version} (${publishedAt}): nothing new published.`,
      ]);
    }
    case 'public list': {
      const snapshots = await listSnapshots(ctx.db, values.year ? Number(values.year) : undefined);
      return show(print, json, snapshots, () =>
        snapshots.map((s) => `${s.year} v${s.version}  ${s.publishedAt}  ${s.lockedTeamMonths} team-months  by ${s.publishedBy ?? 'command line'}`),
      );
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function showChange(print: Print, json: boolean | undefined, change: UpdateUserResponse): void {
  const { user, sessionsRevoked } = change;
  show(print, json, change, () => [
    `${user.email}: ${user.role}, teams=${user.teams.map((t) => t.name).join(', ') || '-'}${user.deactivatedAt ? `, DEACTIVATED ${user.deactivatedAt}` : ''}`,
    `Ended ${sessionsRevoked} session(s).`,
  ]);
}

async function auditList(ctx: Ctx, values: Values, print: Print): Promise<void> {
  const user = values.user ? (await userByEmail(ctx, values.user)).id : undefined;
  const parsed = auditQuery.safeParse({
    type: values.type, user, from: values.since, to: values.until, limit: values.limit, cursor: values.cursor,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${cliName(String(i.path[0]))}: ${i.message}`).join('\n'));
  const page = await listAudit(ctx, parsed.data);
  if (values.json) return print(JSON.stringify(page, null, 2));
  const emails = new Map((await listUsers(ctx.db)).map((u) => [u.id, u.email]));
  const who = (id: string | null) => (id === null ? '-' : (emails.get(id) ?? id));
  for (const e of page.entries)
    print(`${e.at}  ${e.type.padEnd(25)}  by ${who(e.actorId)}${e.subjectId ? `  on ${who(e.subjectId)}` : ''}${e.email ? `  ${e.email}` : ''}${e.ip ? `  ip ${e.ip}` : ''}${e.teamId ? `  team ${e.teamId}` : ''}  ${JSON.stringify(e.details)}`);
  if (page.nextCursor) print(`(older entries: add --cursor ${page.nextCursor})`);
}

const cliName = (field: string) => ({ from: 'since', to: 'until' })[field] ?? field;

async function deviceIdFor(ctx: Ctx, email: string, deviceKey: string): Promise<string> {
  const user = await userByEmail(ctx, email);
  const row = await ctx.db
    .selectFrom('devices')
    .select('id')
    .where('user_id', '=', user.id)
    .where('device_key', '=', deviceKey)
    .executeTakeFirst();
  if (!row) throw new HttpError(404, 'device_unknown');
  return row.id;
}

/** Runs one admin command; returns the process exit code. Errors are printed, never thrown. */
export async function runAdminCommand(ctx: Ctx, argv: string[], print: Print, printError: Print): Promise<number> {
  try {
    if (wantsHelp(argv)) {
      print(CLI_USAGE);
      return 0;
    }
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
    if (positionals.length !== 2) throw new UsageError('expected a command like "user add"');
    await dispatch(ctx, positionals.join(' '), values, print);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      printError(`${(error as Error).message}\n\n${CLI_USAGE}`);
      return 2;
    }
    if (error instanceof HttpError) {
      const body = error.toBody().error;
      const issues = (body.issues ?? []).map((i) => `\n  ${i.field}: ${i.message.en} / ${i.message.uk}`).join('');
      printError(`${body.message.en} / ${body.message.uk}${issues}`);
      return 1;
    }
    if ((error as { name?: string }).name === 'ZodError') {
      const issues = (error as { issues: { path: PropertyKey[]; message: string }[] }).issues;
      printError(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      return 1;
    }
    throw error;
  }
}
