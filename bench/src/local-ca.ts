import fs from 'node:fs';
import path from 'node:path';

/**
 * The CA of a control plane that `npm start` runs on this machine (it creates one in
 * `$HSS_DATA_DIR/tls`, default `.hss/tls` below the folder it was started from), so that a
 * developer's `npm run simulate` against wss://127.0.0.1:10180 needs no --ca (the agent's
 * `enroll` does the same, agent/src/local-ca.ts). Only for loopback URLs.
 */
export function localControlPlaneCa(url: string, env = process.env, cwd = process.cwd()): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname;
  if (parsed.protocol !== 'wss:' || !(host === 'localhost' || host === '[::1]' || /^127\./.test(host))) return undefined;
  const file = path.resolve(cwd, env.HSS_DATA_DIR || '.hss', 'tls', 'ca.pem');
  return fs.existsSync(file) ? file : undefined;
}
