/**
 * SHA-crypt ($5$ sha256crypt and $6$ sha512crypt), as specified by Ulrich Drepper in "Unix crypt
 * using SHA-256 and SHA-512" and used by glibc's crypt(3) for /etc/shadow. Written against the
 * spec with node:crypto so the agent needs no native module; the spec's test vectors are in the
 * tests. Step numbers below are the spec's.
 */
import { createHash, hash as hashOnce, timingSafeEqual } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ROUNDS_DEFAULT = 5000;
const ROUNDS_MIN = 1000;
const ROUNDS_MAX = 999_999_999;
const SALT_MAX = 16;

interface Variant {
  id: '5' | '6';
  algorithm: 'sha256' | 'sha512';
  size: number;
  /** The spec's byte order for the final base-64 encoding: triples, then the last bytes. */
  order: number[][];
  tail: number[];
}

const SHA512: Variant = {
  id: '6',
  algorithm: 'sha512',
  size: 64,
  order: [
    [0, 21, 42],
    [22, 43, 1],
    [44, 2, 23],
    [3, 24, 45],
    [25, 46, 4],
    [47, 5, 26],
    [6, 27, 48],
    [28, 49, 7],
    [50, 8, 29],
    [9, 30, 51],
    [31, 52, 10],
    [53, 11, 32],
    [12, 33, 54],
    [34, 55, 13],
    [56, 14, 35],
    [15, 36, 57],
    [37, 58, 16],
    [59, 17, 38],
    [18, 39, 60],
    [40, 61, 19],
    [62, 20, 41],
  ],
  tail: [63],
};

const SHA256: Variant = {
  id: '5',
  algorithm: 'sha256',
  size: 32,
  order: [
    [0, 10, 20],
    [21, 1, 11],
    [12, 22, 2],
    [3, 13, 23],
    [24, 4, 14],
    [15, 25, 5],
    [6, 16, 26],
    [27, 7, 17],
    [18, 28, 8],
    [9, 19, 29],
  ],
  tail: [31, 30],
};

export interface ShaCryptSetting {
  variant: '5' | '6';
  rounds: number;
  /** Whether "rounds=N$" appears in the hash (it is left out when the default was used). */
  explicitRounds: boolean;
  salt: string;
}

/**
 * Parses "$6$[rounds=N$]salt[$hash]". Rounds are clamped to 1000..999999999 and the salt cut to
 * 16 characters, as the spec says. undefined for anything else.
 */
export function parseShaCryptSetting(setting: string): ShaCryptSetting | undefined {
  const m = /^\$([56])\$(?:rounds=(\d+)\$)?([^$]*)(?:\$.*)?$/.exec(setting);
  if (!m) return undefined;
  const explicitRounds = m[2] !== undefined;
  const rounds = explicitRounds ? Math.min(ROUNDS_MAX, Math.max(ROUNDS_MIN, Number(m[2]))) : ROUNDS_DEFAULT;
  return { variant: m[1] as '5' | '6', rounds, explicitRounds, salt: m[3]!.slice(0, SALT_MAX) };
}

/** crypt(3) for $5$/$6$ settings: the full hash string ("$6$salt$…"). Throws on another scheme. */
export function shaCrypt(password: string | Buffer, setting: string): string {
  const s = parseShaCryptSetting(setting);
  if (!s) throw new Error('Not a SHA-crypt ($5$ or $6$) setting');
  const v = s.variant === '6' ? SHA512 : SHA256;
  const P = Buffer.isBuffer(password) ? password : Buffer.from(password, 'utf8');
  const S = Buffer.from(s.salt, 'utf8');
  const hash = (...parts: Buffer[]) => {
    const h = createHash(v.algorithm);
    for (const p of parts) h.update(p);
    return h.digest();
  };

  // Steps 4-8: digest B = H(P S P).
  const B = hash(P, S, P);
  // Steps 1-3, 9-12: digest A = H(P S, then B for each full block of len(P) and its rest,
  // then for each bit of len(P) from the lowest: B if 1, P if 0).
  const a = createHash(v.algorithm).update(P).update(S);
  let n = P.length;
  for (; n > v.size; n -= v.size) a.update(B);
  a.update(B.subarray(0, n));
  for (let bits = P.length; bits > 0; bits >>= 1) a.update(bits & 1 ? B : P);
  const A = a.digest();
  // Steps 13-16: DP = H(P repeated len(P) times); sequence PS = DP repeated to len(P) bytes.
  const dp = createHash(v.algorithm);
  for (let i = 0; i < P.length; i++) dp.update(P);
  const PS = repeatTo(dp.digest(), P.length);
  // Steps 17-20: DS = H(S repeated 16 + A[0] times); sequence SS = DS repeated to len(S) bytes.
  const ds = createHash(v.algorithm);
  for (let i = 0; i < 16 + A[0]!; i++) ds.update(S);
  const SS = repeatTo(ds.digest(), S.length);
  // Step 21: the rounds.
  // Each round's input is laid out in one buffer and hashed in one call: a streaming hash object
  // per round costs about twice as much, and the rounds are nearly all of a scan's CPU time.
  let C = A;
  const input = Buffer.alloc(2 * Math.max(v.size, PS.length) + SS.length + PS.length);
  for (let i = 0; i < s.rounds; i++) {
    let at = (i & 1 ? PS : C).copy(input, 0);
    if (i % 3) at += SS.copy(input, at);
    if (i % 7) at += PS.copy(input, at);
    at += (i & 1 ? C : PS).copy(input, at);
    C = hashOnce(v.algorithm, input.subarray(0, at), 'buffer');
  }
  // Step 22: the output string.
  let out = `$${v.id}$${s.explicitRounds ? `rounds=${s.rounds}$` : ''}${s.salt}$`;
  for (const [b2, b1, b0] of v.order) out += b64From24(C[b2!]!, C[b1!]!, C[b0!]!, 4);
  out += v.tail.length === 1 ? b64From24(0, 0, C[v.tail[0]!]!, 2) : b64From24(0, C[v.tail[0]!]!, C[v.tail[1]!]!, 3);
  return out;
}

/** Whether `password` produces `hash` (compared in constant time). */
export function verifyShaCrypt(password: string, hash: string): boolean {
  const computed = Buffer.from(shaCrypt(password, hash));
  const expected = Buffer.from(hash);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

function repeatTo(digest: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += digest.length) digest.copy(out, i, 0, Math.min(digest.length, length - i));
  return out;
}

function b64From24(b2: number, b1: number, b0: number, chars: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += ITOA64[w & 0x3f];
    w >>= 6;
  }
  return out;
}
