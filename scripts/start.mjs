// `npm start`: the control plane (API :4000, agent gateway :10180, embedded PostgreSQL unless
// DATABASE_URL is set) and the console (:3000) side by side, stopped together. Either one
// exiting stops the other, so a supervisor (systemd, compose) sees one failing unit.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const nextBin = createRequire(path.join(root, 'web/package.json')).resolve('next/dist/bin/next');
const webPort = process.env.HSS_WEB_PORT ?? '3000';
const apiPort = process.env.HSS_API_PORT ?? '4000';

const children = new Map();
let stopping = false;

function run(name, args, env = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[hss] ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
      stop(code || 1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
  return child;
}

function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill('SIGTERM');
  // The API drains connections and stops PostgreSQL; give it time, then insist.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('control plane', [path.join(root, 'server/dist/main.js')]);
run('console', [nextBin, 'start', path.join(root, 'web'), '-p', webPort], {
  HSS_API_PORT: apiPort,
  NEXT_TELEMETRY_DISABLED: '1',
});
console.log(`[hss] console on http://localhost:${webPort} (API http://localhost:${apiPort}/graphql)`);
