import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';

const TIMEOUTS = { headersMs: 500, requestMs: 1500, connectionMs: 2500, keepAliveMs: 400 };

interface Outcome {
  /** ms from connecting until the server closed the connection */
  closedAfter: number;
  received: string;
  /** bytes we managed to send before the server closed */
  sent: number;
}

/**
 * A raw client: connects, sends `first`, then one `drip` every `everyMs` for as long as the
 * server keeps the connection open (or `maxMs`, after which we give up and close it ourselves).
 */
function rawClient(baseUrl: string, first: string, drip: (i: number) => string | null, everyMs: number, maxMs = 8000): Promise<Outcome> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let received = '';
    let sent = 0;
    let i = 0;
    const write = (text: string) => {
      if (socket.writable) {
        socket.write(text);
        sent += Buffer.byteLength(text);
      }
    };
    socket.on('connect', () => write(first));
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    const timer = setInterval(() => {
      const next = drip(i++);
      if (next !== null) write(next);
    }, everyMs);
    const giveUp = setTimeout(() => socket.destroy(), maxMs);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfter: Date.now() - started, received, sent });
    });
  });
}

describe.each(backends)('slow clients are cut off, on $name', (backend) => {
  let h: Harness;
  let baseUrl: string;

  beforeAll(async () => {
    h = await startHarness(backend, { timeouts: TIMEOUTS });
    baseUrl = await h.listen();
  });
  afterAll(() => h?.close());

  it('closes a connection whose headers arrive a line at a time (slowloris), with a 408 ApiError', async () => {
    const outcome = await rawClient(baseUrl, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n', (i) => `X-Slow-${i}: still coming\r\n`, 100);
    expect(outcome.closedAfter).toBeLessThan(TIMEOUTS.headersMs + 1500);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.received).toContain('"code":"request_timeout"');
    expect(outcome.received).not.toContain('"status":"ok"');
  });

  it('closes a connection whose body never finishes', async () => {
    const head = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"email":"';
    const outcome = await rawClient(baseUrl, head, () => 'a', 100);
    expect(outcome.closedAfter).toBeLessThan(TIMEOUTS.requestMs + 1500);
    expect(outcome.sent).toBeLessThan(1000);
  });

  it('closes a connection that sends nothing, and an idle kept-alive one', async () => {
    const silent = await rawClient(baseUrl, '', () => null, 1000);
    expect(silent.closedAfter).toBeLessThan(TIMEOUTS.connectionMs + 1500);
    const kept = await rawClient(baseUrl, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n', () => null, 1000);
    expect(kept.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(kept.closedAfter).toBeLessThan(TIMEOUTS.keepAliveMs + 1500);
  });

  it('still serves a client that sends its request at a normal pace', async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
  });
});
