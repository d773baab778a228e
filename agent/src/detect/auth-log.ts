/**
 * sshd's lines in auth.log / secure: what the login detectors need, and nothing else. A line
 * that is not one of these is not an error; it is simply not about SSH logins.
 */
export type AuthEvent =
  | { kind: 'failed'; user: string; ip: string; at: Date }
  | { kind: 'accepted'; user: string; ip: string; method: string; at: Date };

const FAILED =
  /sshd\[\d+\]: (?:Failed (?:password|publickey|keyboard-interactive\/pam) for (?:invalid user )?(\S+)|Invalid user (\S*)) from ([0-9a-fA-F.:]+) port \d+/;
const ACCEPTED = /sshd\[\d+\]: Accepted (\S+) for (\S+) from ([0-9a-fA-F.:]+) port \d+/;

/** `now` dates the event: syslog lines carry no year, and tailing reads them as they are written. */
export function parseAuthLine(line: string, now: Date = new Date()): AuthEvent | null {
  const accepted = ACCEPTED.exec(line);
  if (accepted) return { kind: 'accepted', method: accepted[1]!, user: accepted[2]!, ip: accepted[3]!, at: now };
  const failed = FAILED.exec(line);
  if (failed) return { kind: 'failed', user: failed[1] ?? failed[2] ?? '', ip: failed[3]!, at: now };
  return null;
}
