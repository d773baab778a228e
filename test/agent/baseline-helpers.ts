/** Runs checks of the shipped policy (or ad-hoc ones) against a root. */
import {
  type Check,
  DEFAULT_POLICY_FILE,
  evaluateCheck,
  loadPolicy,
  type Outcome,
  parsePolicy,
  readUserDb,
  runBaseline,
  scanContext,
} from '@hss/agent';

export const policy = loadPolicy(DEFAULT_POLICY_FILE);

export function shipped(id: string): Check {
  const check = policy.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} in the shipped policy`);
  return check;
}

export function evaluate(root: string, check: Check | string): Outcome {
  const ctx = scanContext(root);
  return evaluateCheck(typeof check === 'string' ? shipped(check) : check, ctx, readUserDb(ctx.root, ctx.skips));
}

/** Ids of the shipped checks of one family (id prefix) with their status on a root. */
export function statuses(root: string, prefix: string): Record<string, Outcome['status']> {
  const out: Record<string, Outcome['status']> = {};
  for (const c of policy.checks.filter((c) => c.id.startsWith(prefix))) out[c.id] = evaluate(root, c).status;
  return out;
}

/** A one-check policy, validated like the shipped one. */
export function adHoc(rule: unknown, id = 'test.check'): Check {
  return parsePolicy({
    version: 1,
    name: 'test',
    checks: [{ id, title: 'Test check', severity: 'MEDIUM', rationale: 'For a test.', remediation: 'None.', rule }],
  }).checks[0]!;
}

export function findingsOf(root: string) {
  const ctx = scanContext(root);
  return runBaseline(policy, ctx, readUserDb(ctx.root, ctx.skips));
}
