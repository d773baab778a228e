import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAgentCa } from '@hss/server';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/expect.js';
import { startTestServer } from '../helpers/server.js';

/**
 * The one-line install: the control plane (gateway on TLS from its own CA) serves install.sh,
 * the agent package and the CA; the script pins the CA, installs into a prefix, enrolls, and the
 * installed agent runs as a real process.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
// The package is made by the agent's build (tsc, then this); a test run after `tsc -b` alone gets it too.
execFileSync(process.execPath, [path.join(repo, 'agent/bundle.mjs')], { stdio: 'inherit' });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-install-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
});
const ca = await ensureAgentCa({ dataDir: path.join(work, 'data'), hostnames: [] });
const hss = await startTestServer({
  gateway: { flushIntervalMs: 200 },
  env: { HSS_TLS_CERT: ca.certFile, HSS_TLS_KEY: ca.keyFile, HSS_TLS_CA: ca.caFile },
});
// A gateway on plain ws:// (no private CA) beside it.
const plain = await startTestServer({ gateway: {} });
const fixture = path.join(work, 'host');
fs.cpSync(path.join(repo, 'test/fixtures/hosts/debian-hardened'), fixture, { recursive: true, verbatimSymlinks: true });

const ENROLL = `mutation($i: CreateEnrollmentTokenInput!) {
  createEnrollmentToken(input: $i) { token expiresAt installCommand caFingerprint region { id } }
}`;

function bash(script: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-s', '--', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
    child.stdin!.end(script);
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

const fetchScript = async () => {
  const res = await fetch(`${hss.app.url}/agent/install.sh`);
  expect(res.status).toBe(200);
  return res.text();
};

describe('installing the agent with the one-line command', { timeout: 90_000 }, () => {
  it('gives the install command with the token and the CA fingerprint', async () => {
    const t = await hss.createTenant();
    const created = expectOk(await t.gql(ENROLL, { i: { regionId: t.regionId } })).createEnrollmentToken;
    expect(created.token).toMatch(/^hss_e_/);
    expect(created.region.id).toBe(t.regionId);
    expect(created.caFingerprint).toBe(ca.caFingerprint);
    expect(created.installCommand).toBe(
      `curl -fsSL ${hss.app.url}/agent/install.sh | sudo bash -s -- --token ${created.token} --ca-sha256 ${ca.caFingerprint}`,
    );
    expect(await (await fetch(`${hss.app.url}/agent/ca.pem`)).text()).toBe(fs.readFileSync(ca.caFile, 'utf8'));
  });

  it('installs into a prefix, pins the CA, enrolls; the installed agent runs and its server is ONLINE', async () => {
    const t = await hss.createTenant();
    const { token } = expectOk(await t.gql(ENROLL, { i: { regionId: t.regionId } })).createEnrollmentToken;
    const script = await fetchScript();
    const gatewayPort = new URL(hss.app.gateway!.url).port;
    expect(script).toContain(`GATEWAY_URL='wss://127.0.0.1:${gatewayPort}'`);
    const tarball = Buffer.from(await (await fetch(`${hss.app.url}/agent/hss-agent.tar.gz`)).arrayBuffer());
    expect(script).toContain(`PACKAGE_SHA256='${createHash('sha256').update(tarball).digest('hex')}'`);

    const prefix = path.join(work, 'opt');
    const stateDir = path.join(work, 'state');
    // Colons and capitals, as openssl prints fingerprints, are the same fingerprint.
    const colons = ca.caFingerprint.toUpperCase().match(/../g)!.join(':');
    const installed = await bash(
      script,
      '--token',
      token,
      '--ca-sha256',
      colons,
      '--prefix',
      prefix,
      '--state-dir',
      stateDir,
      '--no-start',
    );
    expect(installed.status, installed.stdout + installed.stderr).toBe(0);
    expect(installed.stdout).toMatch(/the CA matches the pinned fingerprint/);
    expect(installed.stdout).toMatch(/installed and enrolled; not starting it \(--no-start\)/);
    expect(fs.statSync(path.join(stateDir, 'enrollment.json')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(prefix, 'ca.pem'), 'utf8')).toBe(fs.readFileSync(ca.caFile, 'utf8'));
    for (const file of ['dist/hss-agent.mjs', 'policies/cis-linux.json', 'packaging/hss-agent.service', 'bin/hss-agent']) {
      expect(fs.existsSync(path.join(prefix, file)), file).toBe(true);
    }
    const serverId = /server ([0-9a-f-]{36})/.exec(installed.stdout)![1]!;

    // The wrapper knows its state folder; the agent runs from the single-file bundle alone.
    const agent = spawn(path.join(prefix, 'bin/hss-agent'), ['run', '--root', fixture], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HSS_AGENT_STATE_DIR: '' },
    });
    running.push(agent);
    let logs = '';
    agent.stderr!.on('data', (d) => (logs += d));
    const server = await until(
      async () =>
        expectOk(await t.gql('query($id: ID!) { server(id: $id) { agentStatus agent { version } } }', { id: serverId })).server,
      (s) => s.agentStatus === 'ONLINE',
      'the server to be ONLINE',
    ).catch((err) => {
      throw new Error(`${(err as Error).message}\nagent log:\n${logs}`);
    });
    expect(server.agent.version).toBe(JSON.parse(fs.readFileSync(path.join(repo, 'agent/package.json'), 'utf8')).version);
    const status = execFileSync(path.join(prefix, 'bin/hss-agent'), ['status', '--json'], {
      env: { ...process.env, HSS_AGENT_STATE_DIR: '' },
    });
    expect(JSON.parse(status.toString())).toMatchObject({ enrolled: true, serverId });
    agent.kill('SIGTERM');
  });

  it('refuses a CA that does not match --ca-sha256, and installs nothing', async () => {
    const t = await hss.createTenant();
    const { token } = expectOk(await t.gql(ENROLL, { i: { regionId: t.regionId } })).createEnrollmentToken;
    const prefix = path.join(work, 'wrong-ca');
    const wrong = 'ab'.repeat(32);
    const res = await bash(
      await fetchScript(),
      '--token',
      token,
      '--ca-sha256',
      wrong,
      '--prefix',
      prefix,
      '--state-dir',
      `${prefix}-state`,
    );
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`has SHA-256 ${ca.caFingerprint}, not the ${wrong} given with --ca-sha256`);
    expect(res.stderr).toMatch(/Refusing to trust it.*Nothing was installed/);
    expect(fs.existsSync(prefix)).toBe(false);
    expect(fs.existsSync(`${prefix}-state`)).toBe(false);
  });

  it('says what is wrong with a missing, malformed or unknown token, or a missing fingerprint', async () => {
    const script = await fetchScript();
    const prefix = path.join(work, 'bad-token');
    const opts = ['--prefix', prefix, '--state-dir', `${prefix}-state`, '--no-start'];

    const missing = await bash(script, '--ca-sha256', ca.caFingerprint, ...opts);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/an enrollment token is required: --token hss_e_/);

    const malformed = await bash(script, '--token', 'hss_e_x; rm -rf /', '--ca-sha256', ca.caFingerprint, ...opts);
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toMatch(/--token does not look like an enrollment token/);

    const noPin = await bash(script, '--token', `hss_e_${'A'.repeat(43)}`, ...opts);
    expect(noPin.status).toBe(1);
    expect(noPin.stderr).toMatch(/--ca-sha256 is required/);
    expect(fs.existsSync(prefix)).toBe(false);

    const unknown = await bash(script, '--token', `hss_e_${'A'.repeat(43)}`, '--ca-sha256', ca.caFingerprint, ...opts);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/enrollment refused/);
    expect(unknown.stderr).toMatch(/enrollment failed \(see above\)/);
    expect(fs.existsSync(path.join(`${prefix}-state`, 'enrollment.json'))).toBe(false);
  });

  it('refuses a Host header that does not belong in a script', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${hss.app.url}/agent/install.sh`);
      import('node:http').then(({ request }) => {
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, headers: { host: "evil';rm -rf /;'" } },
          (r) => {
            let body = '';
            r.on('data', (d) => (body += d));
            r.on('end', () => resolve({ status: r.statusCode!, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    });
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('rm -rf');
  });
});

describe('a control plane whose gateway has no private CA', () => {
  it('gives an install command without a pin, and no CA to download', async () => {
    const t = await plain.createTenant();
    const created = expectOk(await t.gql(ENROLL, { i: { regionId: t.regionId } })).createEnrollmentToken;
    expect(created.caFingerprint).toBeNull();
    expect(created.installCommand).toBe(
      `curl -fsSL ${plain.app.url}/agent/install.sh | sudo bash -s -- --token ${created.token}`,
    );
    expect((await fetch(`${plain.app.url}/agent/ca.pem`)).status).toBe(404);
    expect(await (await fetch(`${plain.app.url}/agent/install.sh`)).text()).toContain(
      `GATEWAY_URL='ws://127.0.0.1:${new URL(plain.app.gateway!.url).port}'`,
    );
  });
});
