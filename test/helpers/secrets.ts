/**
 * The secrets a test file used (passwords, session tokens, API tokens, enrollment tokens, agent
 * credentials) and the log lines its servers wrote. test/helpers/log-scan.setup.ts fails the file
 * when one of the secrets shows up in one of the lines. Vitest runs each file in its own module
 * graph, so both lists are per file.
 */
const secrets = new Map<string, string>();
const sinks: string[][] = [];

/** Shorter values could match by chance; every secret the tests use is longer. */
const MIN_SECRET_LENGTH = 8;
const PREFIXED = /hss_[a-z]_[A-Za-z0-9_-]{20,}/g;
const KIND_BY_PREFIX: Record<string, string> = {
  hss_s: 'session token',
  hss_t: 'API token',
  hss_e: 'enrollment token',
  hss_a: 'agent credential',
};

export function recordSecret(kind: string, value: string | null | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.set(value, kind);
}

/** Records every prefixed secret (hss_s_…, hss_t_…, hss_e_…, hss_a_…) found in `text`. */
export function recordSecretsIn(text: string): void {
  for (const match of text.matchAll(PREFIXED)) recordSecret(KIND_BY_PREFIX[match[0].slice(0, 5)] ?? 'token', match[0]);
}

/** Records the values of fields named like a password, at any depth of `value`. */
export function recordPasswordsIn(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && /password/i.test(key)) recordSecret('password', field);
    else recordPasswordsIn(field);
  }
}

/** Log lines to scan when the file ends (a server's captured pino output). */
export function captureLogs(lines: string[]): void {
  sinks.push(lines);
}

/** The kinds of secret (never the secrets) that appear in `lines`, with how many lines hold each. */
export function findLeaks(lines: Iterable<string>, known: ReadonlyMap<string, string> = secrets): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const [secret, kind] of known) if (line.includes(secret)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${kind} (in ${n} log line${n === 1 ? '' : 's'})`);
}

/** findLeaks over every line captured in this file so far. */
export function scanCapturedLogs(): { leaks: string[]; lines: number; secrets: number } {
  const lines = sinks.flat();
  return { leaks: findLeaks(lines), lines: lines.length, secrets: secrets.size };
}
