import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { IntegrityChange } from '../../agent/src/detect/fim.js';
import { FimWatch, type FimWatchOptions } from '../../agent/src/detect/fim-watch.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-fimwatch-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const open: FimWatch[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.stop();
});

let n = 0;
function host(files: Record<string, string>): string {
  const root = path.join(tmp, `host-${++n}`);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

function watch(root: string, paths: string[], extra: Partial<FimWatchOptions> = {}) {
  const changes: IntegrityChange[] = [];
  const w = new FimWatch({ root, paths, onChange: (c) => changes.push(c), log: () => {}, ...extra });
  open.push(w);
  w.start();
  /** Everything reported so far, merged. */
  const seen = () => ({
    changed: changes.flatMap((c) => c.changed).sort(),
    added: changes.flatMap((c) => c.added).sort(),
    removed: changes.flatMap((c) => c.removed).sort(),
  });
  return { w, changes, seen };
}

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const BASE = {
  'etc/passwd': 'root:x:0:0::/root:/bin/bash\n',
  'etc/ssh/sshd_config': 'PermitRootLogin no\n',
  'etc/ssh/moduli': '1\n',
  'etc/motd': 'hello\n',
};

describe('file integrity monitoring by inotify', () => {
  it('reports a changed, an added and a removed file as they happen, under monitored files and folders', async () => {
    const root = host(BASE);
    const { seen } = watch(root, ['/etc/passwd', '/etc/ssh', '/etc/shadow']);

    fs.appendFileSync(path.join(root, 'etc/passwd'), 'toor:x:0:0::/root:/bin/bash\n');
    await until(() => seen().changed.includes('/etc/passwd'), 'the changed passwd');

    fs.writeFileSync(path.join(root, 'etc/ssh/authorized_keys2'), 'ssh-ed25519 AAAA attacker');
    fs.writeFileSync(path.join(root, 'etc/shadow'), 'root:*:19000::::::\n');
    await until(() => seen().added.length === 2, 'the added files');

    fs.rmSync(path.join(root, 'etc/ssh/moduli'));
    await until(() => seen().removed.length === 1, 'the removed file');

    expect(seen()).toEqual({
      changed: ['/etc/passwd'],
      added: ['/etc/shadow', '/etc/ssh/authorized_keys2'],
      removed: ['/etc/ssh/moduli'],
    });
  });

  it('watches folders created after it started, and files in them', async () => {
    const root = host(BASE);
    const { seen } = watch(root, ['/etc/ssh']);
    fs.mkdirSync(path.join(root, 'etc/ssh/sshd_config.d/nested'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/ssh/sshd_config.d/00-backdoor.conf'), 'PermitRootLogin yes\n');
    await until(() => seen().added.includes('/etc/ssh/sshd_config.d/00-backdoor.conf'), 'the file in the new folder');

    // Later writes deep in the new folders come through their own watches.
    fs.writeFileSync(path.join(root, 'etc/ssh/sshd_config.d/nested/later.conf'), 'X11Forwarding yes\n');
    await until(() => seen().added.includes('/etc/ssh/sshd_config.d/nested/later.conf'), 'the later file');
    fs.writeFileSync(path.join(root, 'etc/ssh/sshd_config.d/00-backdoor.conf'), 'PermitRootLogin prohibit-password\n');
    await until(() => seen().changed.includes('/etc/ssh/sshd_config.d/00-backdoor.conf'), 'the change in the new folder');

    // A folder removed with its files: each file is reported removed.
    fs.rmSync(path.join(root, 'etc/ssh/sshd_config.d'), { recursive: true });
    await until(() => seen().removed.length === 2, 'the removed folder');
    expect(seen().removed).toEqual(['/etc/ssh/sshd_config.d/00-backdoor.conf', '/etc/ssh/sshd_config.d/nested/later.conf']);
  });

  it('sees a monitored folder that did not exist when it started', async () => {
    const root = host(BASE);
    const { seen } = watch(root, ['/etc/sudoers.d']);
    fs.mkdirSync(path.join(root, 'etc/sudoers.d'));
    fs.writeFileSync(path.join(root, 'etc/sudoers.d/99-attacker'), 'mallory ALL=(ALL) NOPASSWD: ALL\n');
    await until(() => seen().added.includes('/etc/sudoers.d/99-attacker'), 'the new sudoers file');
  });

  it('turns a burst of writes into one report, and an editor’s write-and-rename into a change', async () => {
    const root = host(BASE);
    const { changes, seen } = watch(root, ['/etc/passwd', '/etc/ssh']);
    for (let i = 0; i < 50; i++) fs.appendFileSync(path.join(root, 'etc/ssh/sshd_config'), `# line ${i}\n`);
    await until(() => changes.length > 0, 'the burst');
    expect(changes).toEqual([{ changed: ['/etc/ssh/sshd_config'], added: [], removed: [] }]);

    // vipw, sed -i and most editors write a temporary file beside it and rename it over.
    fs.writeFileSync(path.join(root, 'etc/passwd.tmp'), 'root:x:0:0::/root:/bin/sh\n');
    fs.renameSync(path.join(root, 'etc/passwd.tmp'), path.join(root, 'etc/passwd'));
    await until(() => seen().changed.includes('/etc/passwd'), 'the replaced passwd');
    expect(seen().added).toEqual([]);
  });

  it('raises nothing for a file rewritten with the same content, touched or outside the monitored paths', async () => {
    const root = host(BASE);
    const { changes } = watch(root, ['/etc/passwd', '/etc/ssh']);
    fs.writeFileSync(path.join(root, 'etc/passwd'), BASE['etc/passwd']);
    fs.utimesSync(path.join(root, 'etc/ssh/sshd_config'), new Date(), new Date());
    fs.writeFileSync(path.join(root, 'etc/motd'), 'changed, but not monitored\n');
    // Something that is reported, after the rest: everything before it has been looked at.
    await new Promise((r) => setTimeout(r, 50));
    fs.writeFileSync(path.join(root, 'etc/ssh/moduli'), '2\n');
    await until(() => changes.length > 0, 'the real change');
    expect(changes.flatMap((c) => [...c.changed, ...c.added, ...c.removed])).toEqual(['/etc/ssh/moduli']);
  });

  it('reports at start what changed while it was not running, from its saved baseline', () => {
    const root = host(BASE);
    const baselineFile = path.join(tmp, `baseline-${n}.json`);
    const first = watch(root, ['/etc/passwd', '/etc/ssh'], { baselineFile });
    first.w.stop();
    expect(fs.statSync(baselineFile).mode & 0o777).toBe(0o600);
    expect(first.changes).toEqual([]);

    fs.appendFileSync(path.join(root, 'etc/passwd'), 'toor:x:0:0::/root:/bin/bash\n');
    fs.writeFileSync(path.join(root, 'etc/ssh/authorized_keys2'), 'ssh-ed25519 AAAA attacker');
    const second = watch(root, ['/etc/passwd', '/etc/ssh'], { baselineFile });
    expect(second.changes).toEqual([{ changed: ['/etc/passwd'], added: ['/etc/ssh/authorized_keys2'], removed: [] }]);
    second.w.stop();

    // Nothing changed since: nothing to report. Other paths: a fresh baseline, no alarm for all of them.
    expect(watch(root, ['/etc/passwd', '/etc/ssh'], { baselineFile }).changes).toEqual([]);
    expect(watch(root, ['/etc'], { baselineFile }).changes).toEqual([]);
  });

  it('the periodic re-hash reports what the watches did not see', async () => {
    const root = host(BASE);
    // Events wait a minute here, so only the re-hash can report the change.
    const { w, changes } = watch(root, ['/etc/passwd'], { debounceMs: 60_000, maxDelayMs: 60_000 });
    fs.appendFileSync(path.join(root, 'etc/passwd'), 'toor:x:0:0::/root:/bin/bash\n');
    w.rehash();
    expect(changes).toEqual([{ changed: ['/etc/passwd'], added: [], removed: [] }]);
    w.rehash();
    expect(changes).toHaveLength(1);
  });
});
