import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/ports.js';

/**
 * `node server/dist/main.js` as `npm start` runs it: a real process, its embedded PostgreSQL,
 * its stdout and exit code. Needs a build (`npx tsc -b`).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(ROOT, 'server/dist/main.js');
const asRoot = process.getuid?.() === 0;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Hss {
  proc: ChildProcess;
  apiUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited and its output is complete. */
  exited: Promise<Exit>;
  /** Polls /healthz every 100 ms for up to 60 s and returns its body. */
  waitHealthy(): Promise<unknown>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: any[] }>;
  /** Sends `signal`; SIGKILLs the process group if it has not exited 30 s later. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  /** Stops with `signal` and expects exit code 0. */
  expectCleanStop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<Hss>();
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all([...running].map((hss) => hss.stop()));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new folder under the system temp dir, removed after the file. 0o755 lets "postgres" enter it. */
function tempDir(mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-startup-'));
  fs.chmodSync(dir, mode);
  tempDirs.push(dir);
  return dir;
}

/** The environment of `npm start` on an embedded PostgreSQL in a new data dir, every port a free one. */
async function embeddedEnv(dataDir = tempDir()): Promise<Record<string, string>> {
  return {
    HSS_DATA_DIR: dataDir,
    HSS_API_PORT: String(await freePort()),
    HSS_GATEWAY_PORT: String(await freePort()),
    HSS_EMBEDDED_PG_PORT: String(await freePort()),
  };
}

/** Starts the real process with `env` on top of this one's, minus any HSS setting of the test run itself. */
function startHss(env: Record<string, string>): Hss {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npx tsc -b" first`);
  const inherited = { ...process.env };
  for (const key of Object.keys(inherited)) {
    if (/^(HSS_|DATABASE_URL$|REDIS_URL$|NODE_ENV$)/.test(key)) delete inherited[key];
  }
  // Its own process group, so that a hung process is killed together with its PostgreSQL.
  const proc = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...inherited, ...env }, detached: true });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  proc.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<Exit>((resolve) => proc.once('close', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => {
    done = true;
    running.delete(hss);
  });
  const apiUrl = `http://127.0.0.1:${env.HSS_API_PORT}`;
  const describeOutput = () => `\n--- stdout ---\n${out}\n--- stderr ---\n${err}`;

  const hss: Hss = {
    proc,
    apiUrl,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitHealthy() {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (done) throw new Error(`HSS exited before it was healthy: ${JSON.stringify(await exited)}${describeOutput()}`);
        try {
          const res = await fetch(`${apiUrl}/healthz`);
          if (res.ok) return await res.json();
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error(`HSS was not healthy after 60 s${describeOutput()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async gql(query, variables, token) {
      const res = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async stop(signal = 'SIGTERM') {
      if (!done) {
        proc.kill(signal);
        const timer = setTimeout(() => {
          try {
            process.kill(-proc.pid!, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }, 30_000);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
    async expectCleanStop(signal = 'SIGTERM') {
      const exit = await hss.stop(signal);
      const what = exit.signal === 'SIGKILL' ? 'did not exit within 30 s and was killed' : 'exited';
      expect(exit, `after ${signal}, HSS ${what}; its last output:\n${out.split('\n').slice(-8).join('\n')}${err}`).toEqual({
        code: 0,
        signal: null,
      });
    },
  };
  running.add(hss);
  return hss;
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token user { email role } } }';

async function login(hss: Hss, email: string, password: string): Promise<string> {
  const res = await hss.gql(LOGIN, { input: { email, password } });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data.login.user).toEqual({ email, role: 'ADMIN' });
  return res.data.login.token;
}

/** The JSON log lines of an output; every other line is the first-start banner. */
function jsonLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('{'));
}

/** The message of the fatal "could not start" log line. */
function fatalMessage(output: string): string | undefined {
  return jsonLines(output)
    .map((line) => JSON.parse(line))
    .find((entry) => entry.level === 60)?.err?.message;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The passwords of the first-start banner lines in `output`. */
function bannerPasswords(output: string): string[] {
  return [...output.matchAll(/^ {4}password: (\S+)$/gm)].map((m) => m[1]!);
}

describe('first start on the embedded PostgreSQL, then a restart', { timeout: 120_000 }, () => {
  let env: Record<string, string>;
  let first: Hss;
  let password: string;

  beforeAll(async () => {
    // debug: PostgreSQL's own log lines are in the output too (see the shutdown check).
    env = { ...(await embeddedEnv()), HSS_LOG_LEVEL: 'debug' };
    first = startHss(env);
    await first.waitHealthy();
    password = bannerPasswords(first.stdout())[0] ?? '(no password banner)';
  });

  it('answers /healthz, prints the generated admin password once, outside the log, and it signs in', async () => {
    const res = await fetch(`${first.apiUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });

    expect(bannerPasswords(first.stdout()), first.stdout()).toEqual([password]);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(first.stdout().split(password)).toHaveLength(2);
    expect(first.stdout()).toContain('    e-mail:   admin@hss.local');

    const logs = jsonLines(first.stdout());
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(line).not.toContain(password);
    }
    expect(first.stderr()).not.toContain(password);

    await login(first, 'admin@hss.local', password);
  });

  it('keeps its data across a SIGINT and a restart, and prints no new password', async () => {
    const token = await login(first, 'admin@hss.local', password);
    const regions = await first.gql('{ regions { id code } }', {}, token);
    const regionId = regions.data.regions.find((r: { code: string }) => r.code === 'default').id;
    const registered = await first.gql(
      'mutation($input: RegisterServersInput!) { registerServers(input: $input) { servers { id name } } }',
      { input: { regionId, servers: [{ name: 'web-1', hostname: 'web-1.example.test', ips: ['10.0.0.1'] }] } },
      token,
    );
    expect(registered.errors).toBeUndefined();
    const serverId = registered.data.registerServers.servers[0].id;

    await first.expectCleanStop('SIGINT');
    expect(first.stdout()).toMatch(/"msg":"stopped"/);
    expect(await isListening(Number(env.HSS_EMBEDDED_PG_PORT))).toBe(false);
    // PostgreSQL is stopped after the API closed its connections, not under it.
    expect(first.stdout()).not.toMatch(/terminating connection due to administrator command/);

    const second = startHss(env);
    await second.waitHealthy();
    const token2 = await login(second, 'admin@hss.local', password);
    const server = await second.gql('query($id: ID!) { server(id: $id) { id name region { code } } }', { id: serverId }, token2);
    expect(server.data?.server).toEqual({ id: serverId, name: 'web-1', region: { code: 'default' } });
    const servers = await second.gql('{ servers { totalCount } }', {}, token2);
    expect(servers.data?.servers.totalCount).toBe(1);

    expect(bannerPasswords(second.stdout())).toEqual([]);
    expect(second.stdout()).not.toContain(password);
    expect(second.stdout()).not.toContain('first start');
    expect(second.stdout()).not.toContain('initialising the embedded PostgreSQL cluster');

    await second.expectCleanStop('SIGTERM');
    expect(await isListening(Number(env.HSS_EMBEDDED_PG_PORT))).toBe(false);
  });
});

describe('configuration', { timeout: 120_000 }, () => {
  it('uses HSS_ADMIN_EMAIL and HSS_ADMIN_PASSWORD for the first admin, and prints no password', async () => {
    const chosen = 'chosen-Admin-password-42';
    const hss = startHss({ ...(await embeddedEnv()), HSS_ADMIN_EMAIL: 'ops@example.test', HSS_ADMIN_PASSWORD: chosen });
    await hss.waitHealthy();
    expect(hss.stdout()).toMatch(/"adminEmail":"ops@example.test","msg":"first start/);
    expect(hss.stdout()).not.toMatch(/password:/);
    expect(hss.stdout()).not.toContain(chosen);
    await login(hss, 'ops@example.test', chosen);
    const wrong = await hss.gql(LOGIN, { input: { email: 'admin@hss.local', password: chosen } });
    expect(wrong.data ?? null).toBeNull();
    await hss.expectCleanStop();
  });

  it('stops a start with bad settings: exit code 2, one line per variable saying what is wrong, no secret echoed', async () => {
    const dataDir = path.join(tempDir(), 'never-created');
    const hss = startHss({
      HSS_DATA_DIR: dataDir,
      HSS_API_PORT: 'abc',
      HSS_SCAN_TZ: 'Mars/Base',
      DATABASE_URL: 'mysql://hss:db-secret-1@db.example.test/hss',
      HSS_ADMIN_PASSWORD: 'tooShort7',
    });
    expect(await hss.exited).toEqual({ code: 2, signal: null });
    const lines = hss.stderr().split('\n');
    const lineOf = (name: string) => lines.find((line) => line.trim().startsWith(`- ${name}=`)) ?? `(no line for ${name})`;
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lineOf('HSS_API_PORT')).toContain('HSS_API_PORT="abc": must be a port number from 0 to 65535');
    expect(lineOf('HSS_SCAN_TZ')).toContain('HSS_SCAN_TZ="Mars/Base": must be an IANA time zone');
    expect(lineOf('DATABASE_URL')).toContain('DATABASE_URL=(hidden): must be a postgres:// or postgresql:// URL');
    expect(lineOf('HSS_ADMIN_PASSWORD')).toContain('HSS_ADMIN_PASSWORD=(hidden): must be at least 12 characters');
    const output = hss.stdout() + hss.stderr();
    expect(output).not.toContain('tooShort7');
    expect(output).not.toContain('db-secret-1');
    expect(hss.stdout()).toBe('');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('uses DATABASE_URL instead of the embedded PostgreSQL, and migrates it', async () => {
    const databaseUrl = await freshDatabase();
    // freshDatabase() is a clone of a migrated template: empty it, so that the start must migrate.
    await withClient(databaseUrl, (c) => c.query('drop schema public cascade; create schema public'));
    const dataDir = tempDir();
    const hss = startHss({ ...(await embeddedEnv(dataDir)), DATABASE_URL: databaseUrl });
    expect(await hss.waitHealthy()).toMatchObject({ status: 'ok' });
    // No cluster: only the agent channel's private CA.
    expect(fs.readdirSync(dataDir)).toEqual(['tls']);
    expect(hss.stdout()).not.toContain('embedded PostgreSQL');

    const counts = await withClient(databaseUrl, async (c) => {
      const count = async (table: string) => Number((await c.query(`select count(*) as n from ${table}`)).rows[0].n);
      return {
        edition: await count('edition'),
        account: await count('account'),
        migrations: await count('mikro_orm_migrations'),
      };
    });
    expect(counts.edition).toBe(6);
    expect(counts.account).toBe(1);
    expect(counts.migrations).toBeGreaterThan(0);

    const [password] = bannerPasswords(hss.stdout());
    await login(hss, 'admin@hss.local', password!);
    await hss.expectCleanStop();
  });
});

describe('a data dir the "postgres" user cannot reach', { timeout: 120_000 }, () => {
  it.skipIf(!asRoot)(
    'fails naming the blocking folder and the fix (root only: PostgreSQL runs as "postgres" only when HSS runs as root)',
    async () => {
      const locked = tempDir(0o700);
      const dataDir = path.join(locked, 'data');
      fs.mkdirSync(dataDir);
      const hss = startHss({ ...(await embeddedEnv(dataDir)) });
      const exit = await hss.exited;
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      const message = fatalMessage(hss.stdout());
      expect(message, hss.stdout()).toContain(`HSS_DATA_DIR ${dataDir} is below ${locked}`);
      expect(message).toContain('"postgres" user cannot enter (mode 700)');
      expect(message).toContain(`chmod o+x ${locked}`);
      expect(message).toContain('DATABASE_URL');
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
    },
  );

  it.skipIf(!asRoot)(
    'fails the same way when the data dir itself is closed (root only: PostgreSQL runs as "postgres" only when HSS runs as root)',
    async () => {
      const dataDir = tempDir(0o700);
      const hss = startHss({ ...(await embeddedEnv(dataDir)) });
      const exit = await hss.exited;
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      const message = fatalMessage(hss.stdout());
      expect(message, hss.stdout()).toContain(`HSS_DATA_DIR ${dataDir} cannot be entered by the "postgres" user (mode 700)`);
      expect(message).toContain(`chmod o+x ${dataDir}`);
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
    },
  );
});
