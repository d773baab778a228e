import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(repo, 'agent/dist/cli.js');
const fixture = path.join(repo, 'test/fixtures/hosts/debian-weak');
const hss = await startTestServer({ gateway: { flushIntervalMs: 200 } });
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-agent-e2e-'));
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
  const deadline = Date.now() + 30_000;
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
  });
});
