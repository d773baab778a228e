import { HostRoot, parseSshdLine, readSshdConfig } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { evaluate, findingsOf, policy, statuses } from './baseline-helpers.js';
import { copyHost, tempDir, writeFiles } from './fixture.js';

describe('sshd_config parsing', () => {
  it('takes the first value, reading Include in place: a drop-in read first overrides the main file', () => {
    const config = readSshdConfig(new HostRoot(copyHost('debian-hardened')))!;
    expect(config.get('x11forwarding')).toEqual({ value: 'no', file: '/etc/ssh/sshd_config.d/10-hardening.conf', line: 6 });
    expect(config.get('usepam')).toEqual({ value: 'yes', file: '/etc/ssh/sshd_config', line: 9 });
  });

  it('does not take settings of Match blocks as global ones', () => {
    const config = readSshdConfig(new HostRoot(copyHost('debian-hardened')))!;
    expect(config.get('passwordauthentication')?.value).toBe('no');
    expect(config.get('maxauthtries')?.value).toBe('3');
  });

  it('only includes files matching the pattern (README.txt is not *.conf)', () => {
    const root = copyHost('debian-hardened');
    writeFiles(root, { 'etc/ssh/sshd_config.d/05-extra.conf': 'Banner /etc/issue.net\n' });
    const config = readSshdConfig(new HostRoot(root))!;
    expect(config.get('banner')?.file).toBe('/etc/ssh/sshd_config.d/05-extra.conf');
    expect([...config.values()].some((s) => s.file.endsWith('README.txt'))).toBe(false);
  });

  it('resolves relative Include paths below etc/ssh, nests them, and ends a Match with the file or "Match all"', () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/ssh/sshd_config': [
        'Include conf.d/first.conf',
        'Match User bob',
        '  Include conf.d/in-match.conf',
        '  AllowTcpForwarding yes',
        'Match all',
        'AllowTcpForwarding no',
        'LogLevel=VERBOSE   # trailing comment',
        'Banner "/etc/issue net"',
      ].join('\n'),
      'etc/ssh/conf.d/first.conf': 'Include /etc/ssh/conf.d/nested.conf\nMatch Address 10.0.0.0/8\n  MaxSessions 50\n',
      'etc/ssh/conf.d/nested.conf': 'MaxAuthTries 2\n',
      'etc/ssh/conf.d/in-match.conf': 'PermitRootLogin yes\n',
    });
    const config = readSshdConfig(new HostRoot(root))!;
    expect(config.get('maxauthtries')?.value).toBe('2');
    expect(config.has('maxsessions')).toBe(false); // in first.conf's Match block
    expect(config.has('permitrootlogin')).toBe(false); // included inside a Match block
    expect(config.get('allowtcpforwarding')?.value).toBe('no'); // after "Match all"
    expect(config.get('loglevel')?.value).toBe('VERBOSE');
    expect(config.get('banner')?.value).toBe('/etc/issue net');
  });

  it('stops at include loops', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/ssh/sshd_config': 'Include sshd_config\nPort 2222\n' });
    expect(readSshdConfig(new HostRoot(root))!.get('port')?.value).toBe('2222');
  });

  it('reads "Key value", "Key=value" and "Key = value" lines', () => {
    expect(parseSshdLine('PermitRootLogin no')).toEqual({ key: 'permitrootlogin', value: 'no' });
    expect(parseSshdLine('  MaxAuthTries=3')).toEqual({ key: 'maxauthtries', value: '3' });
    expect(parseSshdLine('LoginGraceTime = 1m')).toEqual({ key: 'logingracetime', value: '1m' });
    expect(parseSshdLine('# PermitRootLogin yes')).toBeUndefined();
    expect(parseSshdLine('')).toBeUndefined();
  });
});

describe('sshd_config checks', () => {
  it('all pass on the hardened host', () => {
    const result = statuses(copyHost('debian-hardened'), 'ssh.');
    expect(Object.keys(result).length).toBeGreaterThanOrEqual(10);
    expect(Object.entries(result).filter(([, s]) => s !== 'pass')).toEqual([]);
  });

  it('fail on the weak host where its configuration is unsafe', () => {
    const result = statuses(copyHost('debian-weak'), 'ssh.');
    const failed = Object.entries(result)
      .filter(([, s]) => s === 'fail')
      .map(([id]) => id)
      .sort();
    expect(failed).toEqual(
      [
        'ssh.ciphers',
        'ssh.client-alive-interval',
        'ssh.ignore-rhosts',
        'ssh.login-grace-time',
        'ssh.max-auth-tries',
        'ssh.password-authentication',
        'ssh.permit-empty-passwords',
        'ssh.permit-root-login',
        'ssh.x11-forwarding',
      ].sort(),
    );
  });

  it('say where the value came from: the drop-in that wins over the main file', () => {
    const outcome = evaluate(copyHost('debian-weak'), 'ssh.password-authentication');
    expect(outcome).toMatchObject({
      status: 'fail',
      detail: { key: 'PasswordAuthentication', found: 'yes', source: '/etc/ssh/sshd_config.d/50-cloud-init.conf:1' },
    });
    expect(evaluate(copyHost('debian-weak'), 'ssh.ciphers')).toMatchObject({
      detail: { problem: 'Ciphers includes aes256-cbc, 3des-cbc' },
    });
  });

  it('judge an unset option by OpenSSH’s default', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/ssh/sshd_config': 'UsePAM yes\n' });
    expect(evaluate(root, 'ssh.permit-root-login').status).toBe('pass'); // default prohibit-password
    expect(evaluate(root, 'ssh.max-auth-tries')).toMatchObject({
      status: 'fail',
      detail: { found: '6', source: 'built-in default' },
    });
  });

  it('do not apply where no OpenSSH server is installed', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/passwd': '' });
    expect(evaluate(root, 'ssh.permit-root-login').status).toBe('not_applicable');
  });

  it('become findings with the check’s fingerprint, severity, title and remediation', () => {
    const { findings } = findingsOf(copyHost('debian-weak'));
    const check = policy.checks.find((c) => c.id === 'ssh.permit-root-login')!;
    expect(findings.find((f) => f.fingerprint === 'baseline:ssh.permit-root-login')).toEqual({
      fingerprint: 'baseline:ssh.permit-root-login',
      type: 'UNSAFE_CONFIGURATION',
      severity: 'HIGH',
      title: check.title,
      remediation: check.remediation,
      detail: {
        checkId: 'ssh.permit-root-login',
        key: 'PermitRootLogin',
        found: 'yes',
        source: '/etc/ssh/sshd_config:4',
        expected: 'one of no, prohibit-password, without-password',
        problem: 'PermitRootLogin is "yes", expected one of "no", "prohibit-password", "without-password"',
        rationale: check.rationale,
      },
    });
  });
});
