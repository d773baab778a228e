import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** sha256 of every regular file under the watched paths, keyed by its path on the host. */
export type Baseline = Record<string, string>;

export interface IntegrityChange {
  changed: string[];
  added: string[];
  removed: string[];
}

/** Enough for /etc and a few trees; beyond it the rest of a tree is not watched (and said so). */
const MAX_FILES = 20_000;

/**
 * File integrity monitoring: a hash baseline of the policy's FIM paths, compared on every pass.
 * Paths are host paths ('/etc/passwd') read below `root`, so tests run on fixture trees.
 */
export function snapshot(root: string, paths: readonly string[]): { baseline: Baseline; truncated: boolean } {
  const baseline: Baseline = {};
  let count = 0;
  const visit = (hostPath: string) => {
    if (count >= MAX_FILES) return;
    const local = path.join(root, hostPath);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(local);
    } catch {
      return; // Absent: a file that appears later is "added".
    }
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(local).sort();
      } catch {
        return;
      }
      for (const name of names) visit(path.posix.join(hostPath, name));
    } else if (st.isFile()) {
      try {
        baseline[hostPath] = createHash('sha256').update(fs.readFileSync(local)).digest('hex');
        count += 1;
      } catch {
        // Unreadable now (permissions, removed mid-read): treated as absent.
      }
    }
  };
  for (const p of paths) visit(p);
  return { baseline, truncated: count >= MAX_FILES };
}

export function compare(before: Baseline, after: Baseline): IntegrityChange {
  const changed: string[] = [];
  const added: string[] = [];
  for (const [file, hash] of Object.entries(after)) {
    if (!(file in before)) added.push(file);
    else if (before[file] !== hash) changed.push(file);
  }
  const removed = Object.keys(before).filter((file) => !(file in after));
  return { changed, added, removed };
}

export function isEmpty(change: IntegrityChange): boolean {
  return !change.changed.length && !change.added.length && !change.removed.length;
}
