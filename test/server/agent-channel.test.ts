import { CloseCode, MessageType, PROTOCOL_VERSION, ProtocolErrorCode } from '@hss/schema';
import { Topic } from '@hss/server';
import { describe, expect, it } from 'vitest';
import { connectAgent, hostFacts } from '../helpers/agent-client.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const HEARTBEAT_TIMEOUT_MS = 1500;
const hss = await startTestServer({
  gateway: {
    heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    authTimeoutMs: 1000,
    flushIntervalMs: 200,
    messageRate: { perSecond: 20, burst: 40 },
  },
});
const gatewayUrl = hss.app.gateway!.url;

async function enrollmentToken(t: Tenant, regionId = t.regionId): Promise<string> {
  const res = await t.gql<{ createEnrollmentToken: { token: string } }>(
    'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token expiresAt region { id } } }',
    { i: { regionId } },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createEnrollmentToken.token;
}

async function enroll(t: Tenant, host = hostFacts(), token?: string) {
  const agent = await connectAgent(gatewayUrl);
  agent.send(MessageType.ENROLL, { token: token ?? (await enrollmentToken(t)), host });
  const welcome = await agent.next(MessageType.WELCOME);
  return { agent, welcome: welcome.payload, host };
}

async function serverStatus(t: Tenant, id: string) {
  const res = await t.gql<{
    server: { agentStatus: string; agentOfflineReason: string | null; hostname: string; agent: { id: string } | null };
  }>('query($id: ID!) { server(id: $id) { agentStatus agentOfflineReason hostname agent { id version } } }', { id });
  return res.data!.server;
}

async function eventually<T>(read: () => Promise<T>, accept: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('enrollment', () => {
  it('enrolls a host with a token: a new server, ONLINE, with a credential returned once and stored hashed', async () => {
    const t = await hss.createTenant();
    const token = await enrollmentToken(t);
    const [stored] = await hss.sql<{ n: number }>('select count(*)::int as n from enrollment_token where token_hash = ?', [
      token,
    ]);
    expect(stored!.n).toBe(0);
    const { agent, welcome, host } = await enroll(t, hostFacts(), token);
    expect(welcome.credential).toMatch(/^hss_a_/);
    expect(await serverStatus(t, welcome.serverId)).toMatchObject({
      agentStatus: 'ONLINE',
      hostname: host.hostname,
      agent: { id: welcome.agentId },
    });
    const rows = await hss.sql<{ credential_hash: string }>('select credential_hash from agent where id = ?', [welcome.agentId]);
    expect(rows[0]!.credential_hash).not.toContain(welcome.credential!);
    expect(hss.logs.join('\n')).not.toContain(welcome.credential!);
    agent.close();
  });

  it('matches a pre-registered server by hostname, and a re-enrolling host by machine id: no duplicates', async () => {
    const t = await hss.createTenant();
    const [registered] = await hss.registerServers(t, 1, { prefix: 'web' });
    const hostname = 'web-0.example.test';
    const first = await enroll(t, hostFacts({ hostname }));
    expect(first.welcome.serverId).toBe(registered);
    first.agent.close();
    await first.agent.closed;
    const again = await enroll(t, { ...first.host, ips: ['198.51.100.7'] });
    expect(again.welcome.serverId).toBe(registered);
    const [count] = await hss.sql<{ n: number }>('select count(*)::int as n from server where account_id = ?', [t.accountId]);
    expect(count!.n).toBe(1);
    again.agent.close();
  });

  it('refuses unknown, expired and other-region tokens with AUTH_FAILED and close 4403', async () => {
    const t = await hss.createTenant('enroll-regions', ['eu-1']);
    const expired = await enrollmentToken(t);
    await hss.sql(`update enrollment_token set expires_at = now() - interval '1 second' where account_id = ? and uses = 0`, [
      t.accountId,
    ]);
    const first = await enroll(t);
    first.agent.close();
    for (const [token, host] of [
      ['hss_e_not-a-token', hostFacts()],
      [expired, hostFacts()],
      [await enrollmentToken(t, t.regions['eu-1']), first.host],
    ] as const) {
      const agent = await connectAgent(gatewayUrl);
      agent.send(MessageType.ENROLL, { token, host });
      const error = await agent.next(MessageType.ERROR);
      expect(error.payload.code).toBe(ProtocolErrorCode.AUTH_FAILED);
      expect((await agent.closed).code).toBe(CloseCode.AUTH_FAILED);
    }
  });
});

describe('authentication and status', () => {
  it('authenticates with the credential, and turns OFFLINE (CONNECTION_CLOSED) when the socket closes, with events', async () => {
    const t = await hss.createTenant();
    const { agent, welcome, host } = await enroll(t);
    agent.close();
    await eventually(
      () => serverStatus(t, welcome.serverId),
      (s) => s.agentStatus === 'OFFLINE',
    );
    expect(await serverStatus(t, welcome.serverId)).toMatchObject({
      agentStatus: 'OFFLINE',
      agentOfflineReason: 'CONNECTION_CLOSED',
    });

    const events: unknown[] = [];
    const before = hss.app.services.events.subscriberCount(Topic.AGENT_STATUS_CHANGED);
    hss
      .ws(t.token)
      .subscribe(
        { query: 'subscription { agentStatusChanged { serverId status offlineReason } }' },
        { next: (v) => void events.push(v.data), error: () => {}, complete: () => {} },
      );
    await eventually(
      async () => hss.app.services.events.subscriberCount(Topic.AGENT_STATUS_CHANGED),
      (n) => n > before,
    );

    const back = await connectAgent(gatewayUrl);
    back.send(MessageType.AUTHENTICATE, { agentId: welcome.agentId, credential: welcome.credential!, host });
    const again = await back.next(MessageType.WELCOME);
    expect(again.payload).toMatchObject({ agentId: welcome.agentId, serverId: welcome.serverId });
    expect(again.payload.credential).toBeUndefined();
    back.close();
    await eventually(
      async () => events.length,
      (n) => n >= 2,
    );
    expect(events).toEqual([
      { agentStatusChanged: { serverId: welcome.serverId, status: 'ONLINE', offlineReason: null } },
      { agentStatusChanged: { serverId: welcome.serverId, status: 'OFFLINE', offlineReason: 'CONNECTION_CLOSED' } },
    ]);
  });

  it('refuses a wrong credential with close 4403', async () => {
    const t = await hss.createTenant();
    const { agent, welcome, host } = await enroll(t);
    agent.close();
    const intruder = await connectAgent(gatewayUrl);
    intruder.send(MessageType.AUTHENTICATE, { agentId: welcome.agentId, credential: 'hss_a_guessed', host });
    expect((await intruder.next(MessageType.ERROR)).payload.code).toBe(ProtocolErrorCode.AUTH_FAILED);
    expect((await intruder.closed).code).toBe(CloseCode.AUTH_FAILED);
  });

  it('a second connection with the same credential replaces the first, which is closed with a reason', async () => {
    const t = await hss.createTenant();
    const { agent: first, welcome, host } = await enroll(t);
    const second = await connectAgent(gatewayUrl);
    second.send(MessageType.AUTHENTICATE, { agentId: welcome.agentId, credential: welcome.credential!, host });
    await second.next(MessageType.WELCOME);
    const closed = await first.closed;
    expect(closed.code).toBe(CloseCode.REPLACED);
    expect(closed.reason).toMatch(/Another connection/);
    expect((await serverStatus(t, welcome.serverId)).agentStatus).toBe('ONLINE');
    second.close();
  });

  it('revokeAgent closes the socket at once and refuses the credential from then on', async () => {
    const t = await hss.createTenant();
    const { agent, welcome, host } = await enroll(t);
    const res = await t.gql(
      'mutation($i: RevokeAgentInput!) { revokeAgent(input: $i) { server { agentStatus agentOfflineReason } } }',
      {
        i: { serverId: welcome.serverId },
      },
    );
    expect(res.data!.revokeAgent.server).toEqual({ agentStatus: 'OFFLINE', agentOfflineReason: 'REVOKED' });
    expect((await agent.closed).code).toBe(CloseCode.REVOKED);
    const retry = await connectAgent(gatewayUrl);
    retry.send(MessageType.AUTHENTICATE, { agentId: welcome.agentId, credential: welcome.credential!, host });
    expect((await retry.next(MessageType.ERROR)).payload.message).toMatch(/revoked/);
    expect((await retry.closed).code).toBe(CloseCode.REVOKED);
    expect(await serverStatus(t, welcome.serverId)).toMatchObject({ agentStatus: 'OFFLINE', agentOfflineReason: 'REVOKED' });
  });

  it('a silent agent is closed after the heartbeat timeout and turns OFFLINE (HEARTBEAT_TIMEOUT)', async () => {
    const t = await hss.createTenant();
    const { agent, welcome } = await enroll(t);
    expect((await agent.closed).code).toBe(CloseCode.HEARTBEAT_TIMEOUT);
    expect(
      await eventually(
        () => serverStatus(t, welcome.serverId),
        (s) => s.agentStatus === 'OFFLINE',
      ),
    ).toMatchObject({
      agentStatus: 'OFFLINE',
      agentOfflineReason: 'HEARTBEAT_TIMEOUT',
    });
  });

  it('heartbeats keep an agent ONLINE past the timeout', async () => {
    const t = await hss.createTenant();
    const { agent, welcome } = await enroll(t);
    const until = Date.now() + HEARTBEAT_TIMEOUT_MS * 2;
    while (Date.now() < until) {
      agent.send(MessageType.HEARTBEAT, {});
      await new Promise((r) => setTimeout(r, HEARTBEAT_TIMEOUT_MS / 4));
    }
    expect((await serverStatus(t, welcome.serverId)).agentStatus).toBe('ONLINE');
    const [row] = await hss.sql<{ age: number }>(
      'select extract(epoch from now() - last_seen_at)::float as age from agent where id = ?',
      [welcome.agentId],
    );
    expect(row!.age).toBeLessThan(HEARTBEAT_TIMEOUT_MS / 1000);
    agent.close();
  });

  it('after a control-plane crash, agents that do not come back are swept OFFLINE', async () => {
    const t = await hss.createTenant();
    const [serverId] = await hss.registerServers(t, 1);
    // What a crash leaves: ONLINE in the database, nobody connected, last seen long ago.
    await hss.sql(
      `insert into agent (id, account_id, server_id, version, credential_hash, last_seen_at, connection_id)
       values (gen_random_uuid(), ?, ?, '0.1.0', md5(random()::text), now() - interval '1 hour', 'gone')`,
      [t.accountId, serverId],
    );
    await hss.setAgentOnline([serverId!]);
    expect(
      await eventually(
        () => serverStatus(t, serverId!),
        (s) => s.agentStatus === 'OFFLINE',
      ),
    ).toMatchObject({ agentStatus: 'OFFLINE', agentOfflineReason: 'HEARTBEAT_TIMEOUT' });
  });
});

describe('many agents at once', () => {
  it('a network drop that closes 100 connections together marks all OFFLINE, in batches', async () => {
    const t = await hss.createTenant();
    const token = await enrollmentToken(t);
    const agents = [];
    for (let i = 0; i < 100; i++) agents.push(await enroll(t, hostFacts(), token));
    hss.resetQueries();
    for (const { agent } of agents) agent.socket.terminate();
    const offline = await eventually(
      async () =>
        (
          await hss.sql<{ n: number }>(
            `select count(*)::int as n from server where account_id = ? and agent_status = 'OFFLINE'`,
            [t.accountId],
          )
        )[0]!.n,
      (n) => n === 100,
    );
    expect(offline).toBe(100);
    const writes = hss.queries.filter((q) => q.includes('with closing as')).length;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(100);
  });
});

describe('bad frames', () => {
  const cases: [string, (a: Awaited<ReturnType<typeof connectAgent>>) => void, CloseCode, ProtocolErrorCode | null][] = [
    ['not JSON', (a) => a.sendRaw('{nope'), CloseCode.PROTOCOL_ERROR, ProtocolErrorCode.INVALID_FRAME],
    [
      'an unknown protocol version',
      (a) =>
        a.sendRaw(
          JSON.stringify({ v: PROTOCOL_VERSION + 1, id: 'x1', type: 'heartbeat', ts: new Date().toISOString(), payload: {} }),
        ),
      CloseCode.UNSUPPORTED_VERSION,
      ProtocolErrorCode.UNSUPPORTED_VERSION,
    ],
    [
      'a frame that fails its schema',
      (a) =>
        a.sendRaw(
          JSON.stringify({ v: PROTOCOL_VERSION, id: 'x2', type: 'enroll', ts: new Date().toISOString(), payload: { token: 5 } }),
        ),
      CloseCode.PROTOCOL_ERROR,
      ProtocolErrorCode.INVALID_FRAME,
    ],
    [
      'an unknown message type',
      (a) =>
        a.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION, id: 'x3', type: 'launch', ts: new Date().toISOString(), payload: {} })),
      CloseCode.PROTOCOL_ERROR,
      ProtocolErrorCode.INVALID_FRAME,
    ],
    [
      'a heartbeat before authenticating',
      (a) => a.send(MessageType.HEARTBEAT, {}),
      CloseCode.PROTOCOL_ERROR,
      ProtocolErrorCode.NOT_AUTHENTICATED,
    ],
    ['a binary frame', (a) => a.sendRaw(Buffer.from([1, 2, 3])), CloseCode.PROTOCOL_ERROR, ProtocolErrorCode.INVALID_FRAME],
    ['an oversized frame', (a) => a.sendRaw('x'.repeat(5 * 1024 * 1024)), 1009 as CloseCode, null],
    ['silence after connecting', () => {}, CloseCode.AUTH_TIMEOUT, null],
  ];

  it.each(cases)(
    'answers %s with an error and a close code, and keeps serving others',
    async (_name, misbehave, code, errorCode) => {
      const t = await hss.createTenant();
      const good = await enroll(t);
      const bad = await connectAgent(gatewayUrl);
      misbehave(bad);
      if (errorCode) expect((await bad.next(MessageType.ERROR)).payload.code).toBe(errorCode);
      expect((await bad.closed).code).toBe(code);
      // The well-behaved agent on the same gateway is untouched.
      good.agent.send(MessageType.HEARTBEAT, {});
      expect(good.agent.socket.readyState).toBe(1);
      expect((await serverStatus(t, good.welcome.serverId)).agentStatus).toBe('ONLINE');
      good.agent.close();
    },
  );

  it('closes an authenticated agent that floods the gateway (RATE_LIMITED), and only that one', async () => {
    const t = await hss.createTenant();
    const good = await enroll(t);
    const flooder = await enroll(t);
    for (let i = 0; i < 200; i++) flooder.agent.send(MessageType.HEARTBEAT, {});
    expect((await flooder.agent.next(MessageType.ERROR)).payload.code).toBe(ProtocolErrorCode.RATE_LIMITED);
    expect((await flooder.agent.closed).code).toBe(CloseCode.RATE_LIMITED);
    expect((await serverStatus(t, good.welcome.serverId)).agentStatus).toBe('ONLINE');
    expect(
      (
        await eventually(
          () => serverStatus(t, flooder.welcome.serverId),
          (s) => s.agentStatus === 'OFFLINE',
        )
      ).agentStatus,
    ).toBe('OFFLINE');
    good.agent.close();
  });
});
