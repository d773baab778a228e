import fs from 'node:fs';
import path from 'node:path';
import type { HostFacts } from '@hss/schema';
import { parseAuthLine } from './auth-log.js';
import type { Firewall } from './firewall.js';
import { LoginDetector, type LoginPolicy, type RaisedAlarm } from './login-detector.js';
import { LogTail } from './tail.js';

/** The product's defaults: 5 failures from one IP within 30 s, then blocked for 12 hours. */
export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  loginProtection: { commonLoginIps: [], sshWhitelist: [], enforceSshWhitelist: false },
  bruteForce: { threshold: 5, windowSeconds: 30, blockSeconds: 12 * 3600 },
};

/** Debian-style auth.log first, then Red Hat-style secure. */
export const AUTH_LOGS = ['var/log/auth.log', 'var/log/secure'];

export interface LoginWatch {
  file: string | null;
  updatePolicy(policy: LoginPolicy): void;
  stop(): void;
}

/**
 * Real-time SSH login detection: follows the host's auth log and turns what the detector finds
 * into alarms (through the spool) and firewall blocks. EulerOS on ARM only raises alarms, as the
 * product does.
 */
export function watchLogins(opts: {
  root: string;
  host: HostFacts;
  policy: LoginPolicy;
  firewall: Firewall;
  raise: (alarm: RaisedAlarm) => Promise<unknown>;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  intervalMs?: number;
}): LoginWatch {
  const file = AUTH_LOGS.map((p) => path.join(opts.root, p)).find((p) => fs.existsSync(p)) ?? null;
  const eulerOnArm = /euler/i.test(opts.host.osName) && opts.host.architecture === 'ARM64';
  const detector = new LoginDetector(opts.policy, !eulerOnArm);
  if (!file) {
    opts.log('warn', 'no auth log found (var/log/auth.log or var/log/secure); SSH login detection is off');
    return { file, updatePolicy: () => {}, stop: () => {} };
  }
  const tail = new LogTail(
    file,
    (line) => {
      const event = parseAuthLine(line);
      if (!event) return;
      const verdict = detector.observe(event);
      for (const alarm of verdict.alarms) void opts.raise(alarm);
      for (const action of verdict.enforce) {
        if ('block' in action) void opts.firewall.block(action.block, action.forSeconds);
        else void opts.firewall.block(action.reject, 24 * 3600);
      }
    },
    { intervalMs: opts.intervalMs ?? 250 },
  );
  tail.start();
  return { file, updatePolicy: (policy) => detector.updatePolicy(policy), stop: () => tail.stop() };
}
