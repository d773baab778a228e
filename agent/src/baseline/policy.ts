/**
 * The baseline policy: configuration checks as data (agent/policies/cis-linux.json), so a check
 * can be added or tuned without code. This file is the rule language's definition; the
 * evaluators live beside it (evaluate.ts). The file is validated at load and a mistake is
 * reported with the check's id and the field that is wrong, because a policy that silently
 * checks nothing is worse than one that does not load.
 *
 * A check: { id, title, severity, rationale, remediation, rule }. Rule kinds:
 * - sshd_config {key, expect, default?}: the effective global value of an sshd option (first
 *   value wins, Include followed, Match blocks skipped); `default` is OpenSSH's built-in value.
 * - login_defs {key, expect, default?}: a setting of etc/login.defs (last value wins).
 * - key_value {path, key, separator: "=" | "space", expect, default?, whenFileMissing?}: any
 *   simple "key = value" file, e.g. etc/security/pwquality.conf.
 * - sysctl {key, expect, default?}: the value configured in etc/sysctl.conf and the sysctl.d
 *   folders (systemd-sysctl's order), else the running value in proc/sys, else `default`.
 * - file_mode {path, maxMode, owner?, group?, optional?}: no permission bit beyond maxMode, and
 *   the owner/group among the names given. `optional`: a missing file passes.
 * - world_writable {dirs, exclude?}: no world-writable file (nor world-writable directory without
 *   the sticky bit) below the folders.
 * - file_absent {paths}: none of the files exists.
 * - file_contains {path, pattern, must: "match" | "not_match", whenFileMissing?}: a multi-line
 *   regular expression over a file.
 * - accounts {rule}: a built-in rule over passwd/shadow (uid0_only_root, no_empty_passwords, …).
 *
 * `expect` holds one or more of: in, notIn, equals (case-insensitive), min, max (numbers; sshd
 * time values like "1m30s" are read as seconds), noneOf (the value is a comma list that must not
 * contain any of these: weak ciphers), octalIncludes (an octal value that must have all these
 * bits: umask "027"). All given must hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FindingType, Severity } from '@hss/schema';
import { z } from 'zod';

const scalar = z.union([z.string(), z.number()]);
const relPath = z
  .string()
  .min(1)
  .regex(/^[^/]/, 'a path below the root, without a leading "/" (e.g. "etc/shadow")')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

export const Expect = z
  .strictObject({
    in: z.array(scalar).min(1).optional(),
    notIn: z.array(scalar).min(1).optional(),
    equals: scalar.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    noneOf: z.array(z.string().min(1)).min(1).optional(),
    octalIncludes: z
      .string()
      .regex(/^0?[0-7]{3}$/, 'an octal mode such as "027"')
      .optional(),
  })
  .refine((e) => Object.values(e).some((v) => v !== undefined), {
    message: 'needs at least one of in, notIn, equals, min, max, noneOf, octalIncludes',
  });
export type Expect = z.infer<typeof Expect>;

const whenFileMissing = z.enum(['pass', 'fail']);

export const Rule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('sshd_config'),
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
    expect: Expect,
    default: scalar.optional(),
  }),
  z.strictObject({
    kind: z.literal('login_defs'),
    key: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    expect: Expect,
    default: scalar.optional(),
  }),
  z.strictObject({
    kind: z.literal('key_value'),
    path: relPath,
    key: z.string().min(1),
    separator: z.enum(['=', 'space']),
    expect: Expect,
    default: scalar.optional(),
    whenFileMissing: whenFileMissing.default('fail'),
  }),
  z.strictObject({
    kind: z.literal('sysctl'),
    key: z.string().regex(/^[a-z0-9_.-]+$/),
    expect: Expect,
    default: scalar.optional(),
  }),
  z.strictObject({
    kind: z.literal('file_mode'),
    path: relPath,
    maxMode: z.string().regex(/^0?[0-7]{3,4}$/, 'an octal mode such as "0640"'),
    owner: z.array(z.string().min(1)).min(1).optional(),
    group: z.array(z.string().min(1)).min(1).optional(),
    optional: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('world_writable'), dirs: z.array(relPath).min(1), exclude: z.array(relPath).default([]) }),
  z.strictObject({ kind: z.literal('file_absent'), paths: z.array(relPath).min(1) }),
  z.strictObject({
    kind: z.literal('file_contains'),
    path: relPath,
    pattern: z.string().min(1).refine(isRegExp, 'not a valid regular expression'),
    must: z.enum(['match', 'not_match']),
    whenFileMissing: whenFileMissing.default('pass'),
  }),
  z.strictObject({
    kind: z.literal('accounts'),
    rule: z.enum([
      'uid0_only_root',
      'no_empty_passwords',
      'shadowed_passwords',
      'no_duplicate_uids',
      'no_duplicate_names',
      'system_accounts_no_login',
      'root_gid_0',
    ]),
  }),
]);
export type Rule = z.infer<typeof Rule>;

export const Check = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,100}$/, 'lower case letters, digits and . _ - (e.g. "ssh.permit-root-login")'),
  title: z.string().min(1).max(512),
  severity: z.enum(Severity),
  rationale: z.string().min(1),
  remediation: z.string().min(1).max(4096),
  /** Defaults to RISKY_ACCOUNT for `accounts` rules and UNSAFE_CONFIGURATION for the rest. */
  findingType: z.enum([FindingType.UNSAFE_CONFIGURATION, FindingType.RISKY_ACCOUNT]).optional(),
  rule: Rule,
});
export type Check = z.infer<typeof Check>;

export const Policy = z
  .strictObject({
    version: z.literal(1),
    name: z.string().min(1),
    checks: z.array(Check).min(1),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.checks.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate check id "${c.id}"` });
      seen.add(c.id);
    });
  });
export type Policy = z.infer<typeof Policy>;

export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** Reads and validates a policy file; throws PolicyError with a message naming the check and field. */
export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new PolicyError(`Cannot read the baseline policy ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PolicyError(`The baseline policy ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parsePolicy(raw, path.basename(file));
}

export function parsePolicy(raw: unknown, name = 'policy'): Policy {
  const parsed = Policy.safeParse(raw);
  if (parsed.success) return parsed.data;
  const checks = (raw as { checks?: unknown })?.checks;
  const problems = parsed.error.issues.slice(0, 10).map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head === 'checks' && typeof index === 'number') {
      const id = Array.isArray(checks) ? (checks[index] as { id?: unknown })?.id : undefined;
      const which = typeof id === 'string' ? `check "${id}" (checks[${index}])` : `checks[${index}]`;
      return `${which}: ${rest.join('.') || '(check)'}: ${issue.message}`;
    }
    return `${issue.path.join('.') || '(file)'}: ${issue.message}`;
  });
  throw new PolicyError(`The baseline policy ${name} is invalid:\n  ${problems.join('\n  ')}`);
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'm');
    return true;
  } catch {
    return false;
  }
}
