/**
 * Every collector and check reads the host through a HostRoot: paths are relative to a root
 * prefix ('/' on a real host, a fixture tree in tests), and every read is total — a missing or
 * unreadable file is `undefined`, never an exception — because a host's files are input we do
 * not control (DESIGN: bad input gets a clear result and loses nothing).
 *
 * Symbolic links that matter (unit files, folders to walk) are resolved with `resolveLink`, which
 * re-roots absolute targets, so a fixture's `/lib/systemd/system/ssh.service` link cannot make the
 * agent read the test machine's own files. Plain reads go through the operating system, which
 * follows links itself; on '/' both agree.
 */
import fs from 'node:fs';
import path from 'node:path';

export class HostRoot {
  /** Absolute, normalised root folder. */
  readonly dir: string;

  constructor(dir = '/') {
    this.dir = path.resolve(dir);
  }

  /** True when the root is the running system: only then may commands (rpm) and live facts be used. */
  get isLive(): boolean {
    return this.dir === '/';
  }

  /** Absolute path of `rel` (a path inside the host, with or without a leading '/'). */
  path(rel: string): string {
    const clean = path.posix.normalize(`/${rel}`);
    return clean === '/' ? this.dir : path.join(this.dir, clean);
  }

  /** How `rel` is shown in findings: as the host sees it, '/etc/shadow'. */
  display(rel: string): string {
    return path.posix.normalize(`/${rel}`);
  }

  readText(rel: string): string | undefined {
    try {
      return fs.readFileSync(this.path(rel), 'utf8');
    } catch {
      return undefined;
    }
  }

  readBuffer(rel: string): Buffer | undefined {
    try {
      return fs.readFileSync(this.path(rel));
    } catch {
      return undefined;
    }
  }

  /** Names in a folder, sorted (so results do not depend on the file system's order); [] when absent. */
  list(rel: string): string[] {
    try {
      return fs.readdirSync(this.path(rel)).sort();
    } catch {
      return [];
    }
  }

  /** Entries with their types, without following links; [] when absent. */
  entries(rel: string): fs.Dirent[] {
    try {
      return fs.readdirSync(this.path(rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return [];
    }
  }

  readlink(rel: string): string | undefined {
    try {
      return fs.readlinkSync(this.path(rel));
    } catch {
      return undefined;
    }
  }

  lstat(rel: string): fs.Stats | undefined {
    try {
      return fs.lstatSync(this.path(rel));
    } catch {
      return undefined;
    }
  }

  /** stat that follows a link only if it stays inside the tree (see resolveLink). */
  stat(rel: string): fs.Stats | undefined {
    const st = this.lstat(rel);
    if (!st?.isSymbolicLink()) return st;
    const target = this.resolveLink(rel);
    return target === undefined ? undefined : this.lstat(target);
  }

  exists(rel: string): boolean {
    return this.lstat(rel) !== undefined;
  }

  isDirectory(rel: string): boolean {
    return this.lstat(rel)?.isDirectory() ?? false;
  }

  /**
   * The host path `rel` really names, with every symbolic link on the way resolved inside the tree:
   * absolute targets are taken below the root, relative ones from the link's folder, so a link
   * to "/lib/systemd/system/ssh.service" in a fixture stays in the fixture. Up to 32 links;
   * undefined when something on the way is missing.
   */
  resolveLink(rel: string): string | undefined {
    let pending = path.posix.normalize(`/${rel}`).split('/').filter(Boolean);
    let current = '';
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '..') {
        current = path.posix.dirname(current || '/');
        if (current === '/') current = '';
        continue;
      }
      const next = `${current}/${name}`;
      const st = this.lstat(next);
      if (!st) return undefined;
      if (!st.isSymbolicLink()) {
        current = next;
        continue;
      }
      if (++hops > 32) return undefined;
      const target = this.readlink(next);
      if (target === undefined) return undefined;
      if (path.posix.isAbsolute(target)) current = '';
      pending = [...target.split('/').filter((p) => p && p !== '.'), ...pending];
    }
    return current || '/';
  }
}

/**
 * What a scan could not use, by reason ("software.malformedStanza": 2). Parsers count here
 * instead of throwing, so one bad line costs one item, not the scan.
 */
export class Skips {
  readonly counts: Record<string, number> = {};
  readonly notes: string[] = [];

  add(reason: string, n = 1): void {
    if (n > 0) this.counts[reason] = (this.counts[reason] ?? 0) + n;
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }
}

/** What every collector and check gets. */
export interface ScanContext {
  root: HostRoot;
  skips: Skips;
}

export function scanContext(rootDir = '/'): ScanContext {
  return { root: new HostRoot(rootDir), skips: new Skips() };
}

/** Cuts a string to the protocol's limit for the field, so one long value never fails a report. */
export function clip(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max);
}

/** The root is not a folder holding a Linux file system. */
export class RootError extends Error {
  override name = 'RootError';
}

/** Throws RootError when `dir` cannot be scanned: missing, not a folder, or with neither etc/ nor proc/. */
export function checkRoot(dir: string): HostRoot {
  const root = new HostRoot(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(root.dir);
  } catch {
    throw new RootError(`The root ${root.dir} does not exist.`);
  }
  if (!st.isDirectory()) throw new RootError(`The root ${root.dir} is not a folder.`);
  if (!root.isDirectory('etc') && !root.isDirectory('proc')) {
    throw new RootError(`The root ${root.dir} does not look like a Linux root file system: it has neither etc/ nor proc/.`);
  }
  return root;
}
