import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * An HTTP proxy between devices and the server that fails the way field networks and servers
 * fail. Per request, `plan` decides one fault:
 * - `drop-request`: the connection dies before the server sees the request;
 * - `drop-answer`: the server answers (the batch committed), the device never hears it;
 * - `error-before` / `error-after`: a 500 instead of forwarding / instead of the real answer;
 * - `kill`: the server process is SIGKILLed `killAfterMs` after the request reached it;
 * - `delay-answer`: the real answer, `delayMs` late (a window for killing a browser mid-sync);
 * - `hold`: the request waits `beforeMs` before it is forwarded (dropped if the client died
 *   meanwhile: it never reached the server), and the answer `afterMs` before it is passed on.
 * Every real answer's status is recorded: a 5xx the proxy did not inject is the server's own.
 */

export type Fault =
  | { kind: 'none' }
  | { kind: 'drop-request' }
  | { kind: 'drop-answer' }
  | { kind: 'error-before' }
  | { kind: 'error-after' }
  | { kind: 'kill'; killAfterMs: number }
  | { kind: 'delay-answer'; delayMs: number }
  | { kind: 'hold'; beforeMs: number; afterMs: number };

export interface ProxiedRequest {
  method: string;
  path: string;
  /** parsed JSON body of a push, for batch ids */
  body: Buffer;
}

export interface Upstream {
  name: string;
  port: number;
  /** false while the process is down: requests go to another upstream if there is one */
  up: () => boolean;
  kill: () => Promise<void>;
}

export interface ServerFailure {
  upstream: string;
  method: string;
  path: string;
  status: number;
  body: string;
}

const INJECTED_500 = JSON.stringify({
  error: { code: 'internal', message: { uk: 'Внутрішня помилка сервера (імітація)', en: 'Internal server error (injected by the chaos proxy)' } },
});

export class FaultProxy {
  plan: (req: ProxiedRequest) => Fault = () => ({ kind: 'none' });
  /** which upstream serves a request; default: the first that is up */
  route: (req: ProxiedRequest, upstreams: Upstream[]) => Upstream | undefined = (_r, ups) => ups.find((u) => u.up());
  readonly injected = new Map<string, number>();
  readonly serverFailures: ServerFailure[] = [];
  /** push batch ids that a `kill` fault hit, with the upstream killed */
  readonly killedBatches: { batchId: string | null; upstream: string }[] = [];
  requests = 0;
  private server: Server | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly pendingKills = new Set<Promise<void>>();

  constructor(readonly upstreams: Upstream[]) {}

  async listen(port: number): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Browsers keep connections open; SIGKILLed browsers leave them half-open.
    this.server.keepAliveTimeout = 2000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${port}`;
  }

  /** Waits for kills scheduled by `kill` faults to have happened. */
  async settled(): Promise<void> {
    await Promise.all([...this.pendingKills]);
  }

  async close(): Promise<void> {
    await this.settled();
    this.agent.destroy();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private count(kind: string): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    this.requests++;
    const proxied: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: Buffer.concat(chunks) };
    const fault = this.plan(proxied);
    if (fault.kind !== 'none') this.count(fault.kind);
    if (fault.kind === 'drop-request') return void req.socket.destroy();
    if (fault.kind === 'error-before') return void res.writeHead(500, { 'content-type': 'application/json', 'x-chaos': 'injected' }).end(INJECTED_500);
    if (fault.kind === 'hold') {
      let gone = req.socket.destroyed;
      req.socket.once('close', () => (gone = true));
      req.socket.once('end', () => (gone = true));
      await new Promise((r) => setTimeout(r, fault.beforeMs));
      if (gone) return this.count('hold: client died before forwarding');
    }
    const upstream = this.route(proxied, this.upstreams);
    if (!upstream) return void req.socket.destroy();

    const headers = { ...req.headers, host: `127.0.0.1:${upstream.port}` };
    const forward = httpRequest({ host: '127.0.0.1', port: upstream.port, method: proxied.method, path: proxied.path, headers, agent: this.agent });
    forward.on('error', () => req.socket.destroy());
    forward.on('response', (answer) => void this.answer(proxied, upstream, fault, answer, res, req));
    forward.end(proxied.body, () => {
      if (fault.kind !== 'kill') return;
      this.killedBatches.push({ batchId: batchIdOf(proxied.body), upstream: upstream.name });
      const kill = new Promise<void>((r) => setTimeout(r, fault.killAfterMs)).then(() => upstream.kill());
      this.pendingKills.add(kill);
      void kill.finally(() => this.pendingKills.delete(kill));
    });
  }

  private async answer(req: ProxiedRequest, upstream: Upstream, fault: Fault, answer: IncomingMessage, res: ServerResponse, incoming: IncomingMessage) {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of answer) chunks.push(chunk as Buffer);
    } catch {
      return void incoming.socket.destroy();
    }
    const body = Buffer.concat(chunks);
    const status = answer.statusCode ?? 0;
    if (status >= 500)
      this.serverFailures.push({ upstream: upstream.name, method: req.method, path: req.path, status, body: body.toString('utf8').slice(0, 500) });
    if (fault.kind === 'drop-answer') return void incoming.socket.destroy();
    if (fault.kind === 'error-after') return void res.writeHead(500, { 'content-type': 'application/json', 'x-chaos': 'injected' }).end(INJECTED_500);
    if (fault.kind === 'delay-answer' || fault.kind === 'hold') await new Promise((r) => setTimeout(r, fault.kind === 'hold' ? fault.afterMs : fault.delayMs));
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(body.length);
    if (res.destroyed) return;
    res.writeHead(status, headers).end(body);
  }
}

function batchIdOf(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { batchId?: unknown };
    return typeof parsed.batchId === 'string' ? parsed.batchId : null;
  } catch {
    return null;
  }
}

export const isPush = (r: ProxiedRequest) => r.method === 'POST' && r.path.startsWith('/api/v1/sync/push');
export const isPull = (r: ProxiedRequest) => r.method === 'GET' && r.path.startsWith('/api/v1/sync/pull');
