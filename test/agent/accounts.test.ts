import { collectAccounts, readUserDb, Skips, scanContext, sudoUsers } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { copyHost, tempDir, writeFiles } from './fixture.js';

const day = (days: number) => new Date(Date.UTC(1970, 0, 1 + days)).toISOString().slice(0, 10);

describe('accounts', () => {
  it('reads passwd, shadow, group and sudoers into the inventory shape', () => {
    const accounts = collectAccounts(scanContext(copyHost('debian-hardened')));
    expect(accounts).toHaveLength(19);
    expect(accounts.find((a) => a.name === 'alice')).toEqual({
      name: 'alice',
      uid: 1000,
      gid: 1000,
      shell: '/bin/bash',
      home: '/home/alice',
      loginShell: true,
      sudo: true, // member of the sudo group
      emptyPassword: false,
      passwordChangedAt: day(20350),
    });
    expect(accounts.find((a) => a.name === 'daemon')).toMatchObject({ loginShell: false, sudo: false });
  });

  it('grants sudo through sudoers.d (with a continued line) and ignores files whose names have a dot', () => {
    const accounts = collectAccounts(scanContext(copyHost('debian-hardened')));
    const sudo = accounts.filter((a) => a.sudo).map((a) => a.name);
    expect(sudo.sort()).toEqual(['alice', 'deploy', 'root']);
    // sudoers.d/bob.disabled would grant bob: sudo skips names with a '.'
    expect(accounts.find((a) => a.name === 'bob')?.sudo).toBe(false);
  });

  it('follows User_Alias, %group, #uid and the wheel group', () => {
    const root = copyHost('debian-weak');
    const ctx = scanContext(root);
    const users = sudoUsers(ctx.root, readUserDb(ctx.root, ctx.skips), ctx.skips);
    // bob: in User_Alias OPERATORS; carol: via %ops in that alias; svc-backup: "#1004";
    // oldadmin: member of wheel; alice: member of sudo.
    expect([...users].sort()).toEqual(['alice', 'bob', 'carol', 'oldadmin', 'root', 'svc-backup']);
    expect(ctx.skips.counts).toEqual({});
  });

  it('flags empty passwords and leaves out a "change at next login" date', () => {
    const accounts = collectAccounts(scanContext(copyHost('debian-weak')));
    expect(accounts.find((a) => a.name === 'guest')).toMatchObject({ emptyPassword: true, loginShell: true });
    expect(accounts.filter((a) => a.emptyPassword).map((a) => a.name)).toEqual(['guest']);
    const oldadmin = accounts.find((a) => a.name === 'oldadmin');
    expect(oldadmin).toBeDefined();
    expect(oldadmin).not.toHaveProperty('passwordChangedAt');
  });

  it('treats an empty passwd password field without shadow entry as an empty password', () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/passwd': 'root:x:0:0::/root:/bin/bash\nopen::1000:1000::/home/open:\n',
      'etc/shadow': 'root:*:1::::::\n',
    });
    const accounts = collectAccounts(scanContext(root));
    expect(accounts.map((a) => [a.name, a.emptyPassword, a.loginShell])).toEqual([
      ['root', false, true],
      ['open', true, true], // an empty shell means /bin/sh
    ]);
  });

  it('skips and counts truncated or malformed lines, keeping the rest', () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/passwd': [
        'root:x:0:0:root:/root:/bin/bash',
        'trunc:x:1000:10', // truncated
        'badid:x:abc:1000::/home/badid:/bin/sh',
        '+@netgroup::::::',
        '# a comment',
        'alice:x:1001:1001::/home/alice:/bin/bash',
        '\u0000\u00ff\u0001',
      ].join('\n'),
      'etc/shadow': 'root:*:19000:0:99999:7:::\nalice:$6$x$y:notanumber:0:99999:7:::\n',
      'etc/group': 'root:x:0:\nsudo:x:27\nsudo:x:27:alice\n',
    });
    const ctx = scanContext(root);
    const accounts = collectAccounts(ctx);
    expect(accounts.map((a) => a.name)).toEqual(['root', 'alice']);
    expect(accounts[1]).toMatchObject({ sudo: true });
    expect(ctx.skips.counts).toEqual({
      'accounts.malformedPasswdLine': 3,
      'accounts.malformedShadowLine': 1,
      'accounts.malformedGroupLine': 1,
    });
  });

  it('counts sudoers lines it cannot read instead of failing', () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/passwd': 'root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n',
      'etc/sudoers': 'garbage-without-equals\nalice ALL=(ALL) ALL\n',
    });
    const skips = new Skips();
    const ctx = scanContext(root);
    const users = sudoUsers(ctx.root, readUserDb(ctx.root, skips), skips);
    expect([...users]).toEqual(['alice']);
    expect(skips.counts['accounts.malformedSudoersLine']).toBe(1);
  });
});
