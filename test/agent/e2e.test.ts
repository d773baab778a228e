import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(repo, 'agent/dist/cli.js');
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-agent-e2e-'));
// A copy of the fixture host with an auth log the agent follows while it runs.
const fixture = path.join(state, 'host');
fs.cpSync(path.join(repo, 'test/fixtures/hosts/debian-weak'), fixture, { recursive: true, verbatimSymlinks: true });
fs.mkdirSync(path.join(fixture, 'var/log'), { recursive: true });
fs.writeFileSync(path.join(fixture, 'var/log/auth.log'), '');
// A website the policy will protect.
fs.mkdirSync(path.join(fixture, 'var/www/html'), { recursive: true });
fs.writeFileSync(path.join(fixture, 'var/www/html/index.html'), '<h1>Welcome</h1>');
// The EICAR test file, which every anti-malware product must find.
fs.mkdirSync(path.join(fixture, 'tmp'), { recursive: true });
fs.writeFileSync(path.join(fixture, 'tmp/eicar.com'), 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
const firewallRecord = path.join(state, 'firewall.txt');
const hss = await startTestServer({ gateway: { flushIntervalMs: 200 } });
const running: ChildProcess[] = [];
afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
  fs.rmSync(state, { recursive: true, force: true });
});

/** Runs the CLI without blocking: the control plane under test lives in this process. */
function cliRun(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function until<T>(read: () => Promise<T>, accept: (v: T) => boolean, what: string): Promise<T> {
  // Generous: the findings wait for the full scan, which shares two cores with the other test files.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a real agent process against a real control plane', () => {
  it('enrolls, shows ONLINE with its inventory and findings, and turns OFFLINE when stopped', async () => {
    const t = await hss.createTenant();
    const token = (
      await t.gql('mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }', {
        i: { regionId: t.regionId },
      })
    ).data!.createEnrollmentToken.token as string;

    const enrolled = await cliRun(
      'enroll',
      '--server',
      hss.app.gateway!.url,
      '--token',
      token,
      '--state',
      state,
      '--root',
      fixture,
    );
    expect(enrolled.status, enrolled.stderr).toBe(0);
    const serverId = /server ([0-9a-f-]{36})/.exec(enrolled.stdout)![1]!;
    expect(fs.statSync(path.join(state, 'enrollment.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await cliRun('status', '--state', state, '--json')).stdout)).toMatchObject({
      enrolled: true,
      serverId,
      connected: false,
    });

    const agent = spawn(process.execPath, [cli, 'run', '--state', state, '--root', fixture], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The firewall commands record what they would do (argv without a shell: no spaces).
      env: {
        ...process.env,
        HSS_AGENT_BLOCK_CMD: `sh -c echo\${IFS}block\${IFS}{ip}>>${firewallRecord}`,
        HSS_AGENT_UNBLOCK_CMD: `sh -c echo\${IFS}unblock\${IFS}{ip}>>${firewallRecord}`,
      },
    });
    running.push(agent);
    let logs = '';
    agent.stderr!.on('data', (d) => (logs += d));

    const server = await until(
      async () =>
        (await t.gql('query($id: ID!) { server(id: $id) { agentStatus hostname agent { version } } }', { id: serverId })).data!
          .server,
      (s) => s.agentStatus === 'ONLINE',
      'the server to be ONLINE',
    );
    expect(server.hostname).toBe(fs.readFileSync(path.join(fixture, 'etc/hostname'), 'utf8').trim().toLowerCase());

    const assets = await until(
      async () =>
        (await t.gql('query($id: ID!) { serverAssets(serverId: $id) { software { name } accounts { name } } }', { id: serverId }))
          .data!.serverAssets,
      (a) => a.software.length > 0,
      'the inventory',
    );
    expect(assets.accounts.map((a: { name: string }) => a.name)).toContain('root');
    const findings = await until(
      async () =>
        (
          await t.gql(
            'query($id: ID!) { findings(first: 100, filter: { serverId: $id }) { totalCount edges { node { fingerprint type } } } }',
            { id: serverId },
          )
        ).data!.findings,
      (f) => f.totalCount > 0,
      'the findings',
    );
    expect(findings.edges.map((e: { node: { fingerprint: string } }) => e.node.fingerprint)).toContain(
      'baseline:ssh.permit-root-login',
    );
    await until(
      async () => JSON.parse((await cliRun('status', '--state', state, '--json')).stdout),
      (s) => s.connected === true && s.pendingReports === 0,
      'status to say connected with nothing pending',
    );

    // An SSH brute force against the host: the agent raises the alarm and blocks the IP.
    const failure = (n: number) =>
      `Nov 21 03:12:0${n} web-1 sshd[22${n}]: Failed password for root from 203.0.113.77 port 5110${n} ssh2\n`;
    for (let n = 0; n < 5; n++) fs.appendFileSync(path.join(fixture, 'var/log/auth.log'), failure(n));
    // Web tamper protection, switched on through the policy: a defaced page is put back.
    const policy = await t.gql('mutation($i: UpdatePolicyInput!) { updatePolicy(input: $i) { version } }', {
      i: { regionId: t.regionId, webTamper: { directories: ['/var/www/html'], paused: false } },
    });
    expect(policy.errors).toBeUndefined();
    await until(
      async () => JSON.parse((await cliRun('status', '--state', state, '--json')).stdout),
      (s) => s.policyVersion === 1,
      'the agent to apply the policy',
    );
    const page = path.join(fixture, 'var/www/html/index.html');
    fs.writeFileSync(page, '<h1>Defaced</h1>');
    await until(
      async () => fs.readFileSync(page, 'utf8'),
      (text) => text === '<h1>Welcome</h1>',
      'the page to be restored',
    );

    // A change to a monitored file: its inotify watch raises FILE_INTEGRITY (the full re-hash is hourly).
    fs.appendFileSync(path.join(fixture, 'etc/passwd'), 'toor:x:0:0::/root:/bin/bash\n');
    const alarmTypes = async () =>
      (
        await t.gql(
          'query($id: ID!) { alarms(first: 20, filter: { serverId: $id }) { edges { node { type sourceIp title } } } }',
          {
            id: serverId,
          },
        )
      ).data!.alarms.edges.map((e: { node: { type: string; sourceIp: string | null; title: string } }) => e.node);
    const alarms = await until(
      alarmTypes,
      (list) =>
        ['BRUTE_FORCE', 'FILE_INTEGRITY', 'MALICIOUS_PROGRAM', 'WEB_TAMPER'].every((type) =>
          list.some((a: { type: string }) => a.type === type),
        ),
      'the brute-force, integrity, malware and web tamper alarms',
    );
    expect(alarms.filter((a: { type: string }) => a.type === 'BRUTE_FORCE')).toEqual([
      expect.objectContaining({ type: 'BRUTE_FORCE', sourceIp: '203.0.113.77' }),
    ]);
    expect(alarms.find((a: { type: string }) => a.type === 'MALICIOUS_PROGRAM').title).toMatch(
      /\/tmp\/eicar\.com \(EICAR-Test-File\)/,
    );
    expect(findings.edges.map((e: { node: { fingerprint: string } }) => e.node.fingerprint)).toContainEqual(
      expect.stringMatching(/^malware:275a021b/),
    );
    await until(
      async () => fs.existsSync(firewallRecord),
      (exists) => exists,
      'the block',
    );
    expect(fs.readFileSync(firewallRecord, 'utf8')).toContain('block 203.0.113.77');

    agent.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => agent.once('exit', resolve));
    expect(code, logs).toBe(0);
    expect(
      await until(
        async () =>
          (await t.gql('query($id: ID!) { server(id: $id) { agentStatus agentOfflineReason } }', { id: serverId })).data!.server,
        (s) => s.agentStatus === 'OFFLINE',
        'the server to be OFFLINE',
      ),
    ).toEqual({ agentStatus: 'OFFLINE', agentOfflineReason: 'CONNECTION_CLOSED' });
  }, 300_000);
});
