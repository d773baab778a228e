import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageType } from '@hss/schema';
import { createLogger, loadConfig, startApp } from '@hss/server';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentChannel, enroll } from '../../agent/src/channel/channel.js';
import { Spool } from '../../agent/src/channel/spool.js';
import { hostFacts } from '../helpers/agent-client.js';
import { freePort } from '../helpers/ports.js';
import { startTestServer } from '../helpers/server.js';

const gatewayPort = await freePort();
const hss = await startTestServer({ gateway: { flushIntervalMs: 200 }, gatewayPort });
const url = `ws://127.0.0.1:${gatewayPort}`;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-channel-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the agent channel, from the agent side', () => {
  it("refuses a bad enrollment token with the control plane's reason", async () => {
    await expect(enroll(url, 'hss_e_wrong', hostFacts())).rejects.toThrow(
      /enrollment refused: The enrollment token is unknown or has expired/,
    );
  });

  it('loses nothing: alarms raised while the control plane is down arrive exactly once after it returns', async () => {
    const t = await hss.createTenant();
    const token = (
      await t.gql('mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }', {
        i: { regionId: t.regionId },
      })
    ).data!.createEnrollmentToken.token as string;
    const host = hostFacts();
    const credentials = await enroll(url, token, host);
    const spool = await Spool.open({ dir: path.join(root, 'spool'), maxBytes: 8 << 20, maxMessages: 10_000 });
    const channel = new AgentChannel(credentials, { url, host, spool, backoff: { initialMs: 50, maxMs: 500 } });
    let welcomes = 0;
    channel.on('welcome', () => welcomes++);
    channel.start();
    await until(() => channel.connected, 'the first connection');

    const raise = (i: number) =>
      channel.report(MessageType.ALARM, {
        type: 'BRUTE_FORCE' as never,
        severity: 'HIGH' as never,
        title: `SSH brute force #${i}`,
        sourceIp: '203.0.113.9',
        occurredAt: new Date().toISOString(),
      });
    for (let i = 0; i < 5; i++) await raise(i);
    await until(() => spool.size === 0, 'the first alarms to be acknowledged');

    // The control plane goes away; the agent keeps raising alarms.
    await hss.app.stop();
    await until(() => !channel.connected, 'the agent to notice');
    for (let i = 5; i < 25; i++) await raise(i);
    expect(spool.size).toBe(20);

    // It comes back on the same database and port: the agent reconnects and drains its spool.
    const config = loadConfig({ NODE_ENV: 'test' });
    const again = await startApp({ config, databaseUrl: hss.databaseUrl, log: createLogger('silent'), port: 0, gatewayPort });
    try {
      await until(() => spool.size === 0, 'the spool to drain');
      const rows = await again.orm.em
        .fork()
        .getConnection()
        .execute<{ title: string }[]>('select title from alarm where server_id = ?', [credentials.serverId]);
      expect(rows.map((r) => r.title).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `SSH brute force #${i}`).sort());
      expect(welcomes).toBeGreaterThanOrEqual(2);
    } finally {
      await channel.stop();
      await again.stop();
    }
  });

  it('stops for good when the agent is revoked', async () => {
    const hss2 = await startTestServer({ gateway: {} });
    const t = await hss2.createTenant();
    const token = (
      await t.gql('mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }', {
        i: { regionId: t.regionId },
      })
    ).data!.createEnrollmentToken.token as string;
    const host = hostFacts();
    const credentials = await enroll(hss2.app.gateway!.url, token, host);
    const spool = await Spool.open({ dir: path.join(root, 'spool-revoked'), maxBytes: 1 << 20, maxMessages: 100 });
    const channel = new AgentChannel(credentials, {
      url: hss2.app.gateway!.url,
      host,
      spool,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    const fatal = new Promise<{ code: number }>((resolve) => channel.on('fatal', resolve));
    channel.start();
    await until(() => channel.connected, 'the connection');
    await t.gql('mutation($i: RevokeAgentInput!) { revokeAgent(input: $i) { server { id } } }', {
      i: { serverId: credentials.serverId },
    });
    expect((await fatal).code).toBe(4410);
    await new Promise((r) => setTimeout(r, 500));
    expect(channel.connected).toBe(false);
    await channel.stop();
  });
});
