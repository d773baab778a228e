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
}

const hashOf = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Web tamper protection: each protected directory is backed up, then watched; a file that is
 * changed, added or deleted by anyone is put back as it was (atomically: written beside, then
 * renamed) and a WEB_TAMPER alarm is raised. A person updates the site by pausing protection in
 * the policy; resuming takes a fresh backup of the site as it then is.
 */
export class WebTamperGuard {
  private watchers: fs.FSWatcher[] = [];
  /** Per protected directory: relative path → sha256 of the backed-up file. */
  private manifests = new Map<string, Map<string, string>>();

  constructor(private readonly opts: WebTamperOptions) {}

  start(): void {
    for (const dir of this.opts.directories) {
      const local = path.join(this.opts.root, dir);
      if (!fs.existsSync(local)) {
        this.opts.log('warn', 'a protected web directory does not exist', { directory: dir });
        continue;
      }
      this.backup(dir);
      // One inotify watch per directory (not per file): it sees writes, creations, deletions and
      // renames inside it, and survives a file being replaced by a restore.
      const manifest = this.manifests.get(dir)!;
      for (const rel of ['', ...[...manifest.keys()].filter((k) => k.endsWith('/')).map((k) => k.slice(0, -1))]) {
        const watcher = fs.watch(path.join(local, rel), (_event, name) => {
          if (name) this.check(dir, path.join(rel, name.toString()), performance.now());
        });
        watcher.on('error', (err) => this.opts.log('error', 'web tamper watch failed', { directory: dir, error: err.message }));
        this.watchers.push(watcher);
      }
    }
  }

  stop(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
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
          fs.rmSync(live, { recursive: true, force: true });
          action = 'added';
        }
      } else if (expected && expected !== 'dir') {
        if (!st?.isFile() || hashOf(live) !== expected) {
          if (st && !st.isFile()) fs.rmSync(live, { recursive: true, force: true });
          fs.mkdirSync(path.dirname(live), { recursive: true });
          const tmp = `${live}.hss-restore`;
          fs.copyFileSync(saved, tmp);
          fs.renameSync(tmp, live);
          action = st ? 'changed' : 'deleted';
        }
      } else if (manifest.has(`${rel}/`) && !st) {
        fs.cpSync(saved, live, { recursive: true, preserveTimestamps: true });
        action = 'deleted';
      }
    } catch (err) {
      this.opts.log('error', 'could not restore a web file', { path: path.join(dir, rel), error: (err as Error).message });
      return;
    }
    if (!action) return;
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
