import { HostRoot, readSysctlConfig, toNumber, unmet } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { adHoc, evaluate, statuses } from './baseline-helpers.js';
import { copyHost, tempDir, writeFiles } from './fixture.js';

describe('expectations', () => {
  it('compare strings case-insensitively, numbers, sshd times, comma lists and octal bits', () => {
    expect(unmet('No', { in: ['no'] })).toBeUndefined();
    expect(unmet('yes', { in: ['no'] })).toBe('is "yes", expected one of "no"');
    expect(unmet('5', { min: 1, max: 4 })).toBe('is 5, expected at most 4');
    expect(unmet('abc', { max: 4 })).toBe('is "abc", expected a number');
    expect(toNumber('1m30s')).toBe(90);
    expect(toNumber('2h')).toBe(7200);
    expect(toNumber('x1')).toBeUndefined();
    expect(unmet('aes128-ctr,3des-cbc', { noneOf: ['3des-cbc'] })).toBe('includes 3des-cbc');
    expect(unmet('+3des-cbc', { noneOf: ['3des-cbc'] })).toBe('includes 3des-cbc');
    expect(unmet('-3des-cbc', { noneOf: ['3des-cbc'] })).toBeUndefined(); // removes it from the defaults
    expect(unmet('027', { octalIncludes: '027' })).toBeUndefined();
    expect(unmet('0077', { octalIncludes: '027' })).toBeUndefined();
    expect(unmet('022', { octalIncludes: '027' })).toBe('is 022, expected at least the bits of 027');
  });
});

describe('login.defs checks', () => {
  it('pass on the hardened host', () => {
    expect(Object.values(statuses(copyHost('debian-hardened'), 'login.')).every((s) => s === 'pass')).toBe(true);
  });

  it('fail on the weak host, naming the line', () => {
    const root = copyHost('debian-weak');
    expect(statuses(root, 'login.')).toEqual({
      'login.pass-max-days': 'fail',
      'login.pass-min-days': 'fail',
      'login.pass-warn-age': 'pass',
      'login.encrypt-method': 'pass',
      'login.umask': 'fail',
    });
    expect(evaluate(root, 'login.pass-max-days')).toMatchObject({ detail: { found: '99999', source: '/etc/login.defs:3' } });
  });

  it('take the last value of a repeated key, as getdef does', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/login.defs': 'PASS_MAX_DAYS 30\nPASS_MAX_DAYS 99999\n' });
    expect(evaluate(root, 'login.pass-max-days').status).toBe('fail');
  });
});

describe('key_value checks (pwquality.conf)', () => {
  it('pass when the file sets the value, fail when it is too low or the file is missing', () => {
    expect(evaluate(copyHost('debian-hardened'), 'password.min-length').status).toBe('pass');
    expect(evaluate(copyHost('debian-weak'), 'password.min-length')).toMatchObject({
      status: 'fail',
      detail: { found: 'file missing' },
    });
    const root = tempDir();
    writeFiles(root, { 'etc/security/pwquality.conf': '# minlen = 20\nminlen=8\n' });
    expect(evaluate(root, 'password.min-length')).toMatchObject({ status: 'fail', detail: { found: '8' } });
  });

  it('can let a missing file pass', () => {
    const check = adHoc({
      kind: 'key_value',
      path: 'etc/none.conf',
      key: 'a',
      separator: '=',
      expect: { equals: 1 },
      whenFileMissing: 'pass',
    });
    expect(evaluate(tempDir(), check).status).toBe('pass');
  });
});

describe('sysctl checks', () => {
  it('pass on the hardened host, including a vendor file value and slash-separated keys', () => {
    const root = copyHost('debian-hardened');
    expect(Object.entries(statuses(root, 'sysctl.')).filter(([, s]) => s !== 'pass')).toEqual([]);
    const config = readSysctlConfig(new HostRoot(root));
    expect(config.get('net.ipv4.conf.all.rp_filter')).toEqual({ value: '2', source: '/usr/lib/sysctl.d/50-default.conf:5' });
    expect(config.get('net.ipv6.conf.all.accept_redirects')?.value).toBe('0');
  });

  it('fail on the weak host, with the configured or default value', () => {
    const root = copyHost('debian-weak');
    const failed = Object.entries(statuses(root, 'sysctl.'))
      .filter(([, s]) => s === 'fail')
      .map(([id]) => id);
    expect(failed).toEqual([
      'sysctl.ip-forward',
      'sysctl.accept-redirects',
      'sysctl.default-accept-redirects',
      'sysctl.ipv6-accept-redirects',
      'sysctl.send-redirects',
      'sysctl.rp-filter',
      'sysctl.randomize-va-space',
    ]);
    expect(evaluate(root, 'sysctl.ip-forward')).toMatchObject({
      detail: { found: '1', source: '/etc/sysctl.d/99-docker.conf:1' },
    });
    expect(evaluate(root, 'sysctl.rp-filter')).toMatchObject({ detail: { found: '0', source: 'built-in default' } });
  });

  it('order files like systemd-sysctl: etc/ hides the same name in usr/lib/, names sorted, sysctl.conf last', () => {
    const root = tempDir();
    writeFiles(root, {
      'usr/lib/sysctl.d/10-a.conf': 'net.ipv4.ip_forward = 1\n',
      'etc/sysctl.d/10-a.conf': 'net.ipv4.ip_forward = 0\n',
      'usr/lib/sysctl.d/20-b.conf': 'kernel.randomize_va_space = 1\n',
      'etc/sysctl.d/05-c.conf': 'kernel.randomize_va_space = 0\nfs.suid_dumpable = 2\n',
      'etc/sysctl.conf': 'fs.suid_dumpable = 0\n',
    });
    const config = readSysctlConfig(new HostRoot(root));
    expect(config.get('net.ipv4.ip_forward')?.value).toBe('0');
    expect(config.get('kernel.randomize_va_space')).toEqual({ value: '1', source: '/usr/lib/sysctl.d/20-b.conf:1' });
    expect(config.get('fs.suid_dumpable')?.value).toBe('0');
  });

  it('use the running value from proc/sys when nothing is configured', () => {
    const root = tempDir();
    writeFiles(root, { 'proc/sys/net/ipv4/ip_forward': '1\n' });
    expect(evaluate(root, 'sysctl.ip-forward')).toMatchObject({
      status: 'fail',
      detail: { found: '1', source: 'running kernel (/proc/sys/net/ipv4/ip_forward)' },
    });
  });
});
