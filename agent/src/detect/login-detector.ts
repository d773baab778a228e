import { AlarmType, Severity } from '@hss/schema';
import type { AuthEvent } from './auth-log.js';
import { ipMatcher } from './ip-match.js';

export interface LoginPolicy {
  loginProtection: { commonLoginIps: string[]; sshWhitelist: string[]; enforceSshWhitelist: boolean };
  bruteForce: { threshold: number; windowSeconds: number; blockSeconds: number };
}

export interface RaisedAlarm {
  type: AlarmType;
  severity: Severity;
  title: string;
  sourceIp?: string;
  occurredAt: string;
  detail: Record<string, unknown>;
}

/** What the detector asks the host to do; the firewall module carries it out. */
export type Enforcement = { block: string; forSeconds: number } | { reject: string };

export interface Verdict {
  alarms: RaisedAlarm[];
  enforce: Enforcement[];
}

/**
 * SSH login detection from auth-log events: brute force (the policy's threshold of failures from
 * one IP within its window → an alarm and a block for its time), logins from IPs outside the
 * common login IPs, and logins from outside the SSH whitelist (rejected in enforce mode).
 */
export class LoginDetector {
  private failures = new Map<string, number[]>();
  /** IPs under a block, until when; no second alarm while blocked. */
  private blockedUntil = new Map<string, number>();
  private common: (ip: string) => boolean;
  private whitelisted: (ip: string) => boolean;

  constructor(
    private policy: LoginPolicy,
    /** On EulerOS for ARM the product raises the alarm but does not block. */
    private readonly canBlock = true,
  ) {
    this.common = ipMatcher(policy.loginProtection.commonLoginIps);
    this.whitelisted = ipMatcher(policy.loginProtection.sshWhitelist);
  }

  updatePolicy(policy: LoginPolicy): void {
    this.policy = policy;
    this.common = ipMatcher(policy.loginProtection.commonLoginIps);
    this.whitelisted = ipMatcher(policy.loginProtection.sshWhitelist);
  }

  observe(event: AuthEvent): Verdict {
    return event.kind === 'failed' ? this.failed(event) : this.accepted(event);
  }

  private failed(event: Extract<AuthEvent, { kind: 'failed' }>): Verdict {
    const now = event.at.getTime();
    const { threshold, windowSeconds, blockSeconds } = this.policy.bruteForce;
    if ((this.blockedUntil.get(event.ip) ?? 0) > now) return { alarms: [], enforce: [] };
    const recent = (this.failures.get(event.ip) ?? []).filter((t) => t > now - windowSeconds * 1000);
    recent.push(now);
    this.failures.set(event.ip, recent);
    if (recent.length < threshold) return { alarms: [], enforce: [] };
    this.failures.delete(event.ip);
    const block = this.canBlock && blockSeconds > 0;
    if (block) this.blockedUntil.set(event.ip, now + blockSeconds * 1000);
    return {
      alarms: [
        {
          type: AlarmType.BRUTE_FORCE,
          severity: Severity.HIGH,
          title: `SSH brute force from ${event.ip}: ${recent.length} failed logins within ${windowSeconds} s`,
          sourceIp: event.ip,
          occurredAt: event.at.toISOString(),
          detail: { failures: recent.length, windowSeconds, lastUser: event.user, blockedSeconds: block ? blockSeconds : 0 },
        },
      ],
      enforce: block ? [{ block: event.ip, forSeconds: blockSeconds }] : [],
    };
  }

  private accepted(event: Extract<AuthEvent, { kind: 'accepted' }>): Verdict {
    const verdict: Verdict = { alarms: [], enforce: [] };
    const { commonLoginIps, sshWhitelist, enforceSshWhitelist } = this.policy.loginProtection;
    const base = { sourceIp: event.ip, occurredAt: event.at.toISOString(), detail: { user: event.user, method: event.method } };
    if (sshWhitelist.length && !this.whitelisted(event.ip)) {
      verdict.alarms.push({
        ...base,
        type: AlarmType.SSH_WHITELIST_VIOLATION,
        severity: Severity.HIGH,
        title: `SSH login as ${event.user} from ${event.ip}, outside the SSH whitelist`,
      });
      if (enforceSshWhitelist && this.canBlock) verdict.enforce.push({ reject: event.ip });
    } else if (commonLoginIps.length && !this.common(event.ip)) {
      verdict.alarms.push({
        ...base,
        type: AlarmType.ABNORMAL_LOGIN,
        severity: Severity.MEDIUM,
        title: `SSH login as ${event.user} from ${event.ip}, not a common login IP`,
      });
    }
    return verdict;
  }
}
