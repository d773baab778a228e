import { describe, expect, it } from 'vitest';
import { adHoc, evaluate, findingsOf, statuses } from './baseline-helpers.js';
import { copyHost, tempDir, writeFiles } from './fixture.js';

describe('accounts checks', () => {
  it('pass on the hardened host', () => {
    expect(Object.entries(statuses(copyHost('debian-hardened'), 'accounts.')).filter(([, s]) => s !== 'pass')).toEqual([]);
  });

  it('name the risky accounts of the weak host', () => {
    const root = copyHost('debian-weak');
    expect(evaluate(root, 'accounts.uid0-only-root')).toMatchObject({ status: 'fail', detail: { accounts: ['toor'] } });
    expect(evaluate(root, 'accounts.empty-passwords')).toMatchObject({ status: 'fail', detail: { accounts: ['guest'] } });
    expect(evaluate(root, 'accounts.duplicate-uids')).toMatchObject({
      status: 'fail',
      detail: { accounts: ['root', 'toor'], uids: [0] },
    });
    // www-data has /bin/bash; toor (uid 0, not root) too; sync's /bin/sync is the allowed exception
    expect(evaluate(root, 'accounts.system-accounts-nologin')).toMatchObject({
      status: 'fail',
      detail: { accounts: ['www-data', 'toor'] },
    });
    expect(evaluate(root, 'accounts.shadowed-passwords').status).toBe('pass');
  });

  it('report as RISKY_ACCOUNT findings', () => {
    const { findings } = findingsOf(copyHost('debian-weak'));
    const empty = findings.find((f) => f.fingerprint === 'baseline:accounts.empty-passwords');
    expect(empty).toMatchObject({ type: 'RISKY_ACCOUNT', severity: 'HIGH', detail: { accounts: ['guest'] } });
    expect(findings.filter((f) => f.fingerprint.startsWith('baseline:accounts.')).every((f) => f.type === 'RISKY_ACCOUNT')).toBe(
      true,
    );
    expect(findings.find((f) => f.fingerprint === 'baseline:ssh.permit-root-login')?.type).toBe('UNSAFE_CONFIGURATION');
  });

  it('catch hashes kept in passwd, duplicate names, root’s group, and honour UID_MIN', () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/passwd': [
        'root:x:5:5::/root:/bin/bash',
        'old:$1$abc$def:1000:1000::/home/old:/bin/sh',
        'dup:x:1001:1001::/home/dup:/bin/sh',
        'dup:x:1002:1002::/home/dup2:/bin/sh',
        'svc:x:1200:1200::/srv:/bin/bash',
      ].join('\n'),
      'etc/login.defs': 'UID_MIN 1500\n',
    });
    expect(evaluate(root, 'accounts.shadowed-passwords')).toMatchObject({ status: 'fail', detail: { accounts: ['old'] } });
    expect(evaluate(root, 'accounts.duplicate-names')).toMatchObject({ status: 'fail', detail: { accounts: ['dup'] } });
    expect(evaluate(root, 'accounts.root-gid')).toMatchObject({ status: 'fail', detail: { gid: 5 } });
    // below UID_MIN 1500, so system accounts: every one with a shell except root
    expect(evaluate(root, adHoc({ kind: 'accounts', rule: 'system_accounts_no_login' }))).toMatchObject({
      detail: { accounts: ['old', 'dup', 'svc'] },
    });
  });
});
