import { architectureOf, HostRoot, parseOsRelease, readHostFacts, Skips } from '@hss/agent';
import { HostFacts } from '@hss/schema';
import { describe, expect, it } from 'vitest';
import { copyHost, tempDir, writeFiles } from './fixture.js';

describe('host facts', () => {
  it('reads hostname, machine id, OS and kernel below the root', () => {
    const skips = new Skips();
    const facts = readHostFacts(new HostRoot(copyHost('debian-hardened')), skips);
    expect(facts).toMatchObject({
      hostname: 'web-01',
      machineId: '4c4c4544004a3510804cb4c04f4e3832',
      ips: [], // a fixture tree has no interfaces
      osName: 'Debian GNU/Linux',
      osVersion: '12',
      kernel: '6.1.0-27-amd64',
    });
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(skips.counts).toEqual({});
  });

  it('says what is missing on a bare tree and still gives valid facts', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/passwd': '' });
    const skips = new Skips();
    const facts = readHostFacts(new HostRoot(root), skips);
    expect(facts).toMatchObject({ hostname: 'localhost', machineId: 'unknown', osName: 'Linux', osVersion: '', kernel: '' });
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(skips.counts).toEqual({ 'host.hostnameMissing': 1, 'host.machineIdMissing': 1 });
  });

  it('maps Node architectures to the protocol enum and refuses others', () => {
    expect(architectureOf('x64')).toBe('X86_64');
    expect(architectureOf('arm64')).toBe('ARM64');
    expect(() => architectureOf('s390x')).toThrow(/x86_64 and arm64/);
  });

  it('parses os-release quoting', () => {
    expect(parseOsRelease('NAME="Red Hat \\"Enterprise\\" Linux"\nVERSION_ID=\'9.4\'\nID=rhel\n# c\nbad line\n')).toEqual({
      NAME: 'Red Hat "Enterprise" Linux',
      VERSION_ID: '9.4',
      ID: 'rhel',
    });
  });
});
