import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY_FILE, loadPolicy, PolicyError, parsePolicy } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixture.js';

const good = {
  id: 'ssh.x',
  title: 'Something',
  severity: 'HIGH',
  rationale: 'Because.',
  remediation: 'Fix it.',
  rule: { kind: 'sshd_config', key: 'PermitRootLogin', expect: { in: ['no'] } },
};
const policyWith = (...checks: unknown[]) => ({ version: 1, name: 'test', checks });
const errorOf = (raw: unknown): string => {
  try {
    parsePolicy(raw, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as Error).message;
  }
  throw new Error('the policy was accepted');
};

describe('baseline policy file', () => {
  it('ships a valid CIS-style policy with at least 25 checks of every rule kind', () => {
    const policy = loadPolicy(DEFAULT_POLICY_FILE);
    expect(policy.checks.length).toBeGreaterThanOrEqual(25);
    const kinds = new Set(policy.checks.map((c) => c.rule.kind));
    expect([...kinds].sort()).toEqual(
      [
        'accounts',
        'file_absent',
        'file_contains',
        'file_mode',
        'key_value',
        'login_defs',
        'sshd_config',
        'sysctl',
        'world_writable',
      ].sort(),
    );
    const ids = policy.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const key of [
      'PermitRootLogin',
      'PasswordAuthentication',
      'PermitEmptyPasswords',
      'MaxAuthTries',
      'X11Forwarding',
      'LoginGraceTime',
      'ClientAliveInterval',
    ]) {
      expect(
        policy.checks.some((c) => c.rule.kind === 'sshd_config' && c.rule.key === key),
        key,
      ).toBe(true);
    }
  });

  it('names the check and the field that are wrong', () => {
    expect(
      errorOf(policyWith(good, { ...good, id: 'file.bad', rule: { kind: 'file_mode', path: 'etc/shadow', maxMode: '999' } })),
    ).toMatch(/check "file\.bad" \(checks\[1\]\): rule\.maxMode: an octal mode/);
    expect(errorOf(policyWith({ ...good, rule: { ...good.rule, expect: {} } }))).toMatch(
      /check "ssh\.x" \(checks\[0\]\): rule\.expect: needs at least one of/,
    );
    expect(errorOf(policyWith({ ...good, rule: { kind: 'registry', key: 'x' } }))).toMatch(
      /check "ssh\.x" \(checks\[0\]\): rule\.kind/,
    );
    expect(errorOf(policyWith({ ...good, severity: 'URGENT' }))).toMatch(/check "ssh\.x" \(checks\[0\]\): severity/);
    expect(errorOf(policyWith(good, good))).toMatch(/check "ssh\.x" \(checks\[1\]\): id: duplicate check id "ssh\.x"/);
    expect(errorOf(policyWith({ ...good, rule: { kind: 'file_contains', path: 'etc/x', pattern: '(', must: 'match' } }))).toMatch(
      /rule\.pattern: not a valid regular expression/,
    );
    // a misspelt field is an error, not silently ignored
    expect(errorOf(policyWith({ ...good, rule: { ...good.rule, defualt: 'no' } }))).toMatch(
      /check "ssh\.x" \(checks\[0\]\): rule: .*defualt/,
    );
    expect(errorOf(policyWith({ ...good, rule: { kind: 'file_absent', paths: ['/etc/hosts.equiv'] } }))).toMatch(
      /rule\.paths\.0: a path below the root/,
    );
    expect(errorOf(policyWith({ ...good, id: undefined }))).toMatch(/checks\[0\]: id/);
    expect(errorOf({ version: 2, name: 'x', checks: [good] })).toMatch(/version/);
  });

  it('reports files that are missing or not JSON', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ "version": 1, ');
    expect(() => loadPolicy(bad)).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadPolicy(path.join(dir, 'none.json'))).toThrow(/Cannot read the baseline policy/);
  });
});
