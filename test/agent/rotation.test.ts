import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloseCode, MessageType, ProtocolErrorCode } from '@hss/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { connectAgent, hostFacts } from '../helpers/agent-client.js';
import { startTestServer } from '../helpers/server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(repo, 'agent/dist/cli.js');
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-agent-rotation-'));
const fixture = path.join(state, 'host');
fs.cpSync(path.join(repo, 'test/fixtures/hosts/debian-hardened'), fixture, { recursive: true, verbatimSymlinks: true });
const hss = await startTestServer({ gateway: { flushIntervalMs: 200 } });
const running: ChildProcess[] = [];
afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
  fs.rmSync(state, { recursive: true, force: true });
});

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

function startAgent(): { process: ChildProcess; logs: () => string } {
  const child = spawn(process.execPath, [cli, 'run', '--state', state, '--root', fixture], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let logs = '';
  child.stderr!.on('data', (d) => (logs += d));
  return { process: child, logs: () => logs };
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

const stored = () =>
  JSON.parse(fs.readFileSync(path.join(state, 'enrollment.json'), 'utf8')) as { agentId: string; credential: string };

/** Authenticating with `credential` is refused (AUTH_FAILED, 4403). */
async function expectRefused(agentId: string, credential: string): Promise<void> {
  const probe = await connectAgent(hss.app.gateway!.url);
  probe.send(MessageType.AUTHENTICATE, { agentId, credential, host: hostFacts() });
  expect((await probe.next(MessageType.ERROR)).payload.code).toBe(ProtocolErrorCode.AUTH_FAILED);
  expect((await probe.closed).code).toBe(CloseCode.AUTH_FAILED);
}

describe('credential rotation with a real agent process', () => {
  it('takes a new credential over its connection, is refused the old one, and reconnects with the new one after a restart', async () => {
    const t = await hss.createTenant();
    const token = (
      await t.gql('mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }', {
        i: { regionId: t.regionId, maxUses: 1 },
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
    const { agentId, credential: original } = stored();
    const status = async () =>
      (
        await t.gql(
          'query($id: ID!) { server(id: $id) { agentStatus agent { credentialRotatedAt credentialRotationPending } } }',
          { id: serverId },
        )
      ).data!.server;

    let agent = startAgent();
    await until(status, (s) => s.agentStatus === 'ONLINE', 'the server to be ONLINE');

    const res = await t.gql('mutation($i: RotateAgentCredentialInput!) { rotateAgentCredential(input: $i) { delivering } }', {
      i: { serverId },
    });
    expect(res.data!.rotateAgentCredential.delivering).toBe(true);
    await until(status, (s) => s.agent.credentialRotatedAt !== null && !s.agent.credentialRotationPending, 'the rotation');
    const rotated = stored().credential;
    expect(rotated).not.toBe(original);
    expect(fs.statSync(path.join(state, 'enrollment.json')).mode & 0o777).toBe(0o600);
    await expectRefused(agentId, original);

    // A restart: the agent connects with the stored credential and continues its sequence.
    agent.process.kill('SIGTERM');
    await new Promise((resolve) => agent.process.once('exit', resolve));
    await until(status, (s) => s.agentStatus === 'OFFLINE', 'the server to be OFFLINE');
    const [before] = await hss.sql<{ last_seq: string }>('select last_seq from agent where id = ?', [agentId]);
    expect(Number(before!.last_seq)).toBeGreaterThan(0);
    agent = startAgent();
    await until(status, (s) => s.agentStatus === 'ONLINE', 'the server to be ONLINE again');
    await until(
      async () =>
        Number((await hss.sql<{ last_seq: string }>('select last_seq from agent where id = ?', [agentId]))[0]!.last_seq),
      (seq) => seq > Number(before!.last_seq),
      'frames after the restart',
    );

    // `hss-agent rotate` next to the running agent: it gets a credential and the agent follows.
    const cliRotate = await cliRun('rotate', '--state', state, '--root', fixture);
    expect(cliRotate.status, cliRotate.stderr).toBe(0);
    const third = stored().credential;
    expect(third).not.toBe(rotated);
    await until(
      async () =>
        (await hss.sql<{ p: string | null }>('select pending_credential_hash as p from agent where id = ?', [agentId]))[0]!.p,
      (p) => p === null,
      'the CLI rotation to complete',
    );
    await expectRefused(agentId, rotated);
    await until(status, (s) => s.agentStatus === 'ONLINE', 'the running agent back ONLINE');
    await until(
      async () => agent.logs(),
      (logs) => (logs.match(/connected to the control plane/g) ?? []).length >= 2,
      'the running agent to reconnect',
    );
    expect(agent.logs()).not.toContain('OUT_OF_SEQUENCE');
    expect(agent.logs()).not.toContain(third);
    expect(hss.logs.join('\n')).not.toContain(third);
  });
});
