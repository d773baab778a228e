import { ErrorCode } from '@hss/schema';
import { DomainError } from '../common/errors.js';

interface Window {
  hits: number[];
}

/**
 * Slows down password guessing: after `perIp` failed sign-ins from one client IP, or `perAccount`
 * failed sign-ins for one e-mail, within `windowMs`, further attempts get RATE_LIMITED with the
 * seconds to wait — before the password is even checked. Kept in the process's memory: each
 * replica limits on its own.
 */
export class LoginThrottle {
  private readonly byIp = new Map<string, Window>();
  private readonly byAccount = new Map<string, Window>();

  constructor(
    private readonly limits = { perIp: 50, perAccount: 5, windowMs: 15 * 60_000 },
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RATE_LIMITED when the IP or the account has failed too often lately. */
  check(ip: string, email: string): void {
    const now = this.now();
    const ipWindow = this.window(this.byIp, ip, now);
    const accountWindow = this.window(this.byAccount, email, now);
    const blockedBy =
      ipWindow.hits.length >= this.limits.perIp
        ? ipWindow
        : accountWindow.hits.length >= this.limits.perAccount
          ? accountWindow
          : null;
    if (blockedBy) {
      const retryAfterSeconds = Math.max(1, Math.ceil((blockedBy.hits[0]! + this.limits.windowMs - now) / 1000));
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `Too many sign-in attempts. Wait ${retryAfterSeconds} seconds before trying again.`,
        { retryAfterSeconds },
      );
    }
  }

  /** A wrong e-mail or password counts against both the IP and the account. */
  failed(ip: string, email: string): void {
    const now = this.now();
    this.window(this.byIp, ip, now).hits.push(now);
    this.window(this.byAccount, email, now).hits.push(now);
  }

  /** A successful sign-in clears the account's failures. */
  succeeded(email: string): void {
    this.byAccount.delete(email);
  }

  private window(map: Map<string, Window>, key: string, now: number): Window {
    let window = map.get(key);
    if (!window) {
      if (map.size > 100_000) map.clear();
      window = { hits: [] };
      map.set(key, window);
    }
    window.hits = window.hits.filter((t) => t > now - this.limits.windowMs);
    return window;
  }
}
