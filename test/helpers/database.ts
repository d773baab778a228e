import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A new database cloned from the migrated template; dropped by the global teardown. */
export async function freshDatabase(): Promise<string> {
  return createDatabase(true);
}

/** A new database with nothing in it, not even the migrations. */
export async function emptyDatabase(): Promise<string> {
  return createDatabase(false);
}

async function createDatabase(fromTemplate: boolean): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('templateDatabase');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two files cloning at the same instant can collide on the template; try again briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(fromTemplate ? `create database ${name} template ${template}` : `create database ${name}`);
        break;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
