import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { frame, HostFacts, MessageType, parseFrame } from '@hss/schema';
import { describe, expect, it } from 'vitest';
import { copyHost, REPO, tempDir, writeFiles } from './fixture.js';

const CLI = path.join(REPO, 'agent/dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO });

describe('hss-agent scan --once (the built CLI)', () => {
  it('prints one JSON object with host, inventory, findings and stats that the protocol accepts', () => {
    const root = copyHost('debian-weak');
    const res = run('scan', '--once', '--root', root, '--json');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(['findings', 'host', 'inventory', 'stats']);
    expect(out.host).toMatchObject({ hostname: 'legacy-db-02', osName: 'Debian GNU/Linux', kernel: '6.1.0-27-amd64' });
    expect(HostFacts.safeParse(out.host).success).toBe(true);
    expect(out.stats).toMatchObject({
      durationMs: expect.any(Number),
      skipped: { 'weakPassword.notTested.yescrypt': 1, 'autostart.malformedCronLine': 1 },
      counts: { software: 32, ports: 7, processes: 9, accounts: 23 },
      baseline: { checks: expect.any(Number), failed: expect.any(Number) },
    });
    const fingerprints: string[] = out.findings.map((f: { fingerprint: string }) => f.fingerprint);
    expect(fingerprints).toEqual(
      expect.arrayContaining(['weak-password:alice', 'baseline:accounts.uid0-only-root', 'baseline:file.world-writable']),
    );
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    // The same payloads pass the gateway's validation as inventory and findings frames.
    const inventory = parseFrame(JSON.stringify(frame(MessageType.INVENTORY, out.inventory)));
    expect(inventory.ok ? 'ok' : inventory.error).toBe('ok');
    const findings = parseFrame(
      JSON.stringify(frame(MessageType.FINDINGS, { scannedAt: new Date().toISOString(), findings: out.findings })),
    );
    expect(findings.ok ? 'ok' : findings.error).toBe('ok');
  });

  it('prints a summary for people without --json', () => {
    const res = run('scan', '--once', '--root', copyHost('debian-hardened'));
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^web-01 \(Debian GNU\/Linux 12, kernel 6\.1\.0-27-amd64, (X86_64|ARM64)\)$/m);
    expect(res.stdout).toMatch(/^baseline: \d+ checks, \d+ passed/m);
  });

  it('exits 2 with a clear message for a bad root', () => {
    const missing = run('scan', '--once', '--root', '/nonexistent/hss-root', '--json');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/The root \/nonexistent\/hss-root does not exist/);
    const file = tempDir();
    writeFiles(file, { 'a.txt': 'x' });
    const notDir = run('scan', '--once', '--root', path.join(file, 'a.txt'));
    expect(notDir.status).toBe(2);
    expect(notDir.stderr).toMatch(/is not a folder/);
    const empty = run('scan', '--once', '--root', tempDir());
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/does not look like a Linux root file system/);
  });

  it('exits 2 with usage for a bad command line and for commands not built yet', () => {
    const noOnce = run('scan', '--root', '/');
    expect(noOnce.status).toBe(2);
    expect(noOnce.stderr).toMatch(/scan needs --once/);
    expect(noOnce.stderr).toMatch(/Usage: hss-agent/);
    expect(run('scan', '--once', '--bogus').stderr).toMatch(/Unknown option --bogus/);
    expect(run('scan', '--once', '--root').stderr).toMatch(/--root needs a value/);
    const enroll = run('enroll');
    expect(enroll.status).toBe(2);
    expect(enroll.stderr).toMatch(/enroll needs --server/);
    expect(run('enroll', '--server', 'ws://127.0.0.1:1', '--bogus').stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('exits 2 naming the check when --policy is invalid', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'p.json': JSON.stringify({
        version: 1,
        name: 'bad',
        checks: [
          { id: 'x.y', title: 't', severity: 'LOW', rationale: 'r', remediation: 'm', rule: { kind: 'sysctl', key: 'a.b' } },
        ],
      }),
    });
    const res = run('scan', '--once', '--root', copyHost('debian-hardened'), '--policy', path.join(dir, 'p.json'));
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/check "x\.y" \(checks\[0\]\): rule\.expect/);
  });
});
