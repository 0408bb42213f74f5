import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../../../shared';
import { errorBody } from '../../http/errors';

/**
 * Admission control for pushes: at most `maxInFlight` pushes are worked on at once by this
 * server instance; one more is answered 503 with a Retry-After at once, before its body is read
 * or parsed, so a crowd of devices coming back online together costs the server a session
 * lookup each, not a parse, a validation and a place in the database's queue. A push admitted
 * runs at the speed of an idle server; one refused is kept on the device (its batch frozen, the
 * same body sent again later: exactly-once holds) and retried after Retry-After seconds.
 *
 * Why bounded: on SQLite every write transaction runs on the one connection, one after another,
 * so pushes beyond a few in flight only queue, and each waits for all the others: 200 devices
 * pushing at once made a p99 of 32 s. On PostgreSQL the pool (10 connections) and the 2 cores are
 * the queue. See docs/server.md for the defaults and what they were measured against.
 */
export interface PushAdmission {
  /** pushes worked on at once; one more is answered 503 */
  maxInFlight: number;
  /** Retry-After in whole seconds, drawn uniformly from [min, max] so refused devices spread out */
  retryAfterSeconds: { min: number; max: number };
}

/**
 * The default for a 2-core server, on either database: pushes apply one after another anyway. On
 * SQLite they share its one connection; on PostgreSQL each holds the change counter's row
 * (sequence.ts) and the month's rollup rows, which every push of that month updates, until it
 * commits. A second push in flight overlaps reading its body and validating with applying the
 * other; more only wait. Measured with 200 devices (PostgreSQL, 15 s): p50 86 ms at 2, 1.1 s at 4.
 */
export const DEFAULT_PUSH_ADMISSION: PushAdmission = { maxInFlight: 2, retryAfterSeconds: { min: 1, max: 4 } };

const slot = Symbol('push admission slot');

interface Slot {
  /** the handler runs: it gives the slot back when it ends, whatever the socket does */
  handling: boolean;
  released: boolean;
}

type Admitted = FastifyRequest & { [slot]?: Slot };

/** The seconds to send: a whole number in [min, max], uniformly. */
export function retryAfterSeconds(policy: PushAdmission['retryAfterSeconds'], random: () => number = Math.random): number {
  const span = Math.max(0, policy.max - policy.min);
  return policy.min + Math.min(span, Math.floor(random() * (span + 1)));
}

/**
 * The gate of the push route. `onRequest` admits or refuses; it runs first of all hooks
 * (`admitPushesFirst`), before the session check too: on SQLite that check waits for the one
 * connection, which the admitted pushes' transactions hold, so a refusal behind it would not be
 * fast. A caller without a session is refused the same way while the server is busy (a 503 says
 * nothing about the route's input), and gets its 401 otherwise. `run` wraps the handler and gives
 * the slot back when the work ends; `onDone` gives it back when the request ended without the
 * handler running (no session, a body too large or malformed, the client gone mid-upload).
 */
export type PushGate = ReturnType<typeof pushGate>;

export function pushGate(policy: PushAdmission, random: () => number = Math.random) {
  let inFlight = 0;
  const release = (s: Slot | undefined) => {
    if (!s || s.released) return;
    s.released = true;
    inFlight--;
  };
  return {
    get inFlight() {
      return inFlight;
    },
    onRequest: async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      if (inFlight >= policy.maxInFlight) {
        // Sent before the body is read (an async hook that answers returns the reply).
        return reply
          .code(503)
          .header('retry-after', String(retryAfterSeconds(policy.retryAfterSeconds, random)))
          .send(errorBody('server_busy', { reason: 'server_busy' }));
      }
      inFlight++;
      (request as Admitted)[slot] = { handling: false, released: false };
      // Yield once before the work starts. On SQLite a push runs start to end without waiting for
      // any I/O (better-sqlite3 is synchronous; Kysely's promises resolve as microtasks), so without
      // this the next request's headers would only be read after the push ended, never one would
      // overlap another, and the queue would build up unseen in the sockets, before this gate.
      // With it, the requests that arrived meanwhile reach the gate first and see the pushes in flight.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return undefined;
    },
    run: async <T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> => {
      const s = (request as Admitted)[slot];
      if (s) s.handling = true;
      try {
        return await work();
      } finally {
        release(s);
      }
    },
    onDone: async (request: FastifyRequest): Promise<void> => {
      const s = (request as Admitted)[slot];
      if (s && !s.handling) release(s);
    },
  };
}

export const PUSH_PATH = `${API_PREFIX}/sync/push`;

/** Registers the gate's admission before any other onRequest hook (call it before authenticateFirst). */
export function admitPushesFirst(app: FastifyInstance, gate: PushGate): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'POST' && request.routeOptions.url === PUSH_PATH) return gate.onRequest(request, reply);
    return undefined;
  });
}
