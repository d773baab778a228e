/**
 * Weak-password detection: each password hash in etc/shadow is tested against a shipped list of
 * common passwords (and the account's own name). Only the account name and the fact "weak" ever
 * leave the host — the finding carries neither the hash nor the password that matched.
 *
 * SHA-crypt ($6$, and $5$ since it is the same algorithm) is computed here. yescrypt ($y$, the
 * default of Debian 11+ and recent Fedora/Ubuntu) is not: there is no maintained yescrypt library
 * on the npm registry, so those hashes are counted as not tested instead of silently passing.
 * Empty passwords are not "weak" but missing; the baseline's accounts rule reports them as a
 * risky account.
 */
import fs from 'node:fs';
import { FindingType, Severity } from '@hss/schema';
import type { UserDb } from '../collectors/users.js';
import type { ScanContext } from '../host-root.js';
import type { Finding } from '../types.js';
import { verifyShaCrypt } from './sha-crypt.js';

/** How a hash is made, from its prefix (crypt(5)). */
export function hashScheme(hash: string): string {
  if (hash === '') return 'empty';
  if (hash.startsWith('!') || hash.startsWith('*')) return 'locked';
  const m = /^\$([0-9a-z]+)\$/.exec(hash);
  if (m) {
    const ids: Record<string, string> = {
      '1': 'md5crypt',
      '2a': 'bcrypt',
      '2b': 'bcrypt',
      '2y': 'bcrypt',
      '5': 'sha256crypt',
      '6': 'sha512crypt',
      y: 'yescrypt',
      gy: 'gost-yescrypt',
      '7': 'scrypt',
    };
    return ids[m[1]!] ?? 'unknown';
  }
  if (/^[./0-9A-Za-z]{13}$/.test(hash)) return 'descrypt';
  return 'unknown';
}

const TESTED = new Set(['sha512crypt', 'sha256crypt']);

/** The shipped list: one password a line; blank lines and "#" comments ignored; duplicates dropped. */
export function loadPasswordList(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [
    ...new Set(
      text
        .split('\n')
        .map((l) => l.replace(/\r$/, ''))
        .filter((l) => l !== '' && !l.startsWith('#')),
    ),
  ];
}

export interface WeakPasswordOptions {
  /** Let other work run every this many hashes computed (a hash takes a few ms). */
  yieldEvery?: number;
}

export interface WeakPasswordResult {
  findings: Finding[];
  /** Hashes tested against the list. */
  tested: number;
  /** Hashes of schemes this check cannot compute, by scheme. */
  notTested: Record<string, number>;
}

export async function findWeakPasswords(
  ctx: ScanContext,
  db: UserDb,
  candidates: readonly string[],
  opts: WeakPasswordOptions = {},
): Promise<WeakPasswordResult> {
  const yieldEvery = opts.yieldEvery ?? 16;
  const findings: Finding[] = [];
  const notTested: Record<string, number> = {};
  let computed = 0;
  let tested = 0;
  for (const entry of db.shadow.values()) {
    const scheme = hashScheme(entry.hash);
    if (scheme === 'empty') continue;
    if (scheme === 'locked') {
      // "!" or "*" alone: no password at all. "!$6$…": a locked account; it cannot log in with it.
      if (entry.hash.length > 2) ctx.skips.add('weakPassword.locked');
      continue;
    }
    if (!TESTED.has(scheme)) {
      notTested[scheme] = (notTested[scheme] ?? 0) + 1;
      continue;
    }
    tested++;
    let weak = false;
    for (const candidate of [entry.name, ...candidates]) {
      if (++computed % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
      if (verifyShaCrypt(candidate, entry.hash)) {
        weak = true;
        break;
      }
    }
    if (weak) findings.push(weakPasswordFinding(entry.name));
  }
  for (const [scheme, n] of Object.entries(notTested)) {
    ctx.skips.add(`weakPassword.notTested.${scheme}`, n);
    ctx.skips.note(
      scheme === 'yescrypt'
        ? `${n} yescrypt ($y$) password hash(es) not tested: no maintained yescrypt implementation exists for Node.js.`
        : `${n} ${scheme} password hash(es) not tested: the scheme is not supported by the weak-password check.`,
    );
  }
  return { findings, tested, notTested };
}

/** The finding for one account: its name and "weak", nothing about the password itself. */
export function weakPasswordFinding(account: string): Finding {
  return {
    fingerprint: `weak-password:${account}`,
    type: FindingType.WEAK_PASSWORD,
    severity: Severity.HIGH,
    title: `Account "${account}" has a weak password`,
    remediation: `Set a strong, unique password for "${account}" (passwd ${account}), or lock the password (passwd -l ${account}) and log in with SSH keys.`,
    detail: { account },
  };
}
