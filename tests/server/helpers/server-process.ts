import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ROOT } from './spawn';

/**
 * The real server as its own process (`node --import tsx src/server/main.ts`), for harnesses that
 * kill it: the chaos run SIGKILLs it mid-batch and starts it again on the same database and port.
 */

export interface ServerProcessOptions {
  port: number;
  /** DATA_DIR / DATABASE_URL / DATABASE_SCHEMA of the database it serves */
  env: Record<string, string>;
  adminEmail: string;
  adminPassword: string;
  /** the built app; null: API only */
  staticDir?: string | null;
  extraEnv?: Record<string, string>;
}

export interface ServerProcess {
  readonly port: number;
  readonly baseUrl: string;
  /** pid of the running process, or null while it is down */
  pid: () => number | null;
  start: () => Promise<void>;
  /** SIGKILL: no shutdown hook runs, open transactions die with the process */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
  /** what the process wrote to stderr since it was created (all its lives) */
  errors: () => string;
  /** how many times it has been started */
  starts: () => number;
}

/** PROOFS_PORTS="from-to" moves the harnesses' servers (default 18100-18199, next to the tests' own 18080-18099). */
export function proofPortRange(): [number, number] {
  const [from, to] = (process.env.PROOFS_PORTS ?? '18100-18199').split('-').map(Number);
  if (!from || !to || to < from) throw new Error(`PROOFS_PORTS must look like 18100-18199, not ${process.env.PROOFS_PORTS}`);
  return [from, to];
}

const taken = new Set<number>();

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port in the harness range no one listens on, never handed out twice by this process. */
export async function takePort(): Promise<number> {
  const [from, to] = proofPortRange();
  for (let port = from; port <= to; port++) {
    if (taken.has(port)) continue;
    if (await portIsFree(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${from}-${to} (PROOFS_PORTS)`);
}

/**
 * Up means: this child said it listens (main.ts prints it once `listen` succeeded) and the port
 * answers. Health alone is not enough: another process that took the port while this one was
 * down (a parallel run, or another checkout's) would answer for it.
 */
async function waitHealthy(baseUrl: string, child: ChildProcess, listening: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) while starting:\n${output()}`);
    if (!listening()) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

export function serverProcess(options: ServerProcessOptions): ServerProcess {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | null = null;
  let stderr = '';
  let starts = 0;

  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
    });

  return {
    port: options.port,
    baseUrl,
    pid: () => (child && child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null),
    start: async () => {
      if (child && child.exitCode === null && child.signalCode === null) throw new Error('server already running');
      starts++;
      const c = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...options.env,
          PORT: String(options.port),
          HOST: '127.0.0.1',
          ADMIN_EMAIL: options.adminEmail,
          ADMIN_PASSWORD: options.adminPassword,
          STATIC_DIR: options.staticDir ?? '/nonexistent-static-dir',
          LOG_LEVEL: 'error',
          ...options.extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let said = '';
      let listening = false;
      c.stdout!.on('data', (d: Buffer) => {
        if (listening) return;
        said += d.toString();
        listening = said.includes('server listening on');
      });
      c.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
      });
      child = c;
      await waitHealthy(baseUrl, c, () => listening, 60_000, () => stderr);
    },
    kill: async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGKILL');
      await exited(c);
    },
    stop: async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGTERM');
      const done = exited(c);
      const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
    errors: () => stderr,
    starts: () => starts,
  };
}
