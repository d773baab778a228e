/**
 * Who may use sudo: users named in etc/sudoers and etc/sudoers.d/* (directly, through %group,
 * %#gid, #uid or a User_Alias), plus every member of the sudo and wheel groups (Debian and Red
 * Hat grant those in their default sudoers; we count them even when a custom sudoers does not,
 * because the group membership is the intent an operator sees).
 *
 * This is a reader for an inventory flag, not a sudoers evaluator: host and command lists are
 * not interpreted (sudo for one command is still sudo) and negated entries ("!bob") are ignored.
 */
import type { HostRoot, Skips } from '../host-root.js';
import { groupMembers, type UserDb } from './users.js';

const ADMIN_GROUPS = ['sudo', 'wheel'];
const ALIAS_KINDS = ['User_Alias', 'Runas_Alias', 'Host_Alias', 'Cmnd_Alias', 'Cmd_Alias'];

/** Names of accounts with sudo rights (a rule for ALL users names every account). */
export function sudoUsers(root: HostRoot, db: UserDb, skips: Skips): Set<string> {
  const users = new Set<string>();
  for (const g of db.groups) {
    if (ADMIN_GROUPS.includes(g.name)) for (const m of groupMembers(db, g)) users.add(m);
  }
  const lines = sudoersFiles(root).flatMap((file) => logicalLines(root.readText(file) ?? ''));
  const userAliases = new Map<string, string[]>();
  const specs: string[][] = [];
  for (const line of lines) {
    const words = line.split(/\s+/);
    const first = words[0]!;
    if (first.startsWith('Defaults') || first.startsWith('@include') || /^#include/.test(first)) continue;
    if (ALIAS_KINDS.includes(first)) {
      if (first === 'User_Alias') {
        // User_Alias NAME = a, b : NAME2 = c
        for (const def of line.slice(first.length).split(':')) {
          const m = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*)$/.exec(def);
          if (m) userAliases.set(m[1]!, splitList(m[2]!));
          else skips.add('accounts.malformedSudoersLine');
        }
      }
      continue;
    }
    // User_List Host_List = … ; lists may have spaces after their commas.
    const m = /^(.*?)\s+[^\s=]+(?:\s*,\s*[^\s=]+)*\s*=/.exec(line.replace(/\s*,\s*/g, ','));
    if (!m) {
      skips.add('accounts.malformedSudoersLine');
      continue;
    }
    specs.push(splitList(m[1]!));
  }
  const expand = (item: string, depth: number): string[] => {
    if (depth > 8) return [];
    const alias = userAliases.get(item);
    return alias ? alias.flatMap((a) => expand(a, depth + 1)) : [item];
  };
  for (const spec of specs) {
    for (const item of spec.flatMap((i) => expand(i, 0))) {
      if (item.startsWith('!') || item.startsWith('+')) continue;
      if (item === 'ALL') {
        for (const p of db.passwd) users.add(p.name);
      } else if (item.startsWith('%#')) {
        const group = db.groups.find((g) => String(g.gid) === item.slice(2));
        if (group) for (const m of groupMembers(db, group)) users.add(m);
      } else if (item.startsWith('%')) {
        const name = item.slice(1).replace(/^:/, '');
        const group = db.groups.find((g) => g.name === name);
        if (group) for (const m of groupMembers(db, group)) users.add(m);
      } else if (item.startsWith('#')) {
        const name = db.nameOfUid(Number(item.slice(1)));
        if (name) users.add(name);
      } else {
        users.add(unquote(item));
      }
    }
  }
  return users;
}

/** etc/sudoers, then etc/sudoers.d files the way sudo's includedir takes them (no '.' or '~'). */
function sudoersFiles(root: HostRoot): string[] {
  const files = ['etc/sudoers'];
  for (const name of root.list('etc/sudoers.d')) {
    if (name.includes('.') || name.endsWith('~')) continue;
    files.push(`etc/sudoers.d/${name}`);
  }
  return files;
}

/** Joins backslash continuations, drops comments (but not "#123" uids) and blank lines. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\r$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    line = pending + line;
    pending = '';
    const trimmed = line.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && !/^#\d/.test(trimmed))) continue;
    out.push(trimmed.replace(/\s+#(?!\d).*$/, ''));
  }
  if (pending.trim()) out.push(pending.trim());
  return out;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
}
