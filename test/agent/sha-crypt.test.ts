import { execFileSync } from 'node:child_process';
import { parseShaCryptSetting, shaCrypt, verifyShaCrypt } from '@hss/agent';
import { describe, expect, it } from 'vitest';

describe('sha512crypt / sha256crypt', () => {
  // The test vectors of Ulrich Drepper's specification "Unix crypt using SHA-256 and SHA-512".
  const sha512Vectors: [string, string, string][] = [
    [
      '$6$saltstring',
      'Hello world!',
      '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1',
    ],
    [
      '$6$rounds=10000$saltstringsaltstring',
      'Hello world!',
      '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
    ],
    [
      '$6$rounds=5000$toolongsaltstring',
      'This is just a test',
      '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0',
    ],
    [
      '$6$rounds=1400$anotherlongsaltstring',
      'a very much longer text to encrypt.  This one even stretches over morethan one line.',
      '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
    ],
    [
      '$6$rounds=77777$short',
      'we have a short salt string but not a short password',
      '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
    ],
    [
      '$6$rounds=10$roundstoolow',
      'the minimum number is still observed',
      '$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.',
    ],
  ];

  it.each(sha512Vectors)('sha512crypt %s matches the specification', (setting, password, expected) => {
    expect(shaCrypt(password, setting)).toBe(expected);
  });

  it('sha256crypt matches the specification', () => {
    expect(shaCrypt('Hello world!', '$5$saltstring')).toBe('$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5');
    expect(shaCrypt('Hello world!', '$5$rounds=10000$saltstringsaltstring')).toBe(
      '$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA',
    );
  });

  it('agrees with openssl passwd -6 on a password longer than a digest block', () => {
    const password = 'x'.repeat(70);
    const expected = execFileSync('openssl', ['passwd', '-6', '-salt', 'Q1w2E3r4', password], { encoding: 'utf8' }).trim();
    expect(shaCrypt(password, '$6$Q1w2E3r4')).toBe(expected);
  });

  it('verifies the fixture hash of "password123" (made with openssl passwd -6) and rejects other passwords', () => {
    const hash = '$6$Kf8sLq2Zr9Wd$OC1sA95UMjgio9Qjq6xmW2UIDRhOpjcTjztkVtUFGvZ7lzuR2pcnl6R9JK8wHdWaNDT7cQ0NZZF/tIyMNYCyN1';
    expect(verifyShaCrypt('password123', hash)).toBe(true);
    expect(verifyShaCrypt('password124', hash)).toBe(false);
    expect(verifyShaCrypt('', hash)).toBe(false);
  });

  it('parses settings and refuses other schemes', () => {
    // rounds are clamped to 1000..999999999, as glibc does
    expect(parseShaCryptSetting('$6$rounds=999999999999$abc$x')).toEqual({
      variant: '6',
      rounds: 999_999_999,
      explicitRounds: true,
      salt: 'abc',
    });
    expect(parseShaCryptSetting('$6$rounds=1$abc')).toEqual({ variant: '6', rounds: 1000, explicitRounds: true, salt: 'abc' });
    expect(parseShaCryptSetting('$6$abc')).toEqual({ variant: '6', rounds: 5000, explicitRounds: false, salt: 'abc' });
    expect(parseShaCryptSetting('$y$j9T$abc$def')).toBeUndefined();
    expect(() => shaCrypt('x', '$1$abc$')).toThrow(/Not a SHA-crypt/);
  });
});
