import type { ServerContext } from '../../context';
import { newId } from '../../ids';
import { generatePassword, hashPassword } from '../../passwords';

export interface BootstrapOptions {
  email?: string | undefined;
  password?: string | undefined;
  /** where the generated password goes (stdout at start); never logged elsewhere */
  print: (line: string) => void;
}

// Must pass the login form's email check, which wants a dotted domain.
export const DEFAULT_ADMIN_EMAIL = 'admin@kyiv1325.local';

/**
 * On first start (no users at all) creates an administrator. ON CONFLICT DO NOTHING: when two
 * instances start together on one PostgreSQL, one creates the admin and only that one prints.
 */
export async function bootstrapAdmin(
  ctx: Pick<ServerContext, 'db' | 'clock' | 'passwordCost'>,
  options: BootstrapOptions,
): Promise<{ created: boolean; email: string; generatedPassword: boolean }> {
  const email = (options.email ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return { created: false, email, generatedPassword: false };

  const generated = options.password ? null : generatePassword();
  const now = ctx.clock();
  const inserted = await ctx.db
    .insertInto('users')
    .values({
      id: newId(now),
      email,
      display_name: 'Administrator',
      role: 'admin',
      password_hash: await hashPassword(options.password ?? generated!, ctx.passwordCost),
      created_at: now.toISOString(),
      password_changed_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return { created: false, email, generatedPassword: false };
  options.print(`Created administrator ${email}.`);
  if (generated) options.print(`Generated password (shown once, change it): ${generated}`);
  return { created: true, email, generatedPassword: generated !== null };
}

/** The address a person on this machine opens: a wildcard host means any interface, so localhost. */
export function openUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

/**
 * What the first start prints once the server listens: where to go, as whom, and what to do
 * there, so that a new city's coordinator is never left with a password and nothing else.
 */
export function firstStartLines(options: { url: string; email: string; generatedPassword: boolean }): string[] {
  return [
    '',
    'First start: an administrator account was created.',
    `  1. Open ${options.url} in a browser (Chrome, Edge, Firefox or Safari).`,
    `  2. Log in under "Who am I" (Хто я) as ${options.email} with ${
      options.generatedPassword ? 'the generated password printed above' : 'the password in ADMIN_PASSWORD'
    }.`,
    '  3. Next step: open "Administration" (Адміністрування), create your first team, then its users',
    '     (each gets a password shown once: hand it over in person). The README walks through it.',
    '  Command line instead: npm run admin -- --help',
    '',
  ];
}
