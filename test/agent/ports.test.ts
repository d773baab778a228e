import fs from 'node:fs';
import path from 'node:path';
import { collectPorts, decodeIpv4, decodeIpv6, parseEndpoint, scanContext } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { copyHost, tempDir, writeFiles } from './fixture.js';

describe('ports: address decoding', () => {
  it('decodes little-endian IPv4 words and big-endian ports', () => {
    expect(decodeIpv4('0100007F')).toBe('127.0.0.1');
    expect(decodeIpv4('3500007F')).toBe('127.0.0.53');
    expect(parseEndpoint('0500000A:0016')).toEqual({ address: '10.0.0.5', port: 22 });
    expect(parseEndpoint('00000000:FFFF')).toEqual({ address: '0.0.0.0', port: 65535 });
  });

  it('decodes IPv6 words and writes them in the RFC 5952 form', () => {
    expect(decodeIpv6('00000000000000000000000000000000')).toBe('::');
    expect(decodeIpv6('00000000000000000000000001000000')).toBe('::1');
    expect(decodeIpv6('000080FE00000000FF005450563412FE')).toBe('fe80::5054:ff:fe12:3456');
    expect(decodeIpv6('0000000000000000FFFF00000A01A8C0')).toBe('::ffff:192.168.1.10');
    // 2001:db8:0:1:0:0:0:1 — the longer zero run is the one shortened
    expect(decodeIpv6('B80D0120010000000000000001000000')).toBe('2001:db8:0:1::1');
    // no run of two zero groups: nothing is shortened
    expect(decodeIpv6('B80D0120020001000400030006000500')).toBe('2001:db8:1:2:3:4:5:6');
  });

  it('rejects endpoints that are not hex address:port', () => {
    expect(parseEndpoint('0100007F')).toBeUndefined();
    expect(parseEndpoint('GG00007F:0016')).toBeUndefined();
    expect(parseEndpoint('0100007F:16')).toBeUndefined();
  });
});

describe('ports: listening sockets', () => {
  it('lists TCP listeners and unconnected UDP sockets with their owning process', () => {
    const ports = collectPorts(scanContext(copyHost('debian-hardened')));
    expect(ports).toEqual([
      { protocol: 'tcp', address: '0.0.0.0', port: 22, pid: 512, process: 'sshd' },
      { protocol: 'tcp', address: '0.0.0.0', port: 80, pid: 640, process: 'nginx' },
      { protocol: 'tcp', address: '127.0.0.53', port: 53, pid: 700, process: 'systemd-resolve' },
      { protocol: 'tcp6', address: '::', port: 22, pid: 512, process: 'sshd' },
      { protocol: 'tcp6', address: '::', port: 80, pid: 640, process: 'nginx' },
      // no process holds this socket's inode: reported without an owner
      { protocol: 'tcp6', address: '::1', port: 25 },
      { protocol: 'udp', address: '127.0.0.53', port: 53, pid: 700, process: 'systemd-resolve' },
      { protocol: 'udp6', address: 'fe80::5054:ff:fe12:3456', port: 546 },
    ]);
  });

  it('leaves out established TCP connections and connected UDP sockets', () => {
    const ports = collectPorts(scanContext(copyHost('debian-hardened')));
    expect(ports.find((p) => p.port === 40000)).toBeUndefined();
    expect(ports.filter((p) => p.protocol === 'tcp' && p.address === '10.0.0.5')).toEqual([]);
  });

  it('finds a backdoor listener and its process on the weak host', () => {
    const ports = collectPorts(scanContext(copyHost('debian-weak')));
    expect(ports).toContainEqual({ protocol: 'tcp', address: '0.0.0.0', port: 4444, pid: 913, process: 'kworker' });
    expect(ports).toContainEqual({ protocol: 'tcp6', address: '::ffff:192.168.1.10', port: 8080, pid: 1300, process: 'java' });
  });

  it('reports ports without owners when proc/<pid>/fd cannot be read', () => {
    const root = copyHost('debian-hardened');
    for (const pid of fs.readdirSync(path.join(root, 'proc')).filter((n) => /^\d+$/.test(n))) {
      fs.rmSync(path.join(root, 'proc', pid, 'fd'), { recursive: true, force: true });
    }
    const ports = collectPorts(scanContext(root));
    expect(ports).toHaveLength(8);
    expect(ports.every((p) => p.pid === undefined && p.process === undefined)).toBe(true);
  });

  it('skips and counts lines that do not parse', () => {
    const root = tempDir();
    writeFiles(root, {
      'proc/net/tcp': [
        '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
        '   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 15001 1 0 100 0 0 10 0',
        '   1: nonsense',
        '   2: 0100007F:0019 00000000:0000 ZZ 00000000:00000000 00:00000000 00000000     0        0 1 1 0',
        '\u0000\u0001binary\u00ff',
        '',
      ].join('\n'),
    });
    const ctx = scanContext(root);
    expect(collectPorts(ctx)).toEqual([{ protocol: 'tcp', address: '0.0.0.0', port: 22 }]);
    expect(ctx.skips.counts['ports.malformedLine']).toBe(3);
  });
});
