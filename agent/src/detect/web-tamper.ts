import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RaisedAlarm } from './login-detector.js';

export interface WebTamperOptions {
  /** The host's root folder ('/' on a real host). */
  root: string;
  /** Host paths of the protected web directories. */
  directories: readonly string[];
  /** Where the backups live (the agent's state folder). */
  backupDir: string;
  raise: (alarm: RaisedAlarm) => void;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Called after every restore with how long it took from the event, for measurement. */
  onRestored?: (hostPath: string, ms: number) => void;
  /** The safety net: every protected file compared with its backup this often (default hourly). */
  verifyIntervalMs?: number;
}

const hashOf = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Web tamper protection: each protected directory is backed up, then watched; a file that is
 * changed, added or deleted by anyone is put back as it was (atomically: written beside, then
 * renamed) and a WEB_TAMPER alarm is raised. A person updates the site by pausing protection in
 * the policy; resuming takes a fresh backup of the site as it then is.
 */
export class WebTamperGuard {
  /** One inotify watch per live folder, by protected directory and relative path. */
  private watchers = new Map<string, fs.FSWatcher>();
  /** Per protected directory: relative path → sha256 of the backed-up file. */
  private manifests = new Map<string, Map<string, string>>();
  /** A watch of each protected directory's parent, which alone sees the directory itself go. */
  private parentWatchers = new Map<string, fs.FSWatcher>();
  private verifyTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: WebTamperOptions) {}

  start(): void {
    for (const dir of this.opts.directories) {
      const local = path.join(this.opts.root, dir);
      if (!fs.existsSync(local)) {
        this.opts.log('warn', 'a protected web directory does not exist', { directory: dir });
        continue;
      }
      this.backup(dir);
      this.watchTree(dir, '');
      try {
        const parent = fs.watch(path.dirname(local), { persistent: false }, (_event, name) => {
          if (name?.toString() === path.basename(local)) this.checkDirectory(dir, performance.now());
        });
        parent.on('error', () => parent.close());
        this.parentWatchers.set(dir, parent);
      } catch {
        // The parent cannot be watched: the periodic verification covers the directory itself.
      }
    }
    this.verifyTimer = setInterval(() => this.verify(), this.opts.verifyIntervalMs ?? 3_600_000);
    this.verifyTimer.unref();
  }

  stop(): void {
    clearInterval(this.verifyTimer);
    for (const watcher of [...this.watchers.values(), ...this.parentWatchers.values()]) watcher.close();
    this.watchers.clear();
    this.parentWatchers.clear();
  }

  /**
   * Compares every protected directory with its backup and puts back what differs, as events
   * would have: the safety net for what no event reported (a full event queue, a change while a
   * watch was being renewed).
   */
  verify(): void {
    for (const dir of this.manifests.keys()) {
      const startedAt = performance.now();
      this.checkDirectory(dir, startedAt);
      this.verifyTree(dir, '', startedAt);
    }
  }

  /** Puts back every difference below `under` (a folder of the directory, '' for all of it). */
  private verifyTree(dir: string, under: string, startedAt: number): void {
    const manifest = this.manifests.get(dir);
    if (!manifest) return;
    const inside = (key: string) => !under || key === `${under}/` || key.startsWith(`${under}/`);
    // Folders first (shortest first), so their files are restored into them.
    const expected = [...manifest.keys()]
      .filter(inside)
      .sort((a, b) => Number(!a.endsWith('/')) - Number(!b.endsWith('/')) || a.length - b.length);
    for (const key of expected) this.check(dir, key.endsWith('/') ? key.slice(0, -1) : key, startedAt);
    const walk = (rel: string) => {
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(path.join(this.opts.root, dir, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const child = path.join(rel, entry.name);
        if (!manifest.has(child) && !manifest.has(`${child}/`)) this.check(dir, child, startedAt);
        else if (entry.isDirectory()) walk(child);
      }
    };
    walk(under);
  }

  /** The protected directory itself deleted, or replaced by a file: put back whole, watched anew. */
  private checkDirectory(dir: string, startedAt: number): void {
    const live = path.join(this.opts.root, dir);
    const st = fs.lstatSync(live, { throwIfNoEntry: false });
    if (st?.isDirectory() || !this.manifests.has(dir)) return;
    try {
      if (st) fs.rmSync(live, { force: true });
      fs.cpSync(this.backupRoot(dir), live, { recursive: true, preserveTimestamps: true });
      this.renewTree(dir, '', startedAt);
    } catch (err) {
      this.opts.log('error', 'could not restore a web directory', { directory: dir, error: (err as Error).message });
      return;
    }
    this.alarm(dir, '', st ? 'changed' : 'deleted', startedAt);
  }

  /**
   * One inotify watch per folder (not per file): it sees writes, creations, deletions and renames
   * inside it, and survives a file being replaced by a restore. Folders are watched wherever they
   * appear: at start, when a deleted one is restored (its old watch died with it), and when an
   * attacker creates one, until it is removed, so nothing written into it meanwhile goes unseen.
   * `renew`: the folder was made again (a restore), so the watches held for it are dead ones.
   */
  private watchTree(dir: string, rel: string, renew = false): void {
    if (renew) this.unwatchTree(dir, rel);
    const key = `${dir}\0${rel}`;
    const local = path.join(this.opts.root, dir, rel);
    if (!this.watchers.has(key)) {
      let watcher: fs.FSWatcher;
      try {
        watcher = fs.watch(local, (_event, name) => {
          if (!name) return;
          const child = path.join(rel, name.toString());
          // A watched folder that is deleted reports its own name, then never anything again.
          if (rel && name.toString() === path.basename(local) && !fs.existsSync(path.join(local, name.toString()))) {
            if (!fs.existsSync(local)) this.unwatchTree(dir, rel);
            return;
          }
          this.check(dir, child, performance.now());
        });
      } catch {
        return; // Gone already.
      }
      watcher.on('error', () => this.unwatchTree(dir, rel));
      this.watchers.set(key, watcher);
    }
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(local, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) this.watchTree(dir, path.join(rel, entry.name));
  }

  /**
   * A folder made again by a restore: new watches for it and below, then a comparison of all of
   * it with the backup, since the events of the old watches that were still queued are lost.
   */
  private renewTree(dir: string, rel: string, startedAt: number): void {
    this.watchTree(dir, rel, true);
    this.verifyTree(dir, rel, startedAt);
  }

  private unwatchTree(dir: string, rel: string): void {
    const prefix = `${dir}\0${rel}`;
    for (const [key, watcher] of this.watchers) {
      if (key === prefix || key.startsWith(rel ? `${prefix}/` : prefix)) {
        watcher.close();
        this.watchers.delete(key);
      }
    }
  }

  private backupRoot(dir: string): string {
    return path.join(this.opts.backupDir, createHash('sha256').update(dir).digest('hex').slice(0, 16));
  }

  /** Copies the directory as it is now into the backup, and records every file's hash. */
  private backup(dir: string): void {
    const source = path.join(this.opts.root, dir);
    const target = this.backupRoot(dir);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.cpSync(source, target, { recursive: true, preserveTimestamps: true });
    const manifest = new Map<string, string>();
    const walk = (rel: string) => {
      for (const entry of fs.readdirSync(path.join(target, rel), { withFileTypes: true })) {
        const child = path.join(rel, entry.name);
        if (entry.isDirectory()) {
          manifest.set(`${child}/`, 'dir');
          walk(child);
        } else if (entry.isFile()) manifest.set(child, hashOf(path.join(target, child)));
      }
    };
    walk('');
    this.manifests.set(dir, manifest);
  }

  /** Puts one path back as the backup has it. */
  private check(dir: string, rel: string, startedAt: number): void {
    const manifest = this.manifests.get(dir);
    if (!manifest) return;
    const live = path.join(this.opts.root, dir, rel);
    const saved = path.join(this.backupRoot(dir), rel);
    const expected = manifest.get(rel);
    let action: 'changed' | 'added' | 'deleted' | null = null;
    try {
      const st = fs.lstatSync(live, { throwIfNoEntry: false });
      if (expected === undefined && !manifest.has(`${rel}/`)) {
        if (st) {
          // A new folder is watched before it is removed: a file written into it in between is
          // seen, and removed with it or on its own event.
          if (st.isDirectory()) this.watchTree(dir, rel);
          fs.rmSync(live, { recursive: true, force: true, maxRetries: 3 });
          this.unwatchTree(dir, rel);
          action = 'added';
        }
      } else if (expected && expected !== 'dir') {
        if (!st?.isFile() || hashOf(live) !== expected) {
          if (st && !st.isFile()) fs.rmSync(live, { recursive: true, force: true });
          // The file's folder may have been deleted: made again, it needs watches of its own.
          const made = fs.mkdirSync(path.dirname(live), { recursive: true });
          const tmp = `${live}.hss-restore`;
          fs.copyFileSync(saved, tmp);
          fs.renameSync(tmp, live);
          if (made) this.renewTree(dir, path.relative(path.join(this.opts.root, dir), made), startedAt);
          action = st ? 'changed' : 'deleted';
        }
      } else if (manifest.has(`${rel}/`) && !st?.isDirectory()) {
        if (st) fs.rmSync(live, { force: true });
        fs.cpSync(saved, live, { recursive: true, preserveTimestamps: true });
        this.renewTree(dir, rel, startedAt);
        action = st ? 'changed' : 'deleted';
      }
    } catch (err) {
      this.opts.log('error', 'could not restore a web file', { path: path.join(dir, rel), error: (err as Error).message });
      return;
    }
    if (action) this.alarm(dir, rel, action, startedAt);
  }

  private alarm(dir: string, rel: string, action: 'changed' | 'added' | 'deleted', startedAt: number): void {
    const hostPath = path.posix.join(dir, rel);
    const ms = performance.now() - startedAt;
    this.opts.onRestored?.(hostPath, ms);
    this.opts.raise({
      type: 'WEB_TAMPER' as RaisedAlarm['type'],
      severity: 'HIGH' as RaisedAlarm['severity'],
      title: `Web file ${hostPath} was ${action} and has been restored`,
      occurredAt: new Date().toISOString(),
      detail: { path: hostPath, action, directory: dir },
    });
  }
}
