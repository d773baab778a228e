import { type ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageType } from '@hss/schema';
import { ensureAgentCa, loadConfig } from '@hss/server';
import { afterAll, describe, expect, it } from 'vitest';
import { connectAgent, hostFacts } from '../helpers/agent-client.js';
import { freshDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/ports.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const procs = new Set<ChildProcess>();
afterAll(async () => {
  for (const proc of procs) proc.kill('SIGKILL');
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-ca-'));
  dirs.push(dir);
  return dir;
}
const read = (file: string) => fs.readFileSync(file, 'utf8');
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const DAY = 86_400_000;

describe('the private CA of the agent channel', () => {
  it('is created once with private keys only the owner can read, and reused afterwards', async () => {
    const dataDir = tempDir();
    const first = await ensureAgentCa({ dataDir, hostnames: [] });
    expect(first).toMatchObject({ caCreated: true, gatewayCertificate: 'issued' });
    expect(mode(first.caKeyFile)).toBe(0o600);
    expect(mode(first.keyFile)).toBe(0o600);
    expect(first.caFile).toBe(path.join(dataDir, 'tls', 'ca.pem'));

    const ca = new X509Certificate(read(first.caFile));
    expect(ca.ca).toBe(true);
    expect(first.caFingerprint).toBe(ca.fingerprint256.replaceAll(':', '').toLowerCase());
    const gateway = new X509Certificate(read(first.certFile));
    expect(gateway.verify(ca.publicKey)).toBe(true);
    expect(gateway.checkHost('localhost')).toBe('localhost');
    expect(gateway.checkHost(os.hostname().toLowerCase())).toBeTruthy();
    expect(gateway.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(gateway.checkIP('::1')).toBeTruthy();

    const before = { ca: read(first.caFile), caKey: read(first.caKeyFile), cert: read(first.certFile), key: read(first.keyFile) };
    const again = await ensureAgentCa({ dataDir, hostnames: [] });
    expect(again).toMatchObject({ caCreated: false, gatewayCertificate: 'reused', caFingerprint: first.caFingerprint });
    expect({
      ca: read(first.caFile),
      caKey: read(first.caKeyFile),
      cert: read(first.certFile),
      key: read(first.keyFile),
    }).toEqual(before);
  });

  it('re-issues the gateway certificate from the same CA when the wanted names change, and only then', async () => {
    const dataDir = tempDir();
    const first = await ensureAgentCa({ dataDir, hostnames: ['hss.example.com'] });
    const more = await ensureAgentCa({ dataDir, hostnames: ['hss.example.com', '10.1.2.3', 'fd00::1'] });
    expect(more).toMatchObject({ caCreated: false, gatewayCertificate: 'issued', caFingerprint: first.caFingerprint });
    const gateway = new X509Certificate(read(more.certFile));
    expect(gateway.checkHost('hss.example.com')).toBe('hss.example.com');
    expect(gateway.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(gateway.checkIP('fd00::1')).toBeTruthy();
    expect(gateway.verify(new X509Certificate(read(more.caFile)).publicKey)).toBe(true);

    // The same names in another order and spelling are the same list.
    const same = await ensureAgentCa({ dataDir, hostnames: ['FD00:0:0::1', '10.1.2.3', 'HSS.example.com'] });
    expect(same.gatewayCertificate).toBe('reused');

    const fewer = await ensureAgentCa({ dataDir, hostnames: [] });
    expect(fewer.gatewayCertificate).toBe('issued');
    expect(new X509Certificate(read(fewer.certFile)).checkHost('hss.example.com')).toBeUndefined();
  });

  it('re-issues a gateway certificate that nears its end, or whose key is not its own', async () => {
    const dataDir = tempDir();
    const first = await ensureAgentCa({ dataDir, hostnames: [] });
    const validTo = new Date(new X509Certificate(read(first.certFile)).validTo).getTime();
    const late = await ensureAgentCa({ dataDir, hostnames: [], now: new Date(validTo - 10 * DAY) });
    expect(late).toMatchObject({ gatewayCertificate: 'issued', caFingerprint: first.caFingerprint });
    expect(new Date(new X509Certificate(read(late.certFile)).validTo).getTime()).toBeGreaterThan(validTo);

    fs.copyFileSync(first.caKeyFile, first.keyFile);
    expect((await ensureAgentCa({ dataDir, hostnames: [] })).gatewayCertificate).toBe('issued');
  });

  it('is one CA when several control planes sharing the data folder start at once', async () => {
    const dataDir = tempDir();
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureAgentCa({ dataDir, hostnames: [] })));
    expect(new Set(results.map((r) => r.caFingerprint)).size).toBe(1);
    expect(results.filter((r) => r.caCreated)).toHaveLength(1);
    expect(fs.readdirSync(path.join(dataDir, 'tls')).sort()).toEqual(['ca-key.pem', 'ca.pem', 'gateway-key.pem', 'gateway.pem']);
  });

  it('refuses contradictory or malformed TLS settings', () => {
    expect(() => loadConfig({ HSS_GATEWAY_TLS: 'off', HSS_TLS_CERT: 'a.pem', HSS_TLS_KEY: 'a.key' })).toThrow(/contradicts/);
    expect(() => loadConfig({ HSS_GATEWAY_TLS: 'maybe' })).toThrow(/HSS_GATEWAY_TLS/);
    expect(() => loadConfig({ HSS_GATEWAY_HOSTNAMES: 'ok.example, bad name' })).toThrow(/"bad name"/);
    expect(() => loadConfig({ HSS_TLS_CA: 'ca.pem' })).toThrow(/HSS_TLS_CA/);
    expect(loadConfig({ HSS_GATEWAY_HOSTNAMES: ' a.example ,10.0.0.1' }).gatewayHostnames).toEqual(['a.example', '10.0.0.1']);
  });
});

/** `node server/dist/main.js` as `npm start` runs it, on a test database; resolves with the gateway's URL. */
async function startMain(
  env: Record<string, string>,
): Promise<{ gatewayUrl: string; output: () => string; stop: () => Promise<void> }> {
  const inherited = { ...process.env };
  for (const key of Object.keys(inherited)) if (/^(HSS_|DATABASE_URL$|REDIS_URL$|NODE_ENV$)/.test(key)) delete inherited[key];
  const proc = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...inherited,
      DATABASE_URL: await freshDatabase(),
      HSS_API_PORT: String(await freePort()),
      HSS_GATEWAY_PORT: String(await freePort()),
      HSS_ADMIN_PASSWORD: 'a-long-enough-password',
      ...env,
    },
  });
  procs.add(proc);
  let out = '';
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const gatewayUrl = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const url = /agent gateway on (wss?:\/\/[^"\s]+)/.exec(out)?.[1];
      if (url) {
        clearInterval(poll);
        resolve(url);
      } else if (proc.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`HSS exited: ${out}`));
      }
    }, 50);
  });
  return {
    gatewayUrl,
    output: () => out,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
      procs.delete(proc);
    },
  };
}

describe('npm start', { timeout: 60_000 }, () => {
  it('serves the agent channel over TLS from its own CA, and keeps the CA across restarts', async () => {
    const dataDir = tempDir();
    const hss = await startMain({ HSS_DATA_DIR: dataDir });
    expect(hss.gatewayUrl).toMatch(/^wss:\/\//);
    const caFile = path.join(dataDir, 'tls', 'ca.pem');
    const ca = fs.readFileSync(caFile);
    const agent = await connectAgent(hss.gatewayUrl, { ca });
    agent.send(MessageType.ENROLL, { token: 'hss_e_not-a-token', host: hostFacts() });
    expect((await agent.next(MessageType.ERROR)).payload.message).toBeTruthy();
    agent.close();
    await expect(connectAgent(hss.gatewayUrl)).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    await hss.stop();

    const again = await startMain({ HSS_DATA_DIR: dataDir });
    expect(fs.readFileSync(caFile)).toEqual(ca);
    (await connectAgent(again.gatewayUrl, { ca })).close();
    await again.stop();
  });

  it('speaks plain ws:// only when told to, and says loudly what that means', async () => {
    const dataDir = tempDir();
    const hss = await startMain({ HSS_DATA_DIR: dataDir, HSS_GATEWAY_TLS: 'off' });
    expect(hss.gatewayUrl).toMatch(/^ws:\/\//);
    expect(hss.output()).toMatch(/"level":40.*HSS_GATEWAY_TLS=off.*PLAIN ws:\/\//);
    expect(fs.existsSync(path.join(dataDir, 'tls'))).toBe(false);
    (await connectAgent(hss.gatewayUrl)).close();
    await hss.stop();
  });
});
