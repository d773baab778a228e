import fs from 'node:fs';
import path from 'node:path';
import type { HostFacts } from '@hss/schema';
import { HostRoot } from '../host-root.js';
import { type AuthEvent, parseAuthLine, parseSshdMessage } from './auth-log.js';
import type { Firewall } from './firewall.js';
import { DEFAULT_JOURNAL_COMMAND, JournalFollower } from './journal.js';
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
  /** Where logins are read from: the auth log's path, 'journal', or null (detection off). */
  source: string | null;
  updatePolicy(policy: LoginPolicy): void;
  stop(): void;
}

/**
 * Real-time SSH login detection: follows the host's auth log, or the journal when there is none,
 * and turns what the detector finds into alarms (through the spool) and firewall blocks. EulerOS
 * on ARM only raises alarms, as the product does.
 */
export function watchLogins(opts: {
  root: string;
  host: HostFacts;
  policy: LoginPolicy;
  firewall: Firewall;
  raise: (alarm: RaisedAlarm) => Promise<unknown>;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  intervalMs?: number;
  /**
   * The journal command, used when there is no auth log (default: journalctl, on a live root
   * with a journal; a fixture root has none unless a command is given).
   */
  journalCommand?: readonly string[] | null;
}): LoginWatch {
  const file = AUTH_LOGS.map((p) => path.join(opts.root, p)).find((p) => fs.existsSync(p)) ?? null;
  const eulerOnArm = /euler/i.test(opts.host.osName) && opts.host.architecture === 'ARM64';
  const detector = new LoginDetector(opts.policy, !eulerOnArm);
  const onEvent = (event: AuthEvent | null) => {
    if (!event) return;
    const verdict = detector.observe(event);
    for (const alarm of verdict.alarms) void opts.raise(alarm);
    for (const action of verdict.enforce) {
      if ('block' in action) void opts.firewall.block(action.block, action.forSeconds);
      else void opts.firewall.block(action.reject, 24 * 3600);
    }
  };
  const updatePolicy = (policy: LoginPolicy) => detector.updatePolicy(policy);
  if (file) {
    const tail = new LogTail(
      file,
      (line) => onEvent(parseAuthLine(line)),
      opts.intervalMs ? { intervalMs: opts.intervalMs } : {},
    );
    tail.start();
    return { source: file, updatePolicy, stop: () => tail.stop() };
  }
  const root = new HostRoot(opts.root);
  const journalCommand =
    opts.journalCommand ?? (root.isLive && fs.existsSync(root.path('run/systemd/journal')) ? DEFAULT_JOURNAL_COMMAND : null);
  if (!journalCommand) {
    opts.log('warn', 'no auth log (var/log/auth.log or var/log/secure) and no journal; SSH login detection is off');
    return { source: null, updatePolicy, stop: () => {} };
  }
  const journal = new JournalFollower({
    command: journalCommand,
    onMessage: (message, at) => onEvent(parseSshdMessage(message, at)),
    log: opts.log,
  });
  journal.start();
  opts.log('info', 'no auth log; following SSH logins in the journal', { command: journalCommand[0] });
  return { source: 'journal', updatePolicy, stop: () => journal.stop() };
}
