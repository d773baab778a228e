/**
 * Running processes from proc/<pid>/. Every file is optional: a process can exit between the
 * folder listing and the read (it is then left out), and exe is unreadable for other users'
 * processes unless we are root (it is then left out of that process only).
 */
import { clip, type HostRoot, type ScanContext } from '../host-root.js';
import type { Process } from '../types.js';
import { isPrintable, listPids, readComm } from './proc.js';
import { readUserDb, type UserDb } from './users.js';

/** USER_HZ: 100 on every Linux architecture the agent supports (x86_64, arm64). */
const CLOCK_TICKS_PER_SECOND = 100;

export function collectProcesses(ctx: ScanContext, db: UserDb = readUserDb(ctx.root, ctx.skips)): Process[] {
  const { root, skips } = ctx;
  const bootTime = readBootTime(root);
  const out: Process[] = [];
  for (const pid of listPids(root)) {
    const stat = root.readText(`proc/${pid}/stat`);
    const parsedStat = stat === undefined ? undefined : parseStat(stat);
    const name = readComm(root, pid) ?? parsedStat?.comm;
    if (name === undefined) {
      // Gone between listing and reading, or nothing readable about it.
      skips.add('processes.unreadable');
      continue;
    }
    if (stat !== undefined && !parsedStat) skips.add('processes.malformedStat');
    const cmdline = root.readBuffer(`proc/${pid}/cmdline`);
    const uid = readUid(root.readText(`proc/${pid}/status`));
    if (uid === undefined) skips.add('processes.malformedStatus');
    const exe = root.readlink(`proc/${pid}/exe`);
    const startedAt =
      parsedStat && bootTime !== undefined
        ? new Date((bootTime + parsedStat.startTicks / CLOCK_TICKS_PER_SECOND) * 1000).toISOString()
        : undefined;
    out.push({
      pid,
      name: clip(name, 256),
      commandLine: clip(cmdline ? decodeCmdline(cmdline) : '', 4096),
      user: clip(uid === undefined ? '' : (db.nameOfUid(uid) ?? String(uid)), 64),
      ...(exe ? { executable: clip(exe, 1024) } : {}),
      ...(startedAt ? { startedAt } : {}),
    });
  }
  return out;
}

/** cmdline is the argv strings, each NUL-terminated; shown joined by spaces as ps does. */
export function decodeCmdline(buf: Buffer): string {
  return buf
    .toString('utf8')
    .split('\0')
    .filter((arg, i, all) => !(arg === '' && i === all.length - 1))
    .join(' ')
    .trim();
}

/** The real uid: the first number of status's "Uid:" line. */
export function readUid(status: string | undefined): number | undefined {
  const m = status ? /^Uid:\s+(\d+)\s/m.exec(status) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * proc/<pid>/stat: "pid (comm) state ppid … starttime(22) …". comm may contain spaces and
 * parentheses, so the fields are counted after the last ')'. Field 3 (state) is index 0 there.
 */
export function parseStat(stat: string): { comm: string; startTicks: number } | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open || !isPrintable(stat)) return undefined;
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const start = fields[22 - 3];
  if (start === undefined || !/^\d+$/.test(start)) return undefined;
  return { comm: stat.slice(open + 1, close), startTicks: Number(start) };
}

/** Boot time in seconds since the epoch, from proc/stat's btime line. */
export function readBootTime(root: HostRoot): number | undefined {
  const m = /^btime\s+(\d+)\s*$/m.exec(root.readText('proc/stat') ?? '');
  return m ? Number(m[1]) : undefined;
}
