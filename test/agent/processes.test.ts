import fs from 'node:fs';
import path from 'node:path';
import { collectProcesses, decodeCmdline, parseStat, scanContext } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { copyHost, tempDir, writeFiles } from './fixture.js';

/** btime of the fixture hosts' proc/stat; start times are in 1/100 s after it. */
const BOOT = 1_763_700_000;
const at = (ticks: number) => new Date((BOOT + ticks / 100) * 1000).toISOString();

describe('processes', () => {
  it('reads name, command line, user, executable and start time from proc/<pid>', () => {
    const processes = collectProcesses(scanContext(copyHost('debian-hardened')));
    expect(processes.map((p) => p.pid)).toEqual([1, 2, 512, 640, 641, 700]);
    expect(processes.find((p) => p.pid === 512)).toEqual({
      pid: 512,
      name: 'sshd',
      commandLine: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
      user: 'root',
      executable: '/usr/sbin/sshd',
      startedAt: at(450),
    });
    // uid 33 is mapped through the host's own passwd
    expect(processes.find((p) => p.pid === 641)).toMatchObject({ name: 'nginx', user: 'www-data', startedAt: at(612) });
  });

  it('joins NUL-separated arguments with spaces', () => {
    const processes = collectProcesses(scanContext(copyHost('debian-weak')));
    expect(processes.find((p) => p.pid === 1300)?.commandLine).toBe('/usr/bin/java -Xmx512m -jar /opt/app/app.jar');
    expect(decodeCmdline(Buffer.from('a\0b c\0\0d\0'))).toBe('a b c  d');
  });

  it('reports a kernel thread without command line or executable', () => {
    const processes = collectProcesses(scanContext(copyHost('debian-hardened')));
    expect(processes.find((p) => p.pid === 2)).toEqual({
      pid: 2,
      name: 'kthreadd',
      commandLine: '',
      user: 'root',
      startedAt: at(12),
    });
  });

  it('counts stat fields after the last parenthesis, so names with ") " do not shift them', () => {
    const processes = collectProcesses(scanContext(copyHost('debian-weak')));
    expect(processes.find((p) => p.pid === 1200)).toMatchObject({ name: '(sd-pam)', user: 'alice', startedAt: at(7000) });
    const stat = '42 (a) b (c) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0';
    expect(parseStat(stat)).toEqual({ comm: 'a) b (c', startTicks: 777 });
  });

  it('shows the numeric uid when the host has no account for it', () => {
    const root = copyHost('debian-hardened');
    const status = path.join(root, 'proc/700/status');
    fs.writeFileSync(status, fs.readFileSync(status, 'utf8').replace(/^Uid:.*$/m, 'Uid:\t4242\t4242\t4242\t4242'));
    expect(collectProcesses(scanContext(root)).find((p) => p.pid === 700)?.user).toBe('4242');
  });

  it('keeps a process whose proc files are binary garbage, and counts what was unusable', () => {
    const root = tempDir();
    const garbage = Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x00, 0x80, 0x81]);
    writeFiles(root, {
      'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
      'proc/stat': 'btime 1763700000\n',
      'proc/10/comm': garbage,
      'proc/10/stat': garbage,
      'proc/10/status': garbage,
      'proc/10/cmdline': garbage,
      'proc/11/comm': 'ok\n',
      'proc/11/stat': '11 (ok) S 1 11 11 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 0 0\n',
      'proc/11/status': 'Name:\tok\nUid:\t0\t0\t0\t0\n',
      'proc/11/cmdline': 'ok\0',
      'proc/12/cmdline': 'only a command line\0',
    });
    const ctx = scanContext(root);
    const processes = collectProcesses(ctx);
    expect(processes.map((p) => p.pid)).toEqual([11]);
    expect(processes[0]).toEqual({ pid: 11, name: 'ok', commandLine: 'ok', user: 'root', startedAt: at(100) });
    // pid 10: no usable name anywhere; pid 12: nothing but a command line
    expect(ctx.skips.counts['processes.unreadable']).toBe(2);
  });

  it('keeps a process with a readable name when its stat and status are garbage', () => {
    const root = tempDir();
    writeFiles(root, {
      'proc/20/comm': 'named\n',
      'proc/20/stat': Buffer.from([0x00, 0xff, 0x28, 0x29]),
      'proc/20/status': 'Name:\tnamed\n',
    });
    const ctx = scanContext(root);
    expect(collectProcesses(ctx)).toEqual([{ pid: 20, name: 'named', commandLine: '', user: '' }]);
    expect(ctx.skips.counts).toEqual({ 'processes.malformedStat': 1, 'processes.malformedStatus': 1 });
  });
});
