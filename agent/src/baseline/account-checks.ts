/**
 * Built-in rules over the account databases (the `accounts` rule kind). Only account names and
 * facts about them go into a finding, never a hash.
 */

import { hasEmptyPassword, isLoginShell, type UserDb } from '../collectors/users.js';
import type { HostRoot } from '../host-root.js';
import { readKeyValueFile } from './config-files.js';
import { fail, type Outcome, PASS } from './outcome.js';
import type { Rule } from './policy.js';

type AccountRule = Extract<Rule, { kind: 'accounts' }>['rule'];

/** Accounts that exist to run a command at login, not to log in (CIS excludes them too). */
const SPECIAL_SYSTEM_ACCOUNTS = new Set(['root', 'sync', 'shutdown', 'halt']);

export function evaluateAccounts(rule: AccountRule, db: UserDb, root: HostRoot): Outcome {
  const result = (accounts: string[], extra: Record<string, unknown> = {}) =>
    accounts.length === 0 ? PASS : fail({ accounts: [...new Set(accounts)], ...extra });
  switch (rule) {
    case 'uid0_only_root':
      return result(db.passwd.filter((p) => p.uid === 0 && p.name !== 'root').map((p) => p.name));
    case 'no_empty_passwords':
      return result(db.passwd.filter((p) => hasEmptyPassword(db, p)).map((p) => p.name));
    case 'shadowed_passwords':
      return result(db.passwd.filter((p) => p.password !== 'x').map((p) => p.name));
    case 'no_duplicate_uids': {
      const dup = duplicates(db.passwd.map((p) => String(p.uid)));
      return result(
        db.passwd.filter((p) => dup.has(String(p.uid))).map((p) => p.name),
        { uids: [...dup].map(Number) },
      );
    }
    case 'no_duplicate_names': {
      const dup = duplicates(db.passwd.map((p) => p.name));
      return result([...dup]);
    }
    case 'system_accounts_no_login': {
      // System accounts are those below UID_MIN (login.defs, 1000 by default).
      const uidMin = Number(readKeyValueFile(root, 'etc/login.defs', 'space')?.get('UID_MIN')?.value ?? 1000) || 1000;
      return result(
        db.passwd
          .filter((p) => p.uid < uidMin && !SPECIAL_SYSTEM_ACCOUNTS.has(p.name) && isLoginShell(p.shell))
          .map((p) => p.name),
      );
    }
    case 'root_gid_0': {
      const root0 = db.passwd.find((p) => p.name === 'root');
      return root0 && root0.gid !== 0 ? fail({ accounts: ['root'], gid: root0.gid }) : PASS;
    }
  }
}

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return dup;
}
