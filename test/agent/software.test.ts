import { collectDpkg, collectSoftware, parseRpmOutput, scanContext } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { copyHost, tempDir, writeFiles } from './fixture.js';

describe('software: dpkg status', () => {
  it('lists the installed packages with name, version, architecture and source', () => {
    const ctx = scanContext(copyHost('debian-hardened'));
    const software = collectSoftware(ctx);
    expect(software).toHaveLength(32);
    expect(software).toContainEqual({
      name: 'openssh-server',
      version: '1:9.2p1-2+deb12u3',
      architecture: 'amd64',
      source: 'dpkg',
    });
    expect(software).toContainEqual({ name: 'tzdata', version: '2024b-0+deb12u1', architecture: 'all', source: 'dpkg' });
    expect(ctx.skips.counts).toEqual({});
  });

  it('leaves out packages that are removed but keep their configuration files', () => {
    const ctx = scanContext(copyHost('debian-hardened'));
    expect(collectSoftware(ctx).map((s) => s.name)).not.toContain('apache2');
  });

  it('finds nothing, and counts nothing, on a host without dpkg', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/hostname': 'rpm-host\n' });
    const ctx = scanContext(root);
    expect(collectSoftware(ctx)).toEqual([]);
    expect(ctx.skips.counts).toEqual({});
  });

  it('skips and counts malformed stanzas, keeping the good ones', () => {
    const root = tempDir();
    writeFiles(root, {
      'var/lib/dpkg/status': [
        'Package: good-one\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-1\nDescription: fine\n continued\n',
        'this is not a field line\nPackage: broken\nStatus: install ok installed\nVersion: 2\n',
        'Package: no-version\nStatus: install ok installed\nArchitecture: amd64\n',
        'Status: install ok installed\nVersion: 3\n',
        '\u0000\u0001\u0002\u00ff garbage \u0007\n',
        'Package: Bad_Name!\nStatus: install ok installed\nVersion: 1\n',
        'Package: good-two\nStatus: install ok installed\nVersion: 2.0\n',
      ].join('\n'),
    });
    const ctx = scanContext(root);
    const software = collectDpkg(ctx);
    expect(software).toEqual([
      { name: 'good-one', version: '1.0-1', architecture: 'amd64', source: 'dpkg' },
      { name: 'good-two', version: '2.0', source: 'dpkg' },
    ]);
    expect(ctx.skips.counts['software.malformedStanza']).toBe(5);
  });
});

describe('software: rpm output', () => {
  it('reads rpm -qa lines, with epoch, and leaves out gpg-pubkey pseudo-packages', () => {
    const ctx = scanContext(tempDir());
    const out = parseRpmOutput(
      'bash\t5.1.8-9.el9\tx86_64\nopenssl\t1:3.0.7-27.el9\tx86_64\ngpg-pubkey\tfd431d51-4ae0493b\t(none)\nbroken-line\n',
      ctx,
    );
    expect(out).toEqual([
      { name: 'bash', version: '5.1.8-9.el9', architecture: 'x86_64', source: 'rpm' },
      { name: 'openssl', version: '1:3.0.7-27.el9', architecture: 'x86_64', source: 'rpm' },
    ]);
    expect(ctx.skips.counts['software.malformedRpmLine']).toBe(1);
  });
});
