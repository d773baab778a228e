/** Small readers of /proc shared by the process and port collectors. */
import type { HostRoot } from '../host-root.js';

/** Numeric folders of proc/, as pids, ascending. */
export function listPids(root: HostRoot): number[] {
  return root
    .list('proc')
    .filter((name) => /^[1-9][0-9]{0,9}$/.test(name))
    .map(Number)
    .filter((pid) => pid <= 0x7fffffff)
    .sort((a, b) => a - b);
}

/** The process's short name (comm), without its trailing newline; undefined when unreadable. */
export function readComm(root: HostRoot, pid: number): string | undefined {
  const comm = root.readText(`proc/${pid}/comm`);
  if (comm === undefined) return undefined;
  const name = comm.replace(/\n$/, '');
  return isPrintable(name) ? name : undefined;
}

/** Text without control characters: what a binary-garbage proc file fails. */
export function isPrintable(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is tested for
  return !/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.test(value);
}
