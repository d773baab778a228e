import { describe, expect, it } from 'vitest';
import { findingsOf, policy } from './baseline-helpers.js';
import { copyHost, runningAsRoot } from './fixture.js';

describe('the shipped baseline on whole hosts', () => {
  it.skipIf(!runningAsRoot)('finds nothing on the hardened host', () => {
    const { findings, results } = findingsOf(copyHost('debian-hardened'));
    expect(findings).toEqual([]);
    expect(results).toHaveLength(policy.checks.length);
  });

  it('finds every planted weakness of the weak host, once each', () => {
    const { findings } = findingsOf(copyHost('debian-weak'));
    expect(findings.map((f) => f.fingerprint).sort()).toEqual(
      [
        'accounts.duplicate-uids',
        'accounts.empty-passwords',
        'accounts.system-accounts-nologin',
        'accounts.uid0-only-root',
        'file.crontab', // Debian's default 0644
        'file.gshadow',
        'file.hosts-equiv',
        'file.shadow',
        'file.sshd-config', // Debian's default 0644
        'file.world-writable',
        'login.pass-max-days',
        'login.pass-min-days',
        'login.umask',
        'pam.nullok',
        'password.min-length',
        'ssh.ciphers',
        'ssh.client-alive-interval',
        'ssh.ignore-rhosts',
        'ssh.login-grace-time',
        'ssh.max-auth-tries',
        'ssh.password-authentication',
        'ssh.permit-empty-passwords',
        'ssh.permit-root-login',
        'ssh.x11-forwarding',
        'sysctl.accept-redirects',
        'sysctl.default-accept-redirects',
        'sysctl.ip-forward',
        'sysctl.ipv6-accept-redirects',
        'sysctl.randomize-va-space',
        'sysctl.rp-filter',
        'sysctl.send-redirects',
      ]
        .map((id) => `baseline:${id}`)
        .sort(),
    );
  });
});
