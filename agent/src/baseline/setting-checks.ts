/**
 * Checks of one configured value: sshd_config, login_defs, key_value and sysctl rules. They share
 * one shape: find the effective value (or the rule's `default` when nothing sets it), then
 * compare it with `expect`. A value that is neither set nor defaulted fails: the policy author
 * said it must be set.
 */
import type { HostRoot } from '../host-root.js';
import { readKeyValueFile, readRunningSysctl, readSysctlConfig, type Setting } from './config-files.js';
import { describeExpect, unmet } from './expect.js';
import { fail, notApplicable, type Outcome, PASS } from './outcome.js';
import type { Expect, Rule } from './policy.js';
import { readSshdConfig, SSHD_CONFIG, type SshdSetting } from './sshd-config.js';

type SettingRule = Extract<Rule, { kind: 'sshd_config' | 'login_defs' | 'key_value' | 'sysctl' }>;

/** Parsed files, read once per scan however many checks look at them. */
export class SettingSources {
  private sshd: Map<string, SshdSetting> | undefined | null = null;
  private sysctl: Map<string, Setting> | null = null;
  private readonly kv = new Map<string, Map<string, Setting> | undefined>();

  constructor(private readonly root: HostRoot) {}

  sshdConfig(): Map<string, SshdSetting> | undefined {
    if (this.sshd === null) this.sshd = readSshdConfig(this.root);
    return this.sshd;
  }

  sysctlConfig(): Map<string, Setting> {
    if (this.sysctl === null) this.sysctl = readSysctlConfig(this.root);
    return this.sysctl;
  }

  keyValue(file: string, separator: '=' | 'space'): Map<string, Setting> | undefined {
    const cacheKey = `${separator} ${file}`;
    if (!this.kv.has(cacheKey)) this.kv.set(cacheKey, readKeyValueFile(this.root, file, separator));
    return this.kv.get(cacheKey);
  }

  running(key: string): Setting | undefined {
    return readRunningSysctl(this.root, key);
  }
}

export function evaluateSetting(rule: SettingRule, sources: SettingSources, root: HostRoot): Outcome {
  switch (rule.kind) {
    case 'sshd_config': {
      const config = sources.sshdConfig();
      if (!config) return notApplicable(`${root.display(SSHD_CONFIG)} not found: no OpenSSH server`);
      const s = config.get(rule.key.toLowerCase());
      return compare(rule.key, s ? { value: s.value, source: `${s.file}:${s.line}` } : undefined, rule.expect, rule.default);
    }
    case 'login_defs': {
      const s = sources.keyValue('etc/login.defs', 'space')?.get(rule.key);
      return compare(rule.key, s, rule.expect, rule.default);
    }
    case 'key_value': {
      const file = sources.keyValue(rule.path, rule.separator);
      if (!file) {
        return rule.whenFileMissing === 'pass'
          ? PASS
          : fail({ key: rule.key, file: root.display(rule.path), found: 'file missing' });
      }
      return compare(rule.key, file.get(rule.key), rule.expect, rule.default);
    }
    case 'sysctl': {
      const s = sources.sysctlConfig().get(rule.key) ?? sources.running(rule.key);
      return compare(rule.key, s, rule.expect, rule.default);
    }
  }
}

function compare(key: string, setting: Setting | undefined, expect: Expect, fallback: string | number | undefined): Outcome {
  const expected = describeExpect(expect);
  if (!setting && fallback === undefined) return fail({ key, found: 'not set', expected });
  const value = setting?.value ?? String(fallback);
  const source = setting?.source ?? 'built-in default';
  const problem = unmet(value, expect);
  return problem ? fail({ key, found: value, source, expected, problem: `${key} ${problem}` }) : PASS;
}
