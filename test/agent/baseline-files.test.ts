import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adHoc, evaluate, statuses } from './baseline-helpers.js';
import { copyHost, runningAsRoot, tempDir, writeFiles } from './fixture.js';

describe('file_mode checks', () => {
  it.skipIf(!runningAsRoot)('pass on the hardened host (modes set on the copy; owner root from its passwd)', () => {
    expect(Object.entries(statuses(copyHost('debian-hardened'), 'file.')).filter(([, s]) => s !== 'pass')).toEqual([]);
  });

  it('fail when a file allows more than its maximum mode', () => {
    const root = copyHost('debian-weak');
    expect(evaluate(root, 'file.shadow')).toMatchObject({
      status: 'fail',
      detail: { file: '/etc/shadow', mode: '0644', problem: 'mode 0644 allows more than 0640' },
    });
    expect(evaluate(copyHost('debian-hardened', { 'etc/passwd': 0o666 }), 'file.passwd')).toMatchObject({
      status: 'fail',
      detail: { mode: '0666' },
    });
  });

  it.skipIf(!runningAsRoot)('do not depend on the checkout: the same file passes once its mode is right', () => {
    expect(evaluate(copyHost('debian-weak', { 'etc/shadow': 0o600 }), 'file.shadow').status).toBe('pass');
  });

  it.skipIf(!runningAsRoot)('fail when the owner is not one allowed, named through the host’s own passwd', () => {
    const root = copyHost('debian-hardened');
    fs.chownSync(path.join(root, 'etc/shadow'), 1000, 42);
    expect(evaluate(root, 'file.shadow')).toMatchObject({
      status: 'fail',
      detail: { owner: 'alice', group: 'shadow', problem: 'owner alice, expected root' },
    });
  });

  it('fail for a missing required file, and do not apply to a missing optional one', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/hostname': 'x\n' });
    expect(evaluate(root, 'file.passwd')).toMatchObject({ status: 'fail', detail: { found: 'missing' } });
    expect(evaluate(root, 'file.shadow-backup').status).toBe('not_applicable');
  });
});

describe('world_writable checks', () => {
  it('find world-writable files in system folders', () => {
    const outcome = evaluate(copyHost('debian-weak'), 'file.world-writable');
    expect(outcome).toEqual({
      status: 'fail',
      detail: { count: 2, files: ['/etc/profile.d/proxy.sh', '/usr/local/bin/backup.sh'] },
    });
  });

  it('pass on the hardened host', () => {
    expect(evaluate(copyHost('debian-hardened'), 'file.world-writable').status).toBe('pass');
  });

  it('accept sticky world-writable folders and links, flag non-sticky ones, and honour exclusions', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/a/file': 'x', 'etc/skip/open': 'x' });
    fs.mkdirSync(path.join(root, 'etc/sticky'));
    fs.chmodSync(path.join(root, 'etc/sticky'), 0o1777);
    fs.mkdirSync(path.join(root, 'etc/open'));
    fs.chmodSync(path.join(root, 'etc/open'), 0o777);
    fs.chmodSync(path.join(root, 'etc/skip/open'), 0o666);
    fs.symlinkSync('/etc/a/file', path.join(root, 'etc/link'));
    const check = adHoc({ kind: 'world_writable', dirs: ['etc'], exclude: ['etc/skip'] });
    expect(evaluate(root, check)).toEqual({ status: 'fail', detail: { count: 1, files: ['/etc/open/'] } });
  });

  it('walk a folder reached through a link only where it really is', () => {
    const root = tempDir();
    writeFiles(root, { 'usr/bin/tool': 'x' });
    fs.chmodSync(path.join(root, 'usr/bin/tool'), 0o777);
    fs.symlinkSync('usr/bin', path.join(root, 'bin'));
    const check = adHoc({ kind: 'world_writable', dirs: ['bin', 'usr/bin'] });
    expect(evaluate(root, check)).toEqual({ status: 'fail', detail: { count: 1, files: ['/usr/bin/tool'] } });
  });
});

describe('file_absent and file_contains checks', () => {
  it('flag trust files that exist, and pass when none does', () => {
    expect(evaluate(copyHost('debian-weak'), 'file.hosts-equiv')).toEqual({
      status: 'fail',
      detail: { present: ['/etc/hosts.equiv'] },
    });
    expect(evaluate(copyHost('debian-hardened'), 'file.hosts-equiv').status).toBe('pass');
  });

  it('flag "nullok" on the pam_unix auth line, with the line number', () => {
    expect(evaluate(copyHost('debian-weak'), 'pam.nullok')).toEqual({
      status: 'fail',
      detail: { file: '/etc/pam.d/common-auth', line: 1, found: 'auth\t[success=1 default=ignore]\tpam_unix.so nullok' },
    });
    expect(evaluate(copyHost('debian-hardened'), 'pam.nullok').status).toBe('pass');
  });

  it('ignore a commented-out nullok and treat a missing file as not applicable', () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/pam.d/common-auth': '# auth [success=1 default=ignore] pam_unix.so nullok\nauth required pam_unix.so\n',
    });
    expect(evaluate(root, 'pam.nullok').status).toBe('pass');
    expect(evaluate(tempDir(), 'pam.nullok').status).toBe('not_applicable');
  });

  it('can require a line to be present', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/issue.net': 'Authorized uses only.\n' });
    expect(
      evaluate(root, adHoc({ kind: 'file_contains', path: 'etc/issue.net', pattern: 'Authorized', must: 'match' })).status,
    ).toBe('pass');
    expect(
      evaluate(root, adHoc({ kind: 'file_contains', path: 'etc/issue.net', pattern: 'Warning', must: 'match' })).status,
    ).toBe('fail');
  });
});
