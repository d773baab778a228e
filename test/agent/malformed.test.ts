import { scan } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from './fixture.js';

const garbage = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 97 + 13) % 256));

describe('a scan of malformed input files', () => {
  it('returns results and skipped counts, never throws', async () => {
    const root = tempDir();
    writeFiles(root, {
      'etc/hostname': garbage(40),
      'etc/os-release': garbage(200),
      'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/al', // truncated last line
      'etc/shadow': garbage(300),
      'etc/group': 'root:x:0:\n\u0000\u0001\u0002\n',
      'etc/sudoers': garbage(120),
      'etc/login.defs': garbage(500),
      'etc/ssh/sshd_config': Buffer.concat([
        Buffer.from('PermitRootLogin no\n'),
        garbage(300),
        Buffer.from('\nInclude /etc/ssh/nothing/*.conf\n'),
      ]),
      'etc/sysctl.conf': garbage(256),
      'etc/crontab': garbage(256),
      'etc/systemd/system/multi-user.target.wants/x.service': garbage(50),
      'var/lib/dpkg/status': Buffer.concat([
        Buffer.from('Package: ok\nStatus: install ok installed\nVersion: 1\n\n'),
        garbage(2000),
        Buffer.from('\n\nPackage: ok2\nStatus: install ok installed\nVersion: 2\n'),
      ]),
      'proc/stat': garbage(100),
      'proc/net/tcp': garbage(400),
      'proc/net/udp6': 'header\n   0: short\n',
      'proc/7/stat': garbage(80),
      'proc/7/status': garbage(80),
      'proc/7/comm': 'seven\n',
      'proc/7/cmdline': garbage(64),
    });
    const result = await scan({ root, passwords: ['password'] });
    expect(result.inventory.software.map((s) => s.name)).toEqual(['ok', 'ok2']);
    expect(result.inventory.accounts.map((a) => a.name)).toEqual(['root']);
    expect(result.inventory.processes.map((p) => p.name)).toEqual(['seven']);
    expect(result.inventory.ports).toEqual([]);
    expect(result.stats.skipped).toMatchObject({
      'software.malformedStanza': expect.any(Number),
      'accounts.malformedPasswdLine': 1,
      'accounts.malformedShadowLine': expect.any(Number),
      'accounts.malformedGroupLine': 1,
      'processes.malformedStat': 1,
      'processes.malformedStatus': 1,
      'ports.malformedLine': expect.any(Number),
      'autostart.malformedCronLine': expect.any(Number),
    });
    // nothing failed outright: only lines and items were skipped
    expect(Object.keys(result.stats.skipped).filter((k) => k.endsWith('.failed'))).toEqual([]);
    // the valid line of the garbage sshd_config still counts
    expect(result.findings.map((f) => f.fingerprint)).not.toContain('baseline:ssh.permit-root-login');
  });
});
