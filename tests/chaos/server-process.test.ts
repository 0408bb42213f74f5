import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverProcess, takePort } from '../server/helpers/server-process';

/**
 * The chaos run restarts killed servers on their old port. If another process took that port
 * meanwhile, the restart must fail loudly, not go on talking to whatever answers there (a run
 * beside another checkout's tests once did: every request of a device got another server's 401).
 */
describe('the server process harness', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-proc-'));
  let squatter: Server | undefined;
  afterAll(async () => {
    await new Promise<void>((r) => (squatter ? squatter.close(() => r()) : r()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to call a server up when another process answers on its port', async () => {
    const port = await takePort();
    squatter = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    await new Promise<void>((r) => squatter!.listen(port, '127.0.0.1', () => r()));
    const proc = serverProcess({ port, env: { DATA_DIR: dataDir, DATABASE_URL: '' }, adminEmail: 'admin@kyiv1325.local', adminPassword: 'harness-admin-pass-1' });
    await expect(proc.start()).rejects.toThrow(/server exited/);
  }, 60_000);
});
