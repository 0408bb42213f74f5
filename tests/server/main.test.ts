import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backends } from './helpers/backends';
import { freePortInRange } from './helpers/ports';
import { startScript } from './helpers/spawn';

describe.each(backends)('npm run serve (src/server/main.ts) on $name', (backend) => {
  it('starts, prints port, data dir and database, creates an admin with a printed password, and serves', async () => {
    const database = await backend.create();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-main-'));
    const port = await freePortInRange();
    const server = startScript(
      'src/server/main.ts',
      { ...database.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: backend.name === 'sqlite' ? database.env.DATA_DIR! : dataDir, LOG_LEVEL: 'warn', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' },
      /database:.*\n[\s\S]*app files:[\s\S]*npm run admin -- --help/,
    );
    try {
      await server.started;
      const out = server.output();
      expect(out).toContain(`port:      ${port}`);
      expect(out).toMatch(/data dir: +\//);
      expect(out).toContain(`database:  ${backend.name}`);
      const password = /Generated password \(shown once, change it\): (\S+)/.exec(out)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
      // the first start says where to go, as whom, and what to do next
      expect(out).toContain(`Open http://127.0.0.1:${port}/ in a browser`);
      expect(out).toContain('as admin@kyiv1325.local with the generated password printed above');
      expect(out).toMatch(/Next step: open "Administration" \(Адміністрування\), create your first team/);

      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok', database: backend.name });
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@kyiv1325.local', password, deviceId: 'admin-laptop' }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
    // stopped means stopped: nothing listens on the port any more
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses to start with an invalid environment, naming the variable', async () => {
    const server = startScript('src/server/main.ts', { PORT: 'eighty', DATA_DIR: tmpdir() }, /never/);
    await expect(server.started).rejects.toThrow(/PORT/);
  });
});
