import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_TIMEOUTS } from './http/timeouts';

/**
 * The reverse proxies in front of the server, by address: a comma-separated list of IPs, CIDR
 * ranges or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`); `1`/`true`/`yes` mean
 * `loopback` (a proxy on the same machine). The client address (login limits, audit log) is then
 * the first address in X-Forwarded-For, read from the right, that is not one of these proxies:
 * entries a client writes itself are never believed. Empty: no proxy, the socket's address.
 */
function isProxyEntry(entry: string): boolean {
  if (entry === 'loopback' || entry === 'linklocal' || entry === 'uniquelocal') return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const kind = isIP(address);
  return kind !== 0 && rest.length === 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128)));
}
const trustedProxies = z
  .string()
  .optional()
  .transform((v) => {
    const value = (v ?? '').trim().toLowerCase();
    if (value === '' || value === '0' || value === 'false' || value === 'no') return [];
    if (value === '1' || value === 'true' || value === 'yes') return ['loopback'];
    return value.split(',').map((x) => x.trim());
  })
  .refine((list) => list.every(isProxyEntry), 'a comma-separated list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal');

/** The server's environment, checked at start: a wrong value stops it with the variable named. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** PostgreSQL only: the schema to use (default: the role's search_path, normally public) */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ADMIN_EMAIL: z.string().trim().toLowerCase().email().optional().or(z.literal('').transform(() => undefined)),
  ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional().or(z.literal('').transform(() => undefined)),
  TOKEN_TTL_DAYS: z.coerce.number().positive().max(365).default(30),
  STATIC_DIR: z.string().min(1).default('./dist'),
  TRUST_PROXY: trustedProxies,
  /** publish public snapshots of changed locked figures every this many hours; 0: only when an admin publishes */
  PUBLIC_SNAPSHOT_EVERY_HOURS: z.coerce.number().min(0).max(24 * 366).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** seconds; only behind TLS. 0 (default): no Strict-Transport-Security header */
  HSTS_MAX_AGE: z.coerce.number().int().min(0).max(63_072_000).default(0),
  /** slow clients: time to send the request headers, the whole request, and idle time on a connection */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_TIMEOUTS.headersMs),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(DEFAULT_TIMEOUTS.requestMs),
  CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(DEFAULT_TIMEOUTS.connectionMs),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_TIMEOUTS.keepAliveMs),
  /** pushes this instance works on at once; one more is answered 503 with Retry-After. Default 2 (docs/server.md) */
  PUSH_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).optional(),
  /** the Retry-After of that 503, in whole seconds, drawn between these two so devices spread out */
  PUSH_RETRY_AFTER_MIN_SECONDS: z.coerce.number().int().min(1).max(3600).default(1),
  PUSH_RETRY_AFTER_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(4),
}).refine((env) => env.HEADERS_TIMEOUT_MS <= env.REQUEST_TIMEOUT_MS, {
  path: ['HEADERS_TIMEOUT_MS'],
  message: 'must not exceed REQUEST_TIMEOUT_MS',
}).refine((env) => env.PUSH_RETRY_AFTER_MIN_SECONDS <= env.PUSH_RETRY_AFTER_MAX_SECONDS, {
  path: ['PUSH_RETRY_AFTER_MIN_SECONDS'],
  message: 'must not exceed PUSH_RETRY_AFTER_MAX_SECONDS',
});
export type Env = z.infer<typeof envSchema>;

export function loadEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
