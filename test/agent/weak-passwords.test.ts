import fs from 'node:fs';
import path from 'node:path';
import { COMMON_PASSWORDS_FILE, findWeakPasswords, hashScheme, loadPasswordList, readUserDb, scanContext } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { copyHost, tempDir, writeFiles } from './fixture.js';

const list = loadPasswordList(COMMON_PASSWORDS_FILE);

async function weakOn(root: string, candidates: readonly string[] = list) {
  const ctx = scanContext(root);
  const result = await findWeakPasswords(ctx, readUserDb(ctx.root, ctx.skips), candidates);
  return { ...result, ctx, root };
}

/** The weak host, checked once against the whole list (a few seconds of hashing) for every test. */
let weakHost: ReturnType<typeof weakOn> | undefined;
const weak = () => {
  weakHost ??= weakOn(copyHost('debian-weak'));
  return weakHost;
};

describe('weak passwords', () => {
  it('ships a list of a few hundred common passwords, including the fixture’s', () => {
    expect(list.length).toBeGreaterThanOrEqual(200);
    expect(list).toContain('password123');
    expect(list).not.toContain('');
  });

  it('finds sha512crypt hashes of listed passwords and of the account’s own name', async () => {
    const { findings, tested } = await weak();
    // alice: "password123" (in the list); carol: "carol" (her own name). root and toor: strong.
    expect(findings.map((f) => f.fingerprint)).toEqual(['weak-password:alice', 'weak-password:carol']);
    expect(findings[0]).toEqual({
      fingerprint: 'weak-password:alice',
      type: 'WEAK_PASSWORD',
      severity: 'HIGH',
      title: 'Account "alice" has a weak password',
      remediation: expect.stringContaining('passwd alice'),
      detail: { account: 'alice' },
    });
    expect(tested).toBe(4);
  });

  it('never puts the hash, its salt or the password in a finding', async () => {
    const { findings, root } = await weak();
    const shadow = fs.readFileSync(path.join(root, 'etc/shadow'), 'utf8');
    const aliceHash = /^alice:([^:]+):/m.exec(shadow)![1]!;
    const text = JSON.stringify(findings);
    expect(findings.length).toBeGreaterThan(0);
    for (const secret of [aliceHash, aliceHash.split('$')[2]!, aliceHash.split('$')[3]!, 'password123', '$6$']) {
      expect(text).not.toContain(secret);
    }
  });

  it('finds nothing on the hardened host', async () => {
    const { findings, tested } = await weakOn(copyHost('debian-hardened'));
    expect(findings).toEqual([]);
    expect(tested).toBe(1); // alice's $6$; bob's is yescrypt, the rest have no password
  });

  it('counts yescrypt hashes as not tested, with a note, instead of passing them silently', async () => {
    const { notTested, ctx } = await weak();
    // bob's yescrypt hash is of "123456", which the check cannot compute
    expect(notTested).toEqual({ yescrypt: 1 });
    expect(ctx.skips.counts['weakPassword.notTested.yescrypt']).toBe(1);
    expect(ctx.skips.notes.join('\n')).toMatch(/yescrypt \(\$y\$\) password hash\(es\) not tested/);
  });

  it('does not call an empty password weak (it is a risky account) and skips locked ones', async () => {
    const { findings, ctx } = await weak();
    expect(findings.map((f) => f.detail?.account)).not.toContain('guest');
    // oldadmin's "!$6$…" is alice's weak hash, locked: it cannot be used to log in
    expect(findings.map((f) => f.detail?.account)).not.toContain('oldadmin');
    expect(ctx.skips.counts['weakPassword.locked']).toBe(1);
  });

  it('tests $5$ hashes too and classifies the other schemes', async () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/passwd': 'web:x:1000:1000::/home/web:/bin/bash\n',
      'etc/shadow': 'web:$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5:19000:0:99999:7:::\n',
    });
    const { findings } = await weakOn(root, ['Hello world!']);
    expect(findings.map((f) => f.fingerprint)).toEqual(['weak-password:web']);
    expect(hashScheme('$y$j9T$a$b')).toBe('yescrypt');
    expect(hashScheme('$2b$10$abc')).toBe('bcrypt');
    expect(hashScheme('$1$abc$def')).toBe('md5crypt');
    expect(hashScheme('abJnggxhB/yWI')).toBe('descrypt');
    expect(hashScheme('!')).toBe('locked');
    expect(hashScheme('')).toBe('empty');
  });
});
