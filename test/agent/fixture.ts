/**
 * Fixture hosts for the agent tests: copies of test/fixtures/hosts/<name> in a temporary folder.
 * git keeps only the executable bit, so every copy gets normal modes (0644 files, 0755 folders
 * and executables) and then the modes the host is meant to have: permission checks are judged on
 * the copy, never on the checkout. Symbolic links are copied as they are (absolute targets
 * included), as on the real host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/hosts');
export const REPO = path.resolve(import.meta.dirname, '../..');

/** The modes the hosts are meant to have. */
export const HOST_MODES: Record<string, Record<string, number>> = {
  'debian-hardened': {
    'etc/shadow': 0o640,
    'etc/shadow-': 0o640,
    'etc/gshadow': 0o640,
    'etc/ssh/sshd_config': 0o600,
    'etc/crontab': 0o600,
    'etc/sudoers': 0o440,
    'etc/sudoers.d/deploy': 0o440,
  },
  'debian-weak': {
    'etc/shadow': 0o644,
    'etc/gshadow': 0o644,
    'etc/sudoers': 0o440,
    'etc/profile.d/proxy.sh': 0o666,
    'usr/local/bin/backup.sh': 0o777,
  },
};

/** File owners are compared with the fixture's root account (uid 0): true where tests run as root (CI does). */
export const runningAsRoot = process.getuid?.() === 0;

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of a fixture host, removed after the test file. */
export function copyHost(name: 'debian-hardened' | 'debian-weak', extraModes: Record<string, number> = {}): string {
  const dir = tempDir(`hss-${name}-`);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true, verbatimSymlinks: true });
  normaliseModes(dir);
  for (const [rel, mode] of Object.entries({ ...HOST_MODES[name], ...extraModes })) fs.chmodSync(path.join(dir, rel), mode);
  return dir;
}

export function tempDir(prefix = 'hss-agent-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes files (text or bytes) below `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

function normaliseModes(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      fs.chmodSync(p, 0o755);
      normaliseModes(p);
    } else {
      fs.chmodSync(p, fs.statSync(p).mode & 0o111 ? 0o755 : 0o644);
    }
  }
}
