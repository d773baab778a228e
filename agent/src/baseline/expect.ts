/** Compares a configured value with a check's `expect` (see policy.ts for the operators). */
import type { Expect } from './policy.js';

/** undefined when every operator holds, else what was wrong, in words. */
export function unmet(value: string, expect: Expect): string | undefined {
  const lower = value.trim().toLowerCase();
  const same = (v: string | number) => String(v).toLowerCase() === lower;
  if (expect.equals !== undefined && !same(expect.equals)) return `is "${value}", expected "${expect.equals}"`;
  if (expect.in && !expect.in.some(same)) return `is "${value}", expected one of ${expect.in.map((v) => `"${v}"`).join(', ')}`;
  if (expect.notIn?.some(same)) return `is "${value}", which is not allowed`;
  if (expect.min !== undefined || expect.max !== undefined) {
    const n = toNumber(value);
    if (n === undefined) return `is "${value}", expected a number`;
    if (expect.min !== undefined && n < expect.min) return `is ${value}, expected at least ${expect.min}`;
    if (expect.max !== undefined && n > expect.max) return `is ${value}, expected at most ${expect.max}`;
  }
  if (expect.noneOf) {
    // OpenSSH lists: "-a,b" removes from the defaults (cannot add a weak one); "+a" and "^a" add.
    const items = lower.startsWith('-') ? [] : lower.replace(/^[+^]/, '').split(',');
    const bad = items.map((s) => s.trim()).filter((s) => expect.noneOf!.some((w) => w.toLowerCase() === s));
    if (bad.length > 0) return `includes ${bad.join(', ')}`;
  }
  if (expect.octalIncludes !== undefined) {
    if (!/^[0-7]+$/.test(value.trim())) return `is "${value}", expected an octal value`;
    const want = Number.parseInt(expect.octalIncludes, 8);
    if ((Number.parseInt(value.trim(), 8) & want) !== want)
      return `is ${value}, expected at least the bits of ${expect.octalIncludes}`;
  }
  return undefined;
}

/** Plain integers, and sshd time values ("90", "2m", "1h30m": seconds). */
export function toNumber(value: string): number | undefined {
  const v = value.trim();
  if (/^-?\d+$/.test(v)) return Number(v);
  if (!/^(\d+[sSmMhHdDwW]?)+$/.test(v)) return undefined;
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  let total = 0;
  for (const [, n, u] of v.matchAll(/(\d+)([sSmMhHdDwW]?)/g)) total += Number(n) * (u ? unit[u.toLowerCase()]! : 1);
  return total;
}

/** The expectation in words, for a finding's detail. */
export function describeExpect(expect: Expect): string {
  const parts: string[] = [];
  if (expect.equals !== undefined) parts.push(`= ${expect.equals}`);
  if (expect.in) parts.push(`one of ${expect.in.join(', ')}`);
  if (expect.notIn) parts.push(`none of ${expect.notIn.join(', ')}`);
  if (expect.min !== undefined) parts.push(`>= ${expect.min}`);
  if (expect.max !== undefined) parts.push(`<= ${expect.max}`);
  if (expect.noneOf) parts.push(`without ${expect.noneOf.join(', ')}`);
  if (expect.octalIncludes !== undefined) parts.push(`including the bits of ${expect.octalIncludes}`);
  return parts.join(' and ');
}
