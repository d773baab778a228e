import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll } from 'vitest';
import { freePort } from './ports.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.HSS_CHROMIUM ?? '/usr/bin/chromium';

export interface TestConsole {
  url: string;
  logs: string[];
}

/**
 * The built console (`next start`, as `npm start` runs it) on a free port, talking to the API on
 * `apiPort`. Stopped after the file's tests. `npm test` builds it first.
 */
export async function startConsole(apiPort: number, port?: number): Promise<TestConsole> {
  port ??= await freePort();
  const nextBin = createRequire(path.join(root, 'web/package.json')).resolve('next/dist/bin/next');
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', path.join(root, 'web'), '-p', String(port)], {
    env: { ...process.env, HSS_API_PORT: String(apiPort), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the console exited (${child.exitCode}):\n${logs.join('\n')}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the console did not answer on ${url}:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, logs };
}

/** Debian's Chromium, headless, in a fresh profile; closed after the file's tests. */
export async function launchBrowser(): Promise<{
  browser: Browser;
  newContext: (width?: number, height?: number) => Promise<BrowserContext>;
}> {
  // Playwright gives every launch a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  afterAll(async () => {
    await browser.close();
  });
  return {
    browser,
    newContext: (width = 1280, height = 860) => browser.newContext({ viewport: { width, height } }),
  };
}
