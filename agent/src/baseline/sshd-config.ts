/**
 * The global settings of sshd_config as sshd itself resolves them:
 * - keywords are case-insensitive, written "Key value" or "Key=value";
 * - the first value obtained for a keyword wins (sshd_config(5)), so a drop-in under
 *   sshd_config.d included at the top overrides the main file's later lines — the usual trap;
 * - Include takes glob patterns (relative ones below etc/ssh), expanded in lexical order and read
 *   in place, nested up to 16 deep as sshd allows;
 * - lines after a Match apply to some connections only, so they are not global settings; a
 *   Match in an included file ends with that file, and "Match all" ends a Match block.
 */
import type { HostRoot } from '../host-root.js';

export const SSHD_CONFIG = 'etc/ssh/sshd_config';
const MAX_INCLUDE_DEPTH = 16;

export interface SshdSetting {
  value: string;
  /** Host path and line, for the finding's detail. */
  file: string;
  line: number;
}

/** Lower-cased keyword → its effective global setting. undefined when sshd_config is absent. */
export function readSshdConfig(root: HostRoot): Map<string, SshdSetting> | undefined {
  if (root.readText(SSHD_CONFIG) === undefined) return undefined;
  const settings = new Map<string, SshdSetting>();
  parseFile(root, SSHD_CONFIG, false, 0, settings);
  return settings;
}

function parseFile(root: HostRoot, file: string, inMatch: boolean, depth: number, settings: Map<string, SshdSetting>): void {
  const text = root.readText(file);
  if (text === undefined || depth > MAX_INCLUDE_DEPTH) return;
  let active = !inMatch;
  for (const [i, raw] of text.split('\n').entries()) {
    const parsed = parseLine(raw);
    if (!parsed) continue;
    const { key, value } = parsed;
    if (key === 'match') {
      active = !inMatch && value.trim().toLowerCase() === 'all';
      continue;
    }
    if (key === 'include') {
      for (const pattern of splitArgs(value)) {
        const abs = pattern.startsWith('/') ? pattern.slice(1) : `etc/ssh/${pattern}`;
        for (const inc of expandGlob(root, abs)) parseFile(root, inc, !active, depth + 1, settings);
      }
      continue;
    }
    if (active && !settings.has(key)) settings.set(key, { value, file: root.display(file), line: i + 1 });
  }
}

/** "Key value", "Key=value", "Key = value"; comments and blank lines give undefined. */
export function parseLine(raw: string): { key: string; value: string } | undefined {
  const line = raw.replace(/\r$/, '').trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const m = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*)$/.exec(line);
  if (!m) return undefined;
  // A '#' that starts a word begins a trailing comment.
  const value = m[2]!.replace(/(^|\s)#.*$/, '').trim();
  return { key: m[1]!.toLowerCase(), value: value.replace(/^"(.*)"$/, '$1') };
}

function splitArgs(value: string): string[] {
  return (value.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"(.*)"$/, '$1'));
}

/** Expands *, ? and [..] per path segment, without following links out of the root; sorted. */
export function expandGlob(root: HostRoot, pattern: string): string[] {
  let paths = [''];
  for (const segment of pattern.split('/').filter(Boolean)) {
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?[]/.test(segment)) {
        next.push(base ? `${base}/${segment}` : segment);
        continue;
      }
      const re = globToRegExp(segment);
      for (const name of root.list(base || '.')) {
        if (re.test(name) && !(name.startsWith('.') && !segment.startsWith('.'))) next.push(base ? `${base}/${name}` : name);
      }
    }
    paths = next;
  }
  return paths.filter((p) => root.stat(p)?.isFile()).sort();
}

function globToRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
