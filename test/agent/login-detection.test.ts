import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAuthLine } from '../../agent/src/detect/auth-log.js';
import { Firewall } from '../../agent/src/detect/firewall.js';
import { DEFAULT_JOURNAL_COMMAND, parseJournalLine } from '../../agent/src/detect/journal.js';
import { LoginDetector } from '../../agent/src/detect/login-detector.js';
import { DEFAULT_LOGIN_POLICY, watchLogins } from '../../agent/src/detect/login-watch.js';
import { LogTail } from '../../agent/src/detect/tail.js';
import { hostFacts } from '../helpers/agent-client.js';

const sample = fs.readFileSync(fileURLToPath(new URL('../fixtures/logs/auth.log', import.meta.url)), 'utf8').split('\n');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-login-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const t0 = new Date('2026-11-21T03:12:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const failed = (ip: string, s: number) => ({ kind: 'failed' as const, user: 'root', ip, at: at(s) });

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('auth.log parsing', () => {
  it('finds failed and accepted SSH logins in a sample log, and nothing in other lines', () => {
    const events = sample.map((line) => parseAuthLine(line, t0)).filter(Boolean);
    expect(events.map((e) => [e!.kind, e!.user, e!.ip])).toEqual([
      ['failed', 'admin', '203.0.113.9'],
      ['failed', 'admin', '203.0.113.9'],
      ['failed', 'root', '203.0.113.9'],
      ['failed', 'root', '203.0.113.9'],
      ['failed', 'deploy', '2001:db8::7'],
      ['accepted', 'deploy', '10.0.0.12'],
      ['accepted', 'ops', '198.51.100.23'],
    ]);
    expect(parseAuthLine('Nov 21 03:16:02 web-1 CRON[2320]: session opened')).toBeNull();
    expect(parseAuthLine('\u0000\u0001garbage')).toBeNull();
  });
});

describe('brute-force detection', () => {
  it('raises one alarm and a block at the threshold within the window (default 5 in 30 s, 12 h)', () => {
    const detector = new LoginDetector(DEFAULT_LOGIN_POLICY);
    const verdicts = [0, 5, 10, 15, 20].map((s) => detector.observe(failed('203.0.113.9', s)));
    expect(verdicts.slice(0, 4).every((v) => v.alarms.length === 0)).toBe(true);
    expect(verdicts[4]!.alarms).toHaveLength(1);
    expect(verdicts[4]!.alarms[0]).toMatchObject({ type: 'BRUTE_FORCE', severity: 'HIGH', sourceIp: '203.0.113.9' });
    expect(verdicts[4]!.enforce).toEqual([{ block: '203.0.113.9', forSeconds: 43200 }]);
    // While blocked, more failures raise nothing new.
    expect(detector.observe(failed('203.0.113.9', 21)).alarms).toHaveLength(0);
  });

  it('does not count failures outside the window, nor those of other IPs', () => {
    const detector = new LoginDetector(DEFAULT_LOGIN_POLICY);
    const spaced = [0, 20, 40, 60, 80, 100].map((s) => detector.observe(failed('203.0.113.10', s)));
    expect(spaced.flatMap((v) => v.alarms)).toHaveLength(0);
    const mixed = [0, 1, 2, 3].map((s) => detector.observe(failed(`203.0.113.${20 + s}`, s)));
    expect(mixed.flatMap((v) => v.alarms)).toHaveLength(0);
  });

  it('follows the policy: threshold, window, and block time 0 = alarm only', () => {
    const detector = new LoginDetector({
      ...DEFAULT_LOGIN_POLICY,
      bruteForce: { threshold: 3, windowSeconds: 10, blockSeconds: 0 },
    });
    const v = [0, 1, 2].map((s) => detector.observe(failed('198.51.100.5', s)));
    expect(v[2]!.alarms).toHaveLength(1);
    expect(v[2]!.enforce).toEqual([]);
  });

  it('only raises the alarm on EulerOS for ARM, as the product does', () => {
    const detector = new LoginDetector(DEFAULT_LOGIN_POLICY, false);
    const v = [0, 1, 2, 3, 4].map((s) => detector.observe(failed('203.0.113.9', s)));
    expect(v[4]!.alarms).toHaveLength(1);
    expect(v[4]!.enforce).toEqual([]);
  });
});

describe('login location rules', () => {
  const accepted = (ip: string) => ({ kind: 'accepted' as const, user: 'ops', ip, method: 'password', at: t0 });

  it('a login from outside the common login IPs raises ABNORMAL_LOGIN; from inside, nothing', () => {
    const detector = new LoginDetector({
      ...DEFAULT_LOGIN_POLICY,
      loginProtection: { commonLoginIps: ['10.0.0.0/8', '2001:db8::/32'], sshWhitelist: [], enforceSshWhitelist: false },
    });
    expect(detector.observe(accepted('10.1.2.3')).alarms).toEqual([]);
    expect(detector.observe(accepted('2001:db8::1')).alarms).toEqual([]);
    expect(detector.observe(accepted('198.51.100.23')).alarms[0]).toMatchObject({ type: 'ABNORMAL_LOGIN', severity: 'MEDIUM' });
  });

  it('a login from outside the SSH whitelist raises an alarm, and is rejected in enforce mode', () => {
    const policy = {
      ...DEFAULT_LOGIN_POLICY,
      loginProtection: { commonLoginIps: [], sshWhitelist: ['10.0.0.12'], enforceSshWhitelist: false },
    };
    expect(new LoginDetector(policy).observe(accepted('10.0.0.12')).alarms).toEqual([]);
    const outside = new LoginDetector(policy).observe(accepted('198.51.100.23'));
    expect(outside.alarms[0]).toMatchObject({ type: 'SSH_WHITELIST_VIOLATION' });
    expect(outside.enforce).toEqual([]);
    const enforced = new LoginDetector({
      ...policy,
      loginProtection: { ...policy.loginProtection, enforceSshWhitelist: true },
    }).observe(accepted('198.51.100.23'));
    expect(enforced.enforce).toEqual([{ reject: '198.51.100.23' }]);
  });
});

describe('following a log as it is written', () => {
  it('reads appended lines, keeps a partial line until its newline, and survives rotation', async () => {
    const file = path.join(tmp, 'rotating.log');
    fs.writeFileSync(file, 'old line before start\n');
    const lines: string[] = [];
    const tail = new LogTail(file, (l) => lines.push(l), { intervalMs: 20 });
    tail.start();
    fs.appendFileSync(file, 'one\ntw');
    await until(() => lines.length === 1, 'the first line');
    fs.appendFileSync(file, 'o\n');
    await until(() => lines.length === 2, 'the completed line');
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, 'after rotation\n');
    await until(() => lines.length === 3, 'the line after rotation');
    tail.stop();
    expect(lines).toEqual(['one', 'two', 'after rotation']);
  });

  it('reads new lines through its inotify watch without waiting for the poll, also after a rotation', async () => {
    const file = path.join(tmp, 'watched.log');
    fs.writeFileSync(file, '');
    const lines: string[] = [];
    // A poll an hour apart: only the watch can deliver these lines within the test.
    const tail = new LogTail(file, (l) => lines.push(l), { intervalMs: 3_600_000 });
    tail.start();
    try {
      for (let i = 0; i < 3; i++) {
        fs.appendFileSync(file, `line ${i}\n`);
        await until(() => lines.length === i + 1, `line ${i}`);
      }
      // After a rotation the poll finds the new file once; from then on its own watch follows it.
      fs.renameSync(file, `${file}.1`);
      fs.writeFileSync(file, 'first after rotation\n');
      await tail.poll();
      fs.appendFileSync(file, 'second after rotation\n');
      await until(() => lines.length === 5, 'the lines after rotation');
      expect(lines).toEqual(['line 0', 'line 1', 'line 2', 'first after rotation', 'second after rotation']);
    } finally {
      tail.stop();
    }
  });

  it('blocks a brute-forcing IP through the firewall command and lifts the block when it expires', async () => {
    const root = path.join(tmp, 'host');
    fs.mkdirSync(path.join(root, 'var/log'), { recursive: true });
    const log = path.join(root, 'var/log/auth.log');
    fs.writeFileSync(log, '');
    const record = path.join(tmp, 'firewall.txt');
    const firewall = new Firewall(
      {
        setup: [],
        block: ['sh', '-c', `echo block {ip} {seconds} >> ${record}`],
        unblock: ['sh', '-c', `echo unblock {ip} >> ${record}`],
      },
      () => {},
    );
    const alarms: unknown[] = [];
    const watch = watchLogins({
      root,
      host: hostFacts(),
      policy: { ...DEFAULT_LOGIN_POLICY, bruteForce: { threshold: 5, windowSeconds: 30, blockSeconds: 1 } },
      firewall,
      raise: async (a) => alarms.push(a),
      log: () => {},
      intervalMs: 20,
    });
    for (const line of sample.slice(0, 7)) fs.appendFileSync(log, `${line}\n`);
    fs.appendFileSync(log, `${sample[4]}\n`);
    await until(() => alarms.length === 1, 'the brute-force alarm');
    await until(() => fs.existsSync(record) && fs.readFileSync(record, 'utf8').includes('unblock'), 'the block to be lifted');
    expect(fs.readFileSync(record, 'utf8').trim().split('\n')).toEqual(['block 203.0.113.9 1', 'unblock 203.0.113.9']);
    expect(alarms[0]).toMatchObject({ type: 'BRUTE_FORCE', sourceIp: '203.0.113.9' });
    watch.stop();
  });
});

describe('the journal as the log source when there is no auth log', () => {
  const journalFixture = fileURLToPath(new URL('../fixtures/logs/journal-sshd.json', import.meta.url));

  it('reads journalctl JSON: text and byte-array messages, the entry time; other lines are skipped', () => {
    const entries = fs.readFileSync(journalFixture, 'utf8').split('\n').map(parseJournalLine);
    expect(entries.filter(Boolean)).toHaveLength(7);
    expect(entries[0]).toEqual({
      message: 'Invalid user admin from 198.51.100.66 port 40122',
      at: new Date('2026-11-27T05:12:00.000Z'),
    });
    expect(entries.filter((e) => e?.message.includes('\uFFFD'))).toHaveLength(1);
    expect(parseJournalLine('not json')).toBeNull();
    expect(parseJournalLine('{"MESSAGE": 42}')).toBeNull();
    expect(parseJournalLine('[1,2]')).toBeNull();
    // The default follows sshd and OpenSSH 9.8's sshd-session, from now on.
    expect(DEFAULT_JOURNAL_COMMAND).toEqual(expect.arrayContaining(['--output=json', '--lines=0', 'SYSLOG_IDENTIFIER=sshd']));
  });

  it('follows the journal command through the same detector as auth.log: brute force blocked, abnormal login', async () => {
    const root = path.join(tmp, 'journal-host');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    // A stand-in for `journalctl -f -o json`: prints the entries, then waits for more like -f does.
    const fake = path.join(tmp, 'fake-journalctl.sh');
    fs.writeFileSync(fake, `#!/bin/sh\necho "$@" > ${tmp}/journal-args.txt\ncat ${journalFixture}\nexec sleep 600\n`, {
      mode: 0o755,
    });
    const record = path.join(tmp, 'journal-firewall.txt');
    const firewall = new Firewall(
      { setup: [], block: ['sh', '-c', `echo block {ip} {seconds} >> ${record}`], unblock: ['true'] },
      () => {},
    );
    const alarms: { type: string; sourceIp?: string }[] = [];
    const logs: string[] = [];
    const watch = watchLogins({
      root,
      host: hostFacts(),
      policy: {
        loginProtection: { commonLoginIps: ['10.0.0.0/8'], sshWhitelist: [], enforceSshWhitelist: false },
        bruteForce: { threshold: 5, windowSeconds: 30, blockSeconds: 600 },
      },
      firewall,
      raise: async (a) => alarms.push(a as never),
      log: (_level, message) => logs.push(message),
      journalCommand: [fake, '--follow', '--output=json'],
    });
    try {
      expect(watch.source).toBe('journal');
      await until(() => alarms.length === 2, 'the brute-force and abnormal-login alarms');
      expect(alarms.map((a) => [a.type, a.sourceIp])).toEqual([
        ['BRUTE_FORCE', '198.51.100.66'],
        ['ABNORMAL_LOGIN', '192.0.2.44'],
      ]);
      await until(() => fs.existsSync(record), 'the block');
      expect(fs.readFileSync(record, 'utf8').trim()).toBe('block 198.51.100.66 600');
      expect(fs.readFileSync(path.join(tmp, 'journal-args.txt'), 'utf8').trim()).toBe('--follow --output=json');
    } finally {
      watch.stop();
    }
  });

  it('says so, and goes on, when the journal command cannot be started', async () => {
    const root = path.join(tmp, 'no-journal-host');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    const logs: string[] = [];
    const watch = watchLogins({
      root,
      host: hostFacts(),
      policy: DEFAULT_LOGIN_POLICY,
      firewall: new Firewall({ setup: [], block: ['true'], unblock: ['true'] }, () => {}),
      raise: async () => {},
      log: (_level, message) => logs.push(message),
      journalCommand: [path.join(tmp, 'no-such-journalctl')],
    });
    await until(() => logs.some((m) => m.includes('cannot be followed')), 'the warning');
    watch.stop();
  });

  it('uses no journal for a copy of a host’s files unless a command is given', () => {
    const root = path.join(tmp, 'fixture-host');
    fs.mkdirSync(path.join(root, 'run/systemd/journal'), { recursive: true });
    const logs: string[] = [];
    const watch = watchLogins({
      root,
      host: hostFacts(),
      policy: DEFAULT_LOGIN_POLICY,
      firewall: new Firewall({ setup: [], block: ['true'], unblock: ['true'] }, () => {}),
      raise: async () => {},
      log: (_level, message) => logs.push(message),
    });
    expect(watch.source).toBeNull();
    expect(logs.join('\n')).toMatch(/SSH login detection is off/);
  });
});
