import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';

/** `npm start` after its build step: scripts/start.mjs runs the control plane and the console together. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-start-'));
fs.chmodSync(dataDir, 0o755);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function waitFor(url: string, init?: RequestInit, timeoutMs = 90_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, init);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start', () => {
  it('serves the console and the API side by side, the console signs in through the API, and both stop together', async () => {
    const env: Record<string, string> = {
      HSS_DATA_DIR: dataDir,
      HSS_API_PORT: String(await freePort()),
      HSS_WEB_PORT: String(await freePort()),
      HSS_GATEWAY_PORT: String(await freePort()),
      HSS_EMBEDDED_PG_PORT: String(await freePort()),
      HSS_ADMIN_PASSWORD: 'start-test-password-123',
    };
    const inherited = { ...process.env };
    for (const key of Object.keys(inherited)) if (/^(HSS_|DATABASE_URL$|REDIS_URL$|NODE_ENV$)/.test(key)) delete inherited[key];
    const proc = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
      cwd: ROOT,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    proc.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      await waitFor(`http://127.0.0.1:${env.HSS_API_PORT}/healthz`);
      const page = await waitFor(`http://127.0.0.1:${env.HSS_WEB_PORT}/login`);
      expect(await page.text()).toContain('<html');

      const login = await fetch(`http://127.0.0.1:${env.HSS_WEB_PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($i: LoginInput!) { login(input: $i) { user { email } } }',
          variables: { i: { email: 'admin@hss.local', password: env.HSS_ADMIN_PASSWORD } },
        }),
      });
      expect(await login.json()).toEqual({ data: { login: { user: { email: 'admin@hss.local' } } } });
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('hss_session='));
      expect(cookie).toMatch(/HttpOnly/i);

      const viewer = await fetch(`http://127.0.0.1:${env.HSS_WEB_PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie!.split(';')[0]! },
        body: JSON.stringify({ query: '{ viewer { email role } }' }),
      });
      expect(await viewer.json()).toEqual({ data: { viewer: { email: 'admin@hss.local', role: 'ADMIN' } } });
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
    await expect(fetch(`http://127.0.0.1:${env.HSS_API_PORT}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${env.HSS_WEB_PORT}/login`)).rejects.toThrow();
  });
});
