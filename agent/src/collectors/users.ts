/**
 * The account databases: etc/passwd, etc/shadow, etc/group. Parsed once per scan and shared by
 * the account collector, the process collector (uid → name), the account checks and the weak
 * password check. Lines that do not parse are skipped and counted, never fatal: a truncated
 * passwd line must not hide every other account.
 */
import type { HostRoot, Skips } from '../host-root.js';

export interface PasswdEntry {
  name: string;
  /** The passwd password field: 'x' when the hash is in shadow. */
  password: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface ShadowEntry {
  name: string;
  /** The hash field as found. Never leaves the host. */
  hash: string;
  /** Days since 1970-01-01 of the last change; undefined when empty. */
  lastChange: number | undefined;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export interface UserDb {
  passwd: PasswdEntry[];
  shadow: Map<string, ShadowEntry>;
  groups: GroupEntry[];
  /** uid → first name with it, as getpwuid answers. */
  nameOfUid(uid: number): string | undefined;
}

const NAME = /^[A-Za-z0-9._][A-Za-z0-9._-]*\$?$/;
const ID = /^\d{1,10}$/;

export function readUserDb(root: HostRoot, skips: Skips): UserDb {
  const passwd = parsePasswd(root.readText('etc/passwd') ?? '', skips);
  const shadow = parseShadow(root.readText('etc/shadow') ?? '', skips);
  const groups = parseGroup(root.readText('etc/group') ?? '', skips);
  const byUid = new Map<number, string>();
  for (const p of passwd) if (!byUid.has(p.uid)) byUid.set(p.uid, p.name);
  return { passwd, shadow, groups, nameOfUid: (uid) => byUid.get(uid) };
}

/** Lines of a colon file worth parsing: not empty, not comments, not NIS "+"/"-" compat entries. */
function dataLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('+') && !l.startsWith('-'));
}

export function parsePasswd(text: string, skips: Skips): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of dataLines(text)) {
    const f = line.replace(/\r$/, '').split(':');
    if (f.length !== 7 || !NAME.test(f[0]!) || !ID.test(f[2]!) || !ID.test(f[3]!)) {
      skips.add('accounts.malformedPasswdLine');
      continue;
    }
    out.push({ name: f[0]!, password: f[1]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]!, shell: f[6]! });
  }
  return out;
}

export function parseShadow(text: string, skips: Skips): Map<string, ShadowEntry> {
  const out = new Map<string, ShadowEntry>();
  for (const line of dataLines(text)) {
    const f = line.replace(/\r$/, '').split(':');
    // 9 fields by shadow(5); accept any count from 2 so an old or trimmed file still yields hashes.
    if (f.length < 2 || f.length > 9 || !NAME.test(f[0]!) || (f[2] && !/^\d{1,6}$/.test(f[2]))) {
      skips.add('accounts.malformedShadowLine');
      continue;
    }
    if (out.has(f[0]!)) continue; // the first entry is the one that counts, as for getspnam
    out.set(f[0]!, { name: f[0]!, hash: f[1]!, lastChange: f[2] ? Number(f[2]) : undefined });
  }
  return out;
}

export function parseGroup(text: string, skips: Skips): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of dataLines(text)) {
    const f = line.replace(/\r$/, '').split(':');
    if (f.length !== 4 || !NAME.test(f[0]!) || !ID.test(f[2]!)) {
      skips.add('accounts.malformedGroupLine');
      continue;
    }
    out.push({ name: f[0]!, gid: Number(f[2]), members: f[3]!.split(',').filter(Boolean) });
  }
  return out;
}

/** Names of every account in a group: its member list plus accounts whose primary group it is. */
export function groupMembers(db: UserDb, group: GroupEntry): Set<string> {
  const members = new Set(group.members);
  for (const p of db.passwd) if (p.gid === group.gid) members.add(p.name);
  return members;
}

/** The shell lets the account log in: not nologin/false (an empty shell means /bin/sh). */
export function isLoginShell(shell: string): boolean {
  const base = shell.trim().split('/').pop() ?? '';
  return base !== 'nologin' && base !== 'false';
}

/**
 * The account has no password at all: anyone may log in as it where the service allows empty
 * passwords. An empty shadow hash, or an empty passwd field without a shadow entry.
 */
export function hasEmptyPassword(db: UserDb, p: PasswdEntry): boolean {
  const shadow = db.shadow.get(p.name);
  if (p.password === 'x' && shadow) return shadow.hash === '';
  return p.password === '';
}
