import fs from 'node:fs';
import path from 'node:path';
import { type Baseline, compare, type IntegrityChange, isEmpty, snapshot } from './fim.js';

export interface FimWatchOptions {
  /** The host's root folder ('/' on a real host; a fixture tree in tests). */
  root: string;
  /** Host paths of files and folders to monitor ('/etc/passwd', '/etc/ssh'). */
  paths: readonly string[];
  /** One call per burst of changes (or per re-hash that finds a difference). */
  onChange: (change: IntegrityChange) => void;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Quiet time after the last event before the burst is checked. */
  debounceMs?: number;
  /** A burst is checked at the latest this long after its first event, however long it goes on. */
  maxDelayMs?: number;
  /** The safety net: a full re-hash of every path this often, for whatever the watches missed. */
  rehashIntervalMs?: number;
  /**
   * Where the baseline is kept between runs (the agent's state folder): at start, a difference
   * from the saved baseline of the same paths is a change made while the agent was not running.
   */
  baselineFile?: string;
}

interface SavedBaseline {
  paths: readonly string[];
  baseline: Baseline;
}

/** Each watch is one inotify watch; the system's default limit is 8,192 per user, shared. */
const MAX_WATCHES = 1_000;

/**
 * File integrity monitoring driven by inotify: one watch per folder (the folder of a monitored
 * file, and every folder below a monitored folder, including ones created later), so a change is
 * checked within a second instead of at the next poll. Only what an event names is hashed again;
 * a burst of events (an editor's write-and-rename, a package upgrade) becomes one report. A full
 * re-hash every `rehashIntervalMs` catches what the watches cannot see (a queue overflow, folders
 * beyond the watch limit); the baseline saved in `baselineFile` catches changes made while the
 * agent was not running.
 */
export class FimWatch {
  private baseline: Baseline = {};
  private watchers = new Map<string, fs.FSWatcher>();
  private dirty = new Set<string>();
  private quietTimer: NodeJS.Timeout | undefined;
  private maxTimer: NodeJS.Timeout | undefined;
  private rehashTimer: NodeJS.Timeout | undefined;
  private warnedLimit = false;
  private stopped = true;

  /** The monitored host paths, normalised ('/etc/ssh/' → '/etc/ssh'). */
  private readonly paths: readonly string[];

  constructor(private readonly opts: FimWatchOptions) {
    this.paths = opts.paths.map((p) => path.posix.normalize(`/${p}`).replace(/(.)\/$/, '$1'));
  }

  start(): void {
    this.stopped = false;
    // Watches first: a change between the baseline and its watch would go unseen until the re-hash.
    this.syncWatches();
    this.baseline = snapshot(this.opts.root, this.paths).baseline;
    const saved = this.load();
    this.save();
    if (saved) {
      const change = compare(saved, this.baseline);
      if (!isEmpty(change)) this.opts.onChange(change);
    }
    this.rehashTimer = setInterval(() => this.rehash(), this.opts.rehashIntervalMs ?? 3_600_000);
    this.rehashTimer.unref();
  }

  /** The saved baseline, if it is one of the same paths (other paths: a fresh start, no alarm). */
  private load(): Baseline | null {
    if (!this.opts.baselineFile) return null;
    try {
      const saved = JSON.parse(fs.readFileSync(this.opts.baselineFile, 'utf8')) as SavedBaseline;
      if (JSON.stringify(saved.paths) !== JSON.stringify(this.paths) || typeof saved.baseline !== 'object') return null;
      return saved.baseline;
    } catch {
      return null; // None yet, or damaged: start from now.
    }
  }

  /** Written beside and renamed, so a crash never leaves half a baseline. */
  private save(): void {
    const file = this.opts.baselineFile;
    if (!file) return;
    try {
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ paths: this.paths, baseline: this.baseline } satisfies SavedBaseline), {
        mode: 0o600,
      });
      fs.renameSync(tmp, file);
    } catch (err) {
      this.opts.log('warn', 'could not save the integrity baseline', { error: (err as Error).message });
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    clearInterval(this.rehashTimer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.dirty.clear();
  }

  /** Number of folders under watch (for tests and logs). */
  get watchCount(): number {
    return this.watchers.size;
  }

  /** Compares every path with the baseline now; reports a difference like an event would. */
  rehash(): void {
    if (this.stopped) return;
    this.syncWatches();
    const current = snapshot(this.opts.root, this.paths).baseline;
    const change = compare(this.baseline, current);
    this.baseline = current;
    if (isEmpty(change)) return;
    this.save();
    this.opts.onChange(change);
  }

  /** Whether a host path is monitored: one of the paths, or below a monitored folder. */
  private covers(hostPath: string): boolean {
    return this.paths.some((p) => hostPath === p || hostPath.startsWith(p.endsWith('/') ? p : `${p}/`));
  }

  /**
   * Watches the folder of every monitored path (or, while it does not exist, its nearest existing
   * ancestor, so its creation is seen) and every folder below a monitored folder; `under` limits
   * the walk to what a burst touched. Watches of folders that are gone are closed.
   */
  private syncWatches(under?: readonly string[]): void {
    const local = (hostPath: string) => path.join(this.opts.root, hostPath);
    const isDir = (hostPath: string) => fs.lstatSync(local(hostPath), { throwIfNoEntry: false })?.isDirectory() ?? false;
    const walk = (hostDir: string) => {
      if (this.watchers.size >= MAX_WATCHES) {
        if (!this.warnedLimit)
          this.opts.log('warn', 'too many folders for integrity monitoring to watch; the periodic re-hash covers the rest', {
            limit: MAX_WATCHES,
          });
        this.warnedLimit = true;
        return;
      }
      if (!this.watchers.has(hostDir)) this.watch(hostDir);
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(local(hostDir), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) if (entry.isDirectory()) walk(path.posix.join(hostDir, entry.name));
    };
    const scope = under ?? this.paths;
    for (const [dir, watcher] of this.watchers) {
      if (scope.some((p) => dir === p || dir.startsWith(`${p}/`)) && !isDir(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const p of this.paths) {
      let parent = path.posix.dirname(p);
      while (parent !== '/' && !isDir(parent)) parent = path.posix.dirname(parent);
      if (!this.watchers.has(parent)) this.watch(parent);
    }
    for (const target of scope) if (isDir(target)) walk(target);
  }

  private watch(hostDir: string): void {
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(path.join(this.opts.root, hostDir), { persistent: false }, (_event, name) => {
        // Without a name (rare), anything in the folder may have changed.
        this.touched(name ? path.posix.join(hostDir, name.toString()) : hostDir);
      });
    } catch {
      return; // Absent (a monitored file's folder that does not exist): the re-hash covers it.
    }
    watcher.on('error', () => {
      // The folder went away (its watch is gone with it): look at it again.
      watcher.close();
      this.watchers.delete(hostDir);
      this.touched(hostDir);
    });
    this.watchers.set(hostDir, watcher);
  }

  private touched(hostPath: string): void {
    if (this.stopped) return;
    if (!this.covers(hostPath) && !this.paths.some((p) => p.startsWith(`${hostPath}/`))) return;
    this.dirty.add(hostPath);
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.flush(), this.opts.debounceMs ?? 200);
    this.maxTimer ??= setTimeout(() => this.flush(), this.opts.maxDelayMs ?? 1000);
  }

  /** Hashes again what the burst touched, reports the difference, and watches new folders. */
  private flush(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    this.maxTimer = undefined;
    if (this.stopped || !this.dirty.size) return;
    // A touched folder above the monitored paths (one of them was created or removed): those paths.
    const targets = [
      ...new Set(
        [...this.dirty].flatMap((hostPath) =>
          this.covers(hostPath) ? [hostPath] : this.paths.filter((p) => p.startsWith(`${hostPath}/`)),
        ),
      ),
    ];
    this.dirty.clear();
    // New folders are watched before they are hashed, so a file written into one right after its
    // creation is either in this hash or seen by the new watch.
    this.syncWatches(targets);
    const before: Baseline = {};
    const after: Baseline = {};
    for (const target of targets) {
      const prefix = `${target}/`;
      for (const [file, hash] of Object.entries(this.baseline)) {
        if (file === target || file.startsWith(prefix)) before[file] = hash;
      }
      Object.assign(after, snapshot(this.opts.root, [target]).baseline);
    }
    for (const file of Object.keys(before)) delete this.baseline[file];
    Object.assign(this.baseline, after);
    const change = compare(before, after);
    if (isEmpty(change)) return;
    this.save();
    this.opts.onChange(change);
  }
}
