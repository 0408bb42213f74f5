import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Catalogue } from '../shared';
import type { DatabaseKind } from './db/connect';
import type { Database } from './db/schema';
import type { ScryptCost } from './passwords';
import type { PlanStore } from './features/plans/store';

export interface LoginLimits {
  /** failed attempts allowed per email and IP within the window */
  perEmailAndIp: number;
  /** failed attempts allowed per IP (any email) within the window */
  perIp: number;
  windowMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmailAndIp: 5, perIp: 20, windowMinutes: 15 };

/**
 * Seams for tests to widen race windows (hold a push between its reads and its INSERT, or
 * before its commit) so concurrency claims are proven, not hoped for. Unset in production.
 */
export interface SyncHooks {
  /** inside the push transaction, after the reads, before the INSERT */
  afterTriage?: (batchId: string) => Promise<void>;
  /** inside the push transaction, after change numbers are taken, before commit */
  beforeCommit?: (batchId: string) => Promise<void>;
}

/** Test seam around login: counts (and may hold) every password check, to prove the limits under concurrency. */
export interface AuthHooks {
  /** just before a password is verified (also against the dummy hash of an unknown email) */
  beforePasswordCheck?: (email: string) => Promise<void>;
}

/** What every feature needs, passed explicitly: no module-level state, so tests can run two servers side by side. */
export interface ServerContext {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  clock: () => Date;
  /** the plan the server was built with (records that name no plan belong to it) */
  catalogue: Catalogue;
  /** the built-in plan and every uploaded one; reports, sync and forms ask it which applies */
  plans: PlanStore;
  tokenTtlDays: number;
  passwordCost: ScryptCost;
  loginLimits: LoginLimits;
  syncHooks?: SyncHooks;
  authHooks?: AuthHooks;
  /** the server's logger; absent outside the server (the CLI) */
  log?: FastifyBaseLogger;
}
