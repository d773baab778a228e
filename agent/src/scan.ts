/**
 * One full scan of a host root: every collector, the baseline policy and the weak-password check.
 * The result is exactly what the agent reports (inventory payload, findings) plus the host facts
 * and statistics about what could not be read. Collectors never throw on bad input; if one fails
 * unexpectedly anyway, its list is empty and the failure is counted, and the scan goes on.
 */
import { setImmediate as nextTick } from 'node:timers/promises';
import type { HostFacts, MessageType, Payloads } from '@hss/schema';
import { runBaseline } from './baseline/evaluate.js';
import { loadPolicy, type Policy } from './baseline/policy.js';
import { collectAccounts } from './collectors/accounts.js';
import { collectAutostart } from './collectors/autostart.js';
import { collectPorts } from './collectors/ports.js';
import { collectProcesses } from './collectors/processes.js';
import { collectSoftware } from './collectors/software.js';
import { readUserDb } from './collectors/users.js';
import { readHostFacts } from './host-facts.js';
import { checkRoot, type ScanContext, Skips } from './host-root.js';
import { findWeakPasswords, loadPasswordList } from './passwords/weak-passwords.js';
import { COMMON_PASSWORDS_FILE, DEFAULT_POLICY_FILE } from './paths.js';
import type { Finding } from './types.js';

export interface ScanOptions {
  /** The host's root folder; '/' for the running system. */
  root?: string;
  /** A parsed policy, or the file to read it from (default: agent/policies/cis-linux.json). */
  policy?: Policy;
  policyFile?: string;
  /** Passwords to test hashes against (default: agent/policies/common-passwords.txt). */
  passwords?: readonly string[];
  /**
   * Called with the inventory as soon as the collectors are done, before the checks: the password
   * check takes seconds, and the assets need not wait for it.
   */
  onInventory?: (inventory: ScanResult['inventory']) => void | Promise<void>;
}

export interface ScanStats {
  durationMs: number;
  /** What could not be used, by reason: malformed lines, unreadable files, untested hashes. */
  skipped: Record<string, number>;
  /** The same in sentences, where a count alone would not say enough. */
  notes: string[];
  counts: Record<'software' | 'ports' | 'processes' | 'accounts' | 'autostart' | 'findings', number>;
  baseline: { checks: number; passed: number; failed: number; notApplicable: number };
  weakPasswords: { tested: number; notTested: Record<string, number> };
}

export interface ScanResult {
  host: HostFacts;
  inventory: Payloads[MessageType.INVENTORY];
  findings: Finding[];
  stats: ScanStats;
}

// Checked here and by the agent's run loop, which does not load the scan itself.
export { checkRoot, RootError } from './host-root.js';

export async function scan(opts: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const root = checkRoot(opts.root ?? '/');
  const policy = opts.policy ?? loadPolicy(opts.policyFile ?? DEFAULT_POLICY_FILE);
  const passwords = opts.passwords ?? loadPasswordList(COMMON_PASSWORDS_FILE);
  const ctx: ScanContext = { root, skips: new Skips() };

  /** Runs one collector; an unexpected error empties its result and is counted, never fatal. */
  const guarded = async <T>(name: string, fallback: T, fn: () => T | Promise<T>): Promise<T> => {
    await nextTick(); // let a running agent answer its socket between collectors
    try {
      return await fn();
    } catch (err) {
      ctx.skips.add(`${name}.failed`);
      ctx.skips.note(`${name} failed: ${(err as Error).message}`);
      return fallback;
    }
  };

  const host = readHostFacts(root, ctx.skips);
  const collectedAt = new Date().toISOString();
  const db = readUserDb(root, ctx.skips);
  const software = await guarded('software', [], () => collectSoftware(ctx));
  const ports = await guarded('ports', [], () => collectPorts(ctx));
  const processes = await guarded('processes', [], () => collectProcesses(ctx, db));
  const accounts = await guarded('accounts', [], () => collectAccounts(ctx, db));
  const autostart = await guarded('autostart', [], () => collectAutostart(ctx));
  const inventory = { collectedAt, software, ports, processes, accounts, autostart };
  await opts.onInventory?.(inventory);
  const baseline = await guarded('baseline', { findings: [], results: [] }, () => runBaseline(policy, ctx, db));
  const weak = await guarded('weakPasswords', { findings: [], tested: 0, notTested: {} }, () =>
    findWeakPasswords(ctx, db, passwords),
  );
  const findings = [...baseline.findings, ...weak.findings];
  const count = (status: string) => baseline.results.filter((r) => r.status === status).length;
  return {
    host,
    inventory,
    findings,
    stats: {
      durationMs: Math.round(performance.now() - started),
      skipped: ctx.skips.counts,
      notes: ctx.skips.notes,
      counts: {
        software: software.length,
        ports: ports.length,
        processes: processes.length,
        accounts: accounts.length,
        autostart: autostart.length,
        findings: findings.length,
      },
      baseline: {
        checks: baseline.results.length,
        passed: count('pass'),
        failed: count('fail'),
        notApplicable: count('not_applicable'),
      },
      weakPasswords: { tested: weak.tested, notTested: weak.notTested },
    },
  };
}
