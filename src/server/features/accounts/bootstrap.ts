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
): Promise<{ created: boolean; email: string }> {
  const email = (options.email ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return { created: false, email };

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
  if (!inserted) return { created: false, email };
  options.print(`Created administrator ${email}.`);
  if (generated) options.print(`Generated password (shown once, change it): ${generated}`);
  return { created: true, email };
}
