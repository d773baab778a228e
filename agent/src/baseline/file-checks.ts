/** Checks about files themselves: permissions and owners, world-writable files, absent files, contents. */
import type { UserDb } from '../collectors/users.js';
import type { ScanContext } from '../host-root.js';
import { fail, notApplicable, type Outcome, PASS } from './outcome.js';
import type { Rule } from './policy.js';

/** S_ISVTX: in a sticky folder only a file's owner may remove or rename it (/tmp). */
const STICKY = 0o1000;

type RuleOf<K extends Rule['kind']> = Extract<Rule, { kind: K }>;

const octal = (mode: number) => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;

/**
 * No permission bit beyond maxMode (mode & ~maxMode must be 0), and owner/group among the names
 * given. Owners are named through the scanned root's own passwd/group, so a fixture tree is judged
 * by its accounts. Links are judged as themselves, not followed.
 */
export function fileMode(rule: RuleOf<'file_mode'>, ctx: ScanContext, db: UserDb): Outcome {
  const st = ctx.root.lstat(rule.path);
  const file = ctx.root.display(rule.path);
  if (!st) return rule.optional ? notApplicable(`${file} does not exist`) : fail({ file, found: 'missing' });
  const max = Number.parseInt(rule.maxMode, 8);
  const problems: string[] = [];
  const mode = st.mode & 0o7777;
  if ((mode & ~max) !== 0) problems.push(`mode ${octal(mode)} allows more than ${octal(max)}`);
  const owner = db.nameOfUid(st.uid) ?? `#${st.uid}`;
  if (rule.owner && !rule.owner.includes(owner)) problems.push(`owner ${owner}, expected ${rule.owner.join(' or ')}`);
  const group = db.groups.find((g) => g.gid === st.gid)?.name ?? `#${st.gid}`;
  if (rule.group && !rule.group.includes(group)) problems.push(`group ${group}, expected ${rule.group.join(' or ')}`);
  return problems.length ? fail({ file, mode: octal(mode), owner, group, problem: problems.join('; ') }) : PASS;
}

/** Entries visited at most, so a huge tree cannot stall a scan; reaching it is counted. */
const WALK_LIMIT = 200_000;
const LISTED = 20;

/**
 * World-writable regular files, and world-writable folders without the sticky bit, below the
 * given folders. Links are not followed (a link's own mode is always 0777 and means nothing).
 */
export function worldWritable(rule: RuleOf<'world_writable'>, ctx: ScanContext): Outcome {
  const { root } = ctx;
  const found: string[] = [];
  let visited = 0;
  const excluded = (rel: string) => rule.exclude.some((e) => rel === e || rel.startsWith(`${e}/`));
  // A folder reached through a link (bin → usr/bin, lib → usr/lib on merged-/usr systems) is
  // walked where it really is, if listed, and not twice.
  const stack = rule.dirs.filter((d) => root.resolveLink(d) === root.display(d)).reverse();
  while (stack.length > 0) {
    const rel = stack.pop()!;
    if (excluded(rel)) continue;
    if (++visited > WALK_LIMIT) {
      ctx.skips.add('baseline.worldWritableWalkLimit');
      ctx.skips.note(`The world-writable search stopped after ${WALK_LIMIT} entries; the rest were not checked.`);
      break;
    }
    const st = root.lstat(rel);
    if (!st || st.isSymbolicLink()) continue;
    const writable = (st.mode & 0o002) !== 0;
    if (st.isDirectory()) {
      if (writable && (st.mode & STICKY) === 0) found.push(`${root.display(rel)}/`);
      const children = root.list(rel);
      for (let i = children.length - 1; i >= 0; i--) stack.push(`${rel}/${children[i]}`);
    } else if (st.isFile() && writable) {
      found.push(root.display(rel));
    }
  }
  if (found.length === 0) return PASS;
  return fail({ count: found.length, files: found.slice(0, LISTED), ...(found.length > LISTED ? { truncated: true } : {}) });
}

export function fileAbsent(rule: RuleOf<'file_absent'>, ctx: ScanContext): Outcome {
  const present = rule.paths.filter((p) => ctx.root.lstat(p) !== undefined).map((p) => ctx.root.display(p));
  return present.length ? fail({ present }) : PASS;
}

/** A multi-line regular expression over a file; the finding names the first offending line. */
export function fileContains(rule: RuleOf<'file_contains'>, ctx: ScanContext): Outcome {
  const text = ctx.root.readText(rule.path);
  const file = ctx.root.display(rule.path);
  if (text === undefined) {
    return rule.whenFileMissing === 'pass' ? notApplicable(`${file} does not exist`) : fail({ file, found: 'missing' });
  }
  const m = new RegExp(rule.pattern, 'm').exec(text);
  if (rule.must === 'match') return m ? PASS : fail({ file, problem: `no line matches ${rule.pattern}` });
  if (!m) return PASS;
  const line = text.slice(0, m.index).split('\n').length;
  return fail({ file, line, found: m[0].trim().slice(0, 200) });
}
