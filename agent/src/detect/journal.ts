import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';

/**
 * sshd's messages as they are written, without the ones from before: hosts without rsyslog
 * (Debian 12+, Fedora, Arch…) have no auth.log, only the journal. OpenSSH 9.8+ logs sessions as
 * "sshd-session"; matches on one field are ORed by journalctl.
 */
export const DEFAULT_JOURNAL_COMMAND = [
  'journalctl',
  '--follow',
  '--output=json',
  '--lines=0',
  'SYSLOG_IDENTIFIER=sshd',
  'SYSLOG_IDENTIFIER=sshd-session',
];

/** HSS_AGENT_JOURNAL_CMD replaces the command (argv split on spaces, like the firewall's). */
export function journalCommandFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const words = env.HSS_AGENT_JOURNAL_CMD?.split(/\s+/).filter(Boolean) ?? [];
  return words.length ? words : null;
}

/**
 * One `journalctl --output=json` line as a message and its time; null for a line that is not a
 * journal entry with a message. MESSAGE is a string, or an array of bytes when it is not valid
 * UTF-8; __REALTIME_TIMESTAMP is microseconds since the epoch, as a string.
 */
export function parseJournalLine(line: string): { message: string; at: Date } | null {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return null;
  }
  if (!entry || typeof entry !== 'object') return null;
  const { MESSAGE: raw, __REALTIME_TIMESTAMP: stamp } = entry as Record<string, unknown>;
  let message: string;
  if (typeof raw === 'string') message = raw;
  else if (Array.isArray(raw) && raw.every((b) => Number.isInteger(b) && b >= 0 && b < 256))
    message = Buffer.from(raw as number[]).toString('utf8');
  else return null;
  const micros = typeof stamp === 'string' && /^\d{1,20}$/.test(stamp) ? Number(BigInt(stamp) / 1000n) : Number.NaN;
  return { message, at: Number.isFinite(micros) ? new Date(micros) : new Date() };
}

export interface JournalFollowOptions {
  command: readonly string[];
  onMessage: (message: string, at: Date) => void;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Wait before starting the command again after it ended. */
  restartMs?: number;
}

/**
 * Follows the journal through a child `journalctl` (or the configured command): each JSON line
 * it prints is one entry. If the command ends, it is started again; if it cannot be started at
 * all (not installed), login detection from the journal is off and the log says so.
 */
export class JournalFollower {
  private child: ChildProcess | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly opts: JournalFollowOptions) {}

  start(): void {
    this.stopped = false;
    const [file, ...args] = this.opts.command;
    if (!file) return;
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    this.child = child;
    let started = false;
    child.once('spawn', () => {
      started = true;
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = parseJournalLine(line);
      if (entry) this.opts.onMessage(entry.message, entry.at);
    });
    child.once('error', (err) => {
      if (started) return;
      this.opts.log('warn', 'the journal cannot be followed; SSH login detection is off', {
        command: file,
        error: err.message,
      });
    });
    child.once('exit', (code, signal) => {
      this.child = null;
      if (this.stopped || !started) return;
      this.opts.log('warn', 'the journal command ended; starting it again', { command: file, code, signal });
      this.timer = setTimeout(() => this.start(), this.opts.restartMs ?? 5000);
      this.timer.unref();
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.child?.kill('SIGTERM');
    this.child = null;
  }
}
