/**
 * sshd's lines in auth.log / secure and its messages in the journal: what the login detectors
 * need, and nothing else. A line that is not one of these is not an error; it is simply not
 * about SSH logins.
 */
export type AuthEvent =
  | { kind: 'failed'; user: string; ip: string; at: Date }
  | { kind: 'accepted'; user: string; ip: string; method: string; at: Date };

/** The message part of sshd's lines (after "sshd[pid]: "), as in auth.log and in the journal. */
const FAILED =
  /^(?:Failed (?:password|publickey|keyboard-interactive\/pam) for (?:invalid user )?(\S+)|Invalid user (\S*)) from ([0-9a-fA-F.:]+) port \d+/;
const ACCEPTED = /^Accepted (\S+) for (\S+) from ([0-9a-fA-F.:]+) port \d+/;
/** OpenSSH 9.8+ logs the sessions as "sshd-session". */
const SSHD_PREFIX = /sshd(?:-session)?\[\d+\]: (.*)$/;

/** `now` dates the event: syslog lines carry no year, and tailing reads them as they are written. */
export function parseAuthLine(line: string, now: Date = new Date()): AuthEvent | null {
  const message = SSHD_PREFIX.exec(line);
  return message ? parseSshdMessage(message[1]!, now) : null;
}

/** One message of sshd (the journal's MESSAGE field, or an auth.log line without its prefix). */
export function parseSshdMessage(message: string, at: Date): AuthEvent | null {
  const accepted = ACCEPTED.exec(message);
  if (accepted) return { kind: 'accepted', method: accepted[1]!, user: accepted[2]!, ip: accepted[3]!, at };
  const failed = FAILED.exec(message);
  if (failed) return { kind: 'failed', user: failed[1] ?? failed[2] ?? '', ip: failed[3]!, at };
  return null;
}
