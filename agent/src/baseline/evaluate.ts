/** Runs a baseline policy against a host root and turns failed checks into findings. */
import { FindingType } from '@hss/schema';
import type { UserDb } from '../collectors/users.js';
import type { ScanContext } from '../host-root.js';
import type { Finding } from '../types.js';
import { evaluateAccounts } from './account-checks.js';
import { fileAbsent, fileContains, fileMode, worldWritable } from './file-checks.js';
import type { Outcome } from './outcome.js';
import type { Check, Policy } from './policy.js';
import { evaluateSetting, SettingSources } from './setting-checks.js';

export interface CheckResult {
  id: string;
  status: Outcome['status'];
}

export interface BaselineResult {
  findings: Finding[];
  results: CheckResult[];
}

export function runBaseline(policy: Policy, ctx: ScanContext, db: UserDb): BaselineResult {
  const sources = new SettingSources(ctx.root);
  const findings: Finding[] = [];
  const results: CheckResult[] = [];
  for (const check of policy.checks) {
    let outcome: Outcome;
    try {
      outcome = evaluateCheck(check, ctx, db, sources);
    } catch (err) {
      // A check that cannot be evaluated is not a finding; it is counted so it is not silent.
      ctx.skips.add('baseline.checkError');
      ctx.skips.note(`Check ${check.id} could not be evaluated: ${(err as Error).message}`);
      results.push({ id: check.id, status: 'not_applicable' });
      continue;
    }
    results.push({ id: check.id, status: outcome.status });
    if (outcome.status === 'fail') findings.push(toFinding(check, outcome.detail));
  }
  return { findings, results };
}

export function evaluateCheck(check: Check, ctx: ScanContext, db: UserDb, sources = new SettingSources(ctx.root)): Outcome {
  const rule = check.rule;
  switch (rule.kind) {
    case 'sshd_config':
    case 'login_defs':
    case 'key_value':
    case 'sysctl':
      return evaluateSetting(rule, sources, ctx.root);
    case 'file_mode':
      return fileMode(rule, ctx, db);
    case 'world_writable':
      return worldWritable(rule, ctx);
    case 'file_absent':
      return fileAbsent(rule, ctx);
    case 'file_contains':
      return fileContains(rule, ctx);
    case 'accounts':
      return evaluateAccounts(rule.rule, db, ctx.root);
  }
}

function toFinding(check: Check, detail: Record<string, unknown>): Finding {
  const type =
    check.findingType ?? (check.rule.kind === 'accounts' ? FindingType.RISKY_ACCOUNT : FindingType.UNSAFE_CONFIGURATION);
  return {
    fingerprint: `baseline:${check.id}`,
    type,
    severity: check.severity,
    title: check.title,
    remediation: check.remediation,
    detail: { checkId: check.id, ...detail, rationale: check.rationale },
  };
}
