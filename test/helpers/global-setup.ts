import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, migrate, openOrm, startEmbeddedPostgres } from '@hss/server';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort } from './ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the `postgres` maintenance database on the server the tests use. */
    pgAdminUrl: string;
    /** A migrated database that every test file copies (CREATE DATABASE … TEMPLATE). */
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL per test run: the embedded one (as `npm start` uses) or, with DATABASE_URL,
 * that server. Migrations run once into a template; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const log = createLogger('warn');
  let stopEmbedded: (() => Promise<void>) | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    // As root, the cluster runs as "postgres", which must be able to enter the folder.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-test-pg-'));
    fs.chmodSync(dir, 0o755);
    const db = await startEmbeddedPostgres(dir, await freePort(), log);
    stopEmbedded = async () => {
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    const url = new URL(db.url);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  }

  const templateDatabase = `hss_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDatabase}`);
  await admin.query(`create database ${templateDatabase}`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  const orm = await openOrm({ databaseUrl: templateUrl.toString(), poolMax: 2 });
  await migrate(orm);
  await orm.close();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
      `${templateDatabase}%`,
    ]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await stopEmbedded?.();
  };
}
