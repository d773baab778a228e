import { AlarmType, CloseCode, frame, type HostFacts, MessageType, ProtocolErrorCode, Severity } from '@hss/schema';
import { describe, expect, it } from 'vitest';
import { type AgentClient, connectAgent, hostFacts, nextSeq } from '../helpers/agent-client.js';
import { startTestServer, type Tenant, UserRole } from '../helpers/server.js';

/**
 * The agent channel's trust rules (issue #6): enrollment tokens limited in uses, sequence
 * numbers with replays dropped (also after a control-plane restart), credential reuse from a
 * second machine, and credential rotation.
 */
const hss = await startTestServer({ gateway: { flushIntervalMs: 200 } });
const gatewayUrl = hss.app.gateway!.url;

async function createToken(t: Tenant, input: Record<string, unknown> = {}) {
  return t.gql<{ createEnrollmentToken: { token: string; maxUses: number | null } }>(
    'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token maxUses expiresAt } }',
    { i: { regionId: t.regionId, ...input } },
  );
}

async function token(t: Tenant, input: Record<string, unknown> = {}): Promise<string> {
  const res = await createToken(t, input);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createEnrollmentToken.token;
}

interface Enrolled {
  agent: AgentClient;
  agentId: string;
  serverId: string;
  credential: string;
  host: HostFacts;
}

async function enroll(t: Tenant, host = hostFacts(), url = gatewayUrl): Promise<Enrolled> {
  const agent = await connectAgent(url);
  agent.send(MessageType.ENROLL, { token: await token(t), host });
  const welcome = (await agent.next(MessageType.WELCOME)).payload;
  return { agent, agentId: welcome.agentId, serverId: welcome.serverId, credential: welcome.credential!, host };
}

async function authenticate(e: { agentId: string; credential: string; host: HostFacts }, url = gatewayUrl) {
  const agent = await connectAgent(url);
  agent.send(MessageType.AUTHENTICATE, { agentId: e.agentId, credential: e.credential, host: e.host });
  return agent;
}

const alarm = (title: string) => ({
  type: AlarmType.BRUTE_FORCE,
  severity: Severity.HIGH,
  title,
  sourceIp: '203.0.113.9',
  occurredAt: new Date().toISOString(),
});

async function alarmTitles(serverId: string): Promise<string[]> {
  const rows = await hss.sql<{ title: string }>('select title from alarm where server_id = ? order by occurred_at', [serverId]);
  return rows.map((r) => r.title);
}

async function eventually<T>(read: () => Promise<T>, accept: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('enrollment tokens limited in uses', () => {
  it('allows maxUses enrollments, then refuses with a message that says the token is used up', async () => {
    const t = await hss.createTenant();
    const res = await createToken(t, { maxUses: 2 });
    expect(res.data!.createEnrollmentToken.maxUses).toBe(2);
    const limited = res.data!.createEnrollmentToken.token;
    for (let i = 0; i < 2; i++) {
      const agent = await connectAgent(gatewayUrl);
      agent.send(MessageType.ENROLL, { token: limited, host: hostFacts() });
      await agent.next(MessageType.WELCOME);
      agent.close();
    }
    const third = await connectAgent(gatewayUrl);
    third.send(MessageType.ENROLL, { token: limited, host: hostFacts() });
    const error = await third.next(MessageType.ERROR);
    expect(error.payload.code).toBe(ProtocolErrorCode.AUTH_FAILED);
    expect(error.payload.message).toMatch(/used for all of its 2 enrollment/);
    expect((await third.closed).code).toBe(CloseCode.AUTH_FAILED);
    const [row] = await hss.sql<{ uses: number; max_uses: number }>(
      'select uses, max_uses from enrollment_token where account_id = ? and max_uses is not null',
      [t.accountId],
    );
    expect(row).toEqual({ uses: 2, max_uses: 2 });
  });

  it('two hosts racing for the last use: exactly one enrolls', async () => {
    const t = await hss.createTenant();
    const last = await token(t, { maxUses: 1 });
    const agents = await Promise.all(Array.from({ length: 6 }, () => connectAgent(gatewayUrl)));
    for (const a of agents) a.send(MessageType.ENROLL, { token: last, host: hostFacts() });
    const outcomes = await Promise.all(agents.map((a) => a.next().then((m) => m.type)));
    expect(outcomes.filter((type) => type === MessageType.WELCOME)).toHaveLength(1);
    expect(outcomes.filter((type) => type === MessageType.ERROR)).toHaveLength(5);
    const servers = await hss.sql<{ n: number }>('select count(*)::int as n from server where account_id = ?', [t.accountId]);
    expect(servers[0]!.n).toBe(1);
    for (const a of agents) a.close();
  });

  it('without maxUses a token enrolls any number of hosts until it expires; bad limits are refused', async () => {
    const t = await hss.createTenant();
    const res = await createToken(t);
    expect(res.data!.createEnrollmentToken.maxUses).toBeNull();
    for (let i = 0; i < 3; i++) {
      const agent = await connectAgent(gatewayUrl);
      agent.send(MessageType.ENROLL, { token: res.data!.createEnrollmentToken.token, host: hostFacts() });
      await agent.next(MessageType.WELCOME);
      agent.close();
    }
    for (const maxUses of [0, -1, 100_001]) {
      const bad = await createToken(t, { maxUses });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('sequence numbers', () => {
  it('refuses a frame without seq after the handshake', async () => {
    const t = await hss.createTenant();
    const { agent } = await enroll(t);
    agent.send(MessageType.HEARTBEAT, {}, { seq: null });
    const error = await agent.next(MessageType.ERROR);
    expect(error.payload.code).toBe(ProtocolErrorCode.INVALID_FRAME);
    expect(error.payload.message).toMatch(/"seq"/);
    expect((await agent.closed).code).toBe(CloseCode.PROTOCOL_ERROR);
  });

  it('drops a new frame whose seq is not above the last accepted one, logs it without the credential, and closes', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    const seq = nextSeq();
    e.agent.send(MessageType.ALARM, alarm('first'), { seq });
    await e.agent.next(MessageType.ACK);
    const replayId = e.agent.send(MessageType.ALARM, alarm('replayed'), { seq });
    const error = await e.agent.next(MessageType.ERROR);
    expect(error.payload).toMatchObject({ code: ProtocolErrorCode.OUT_OF_SEQUENCE, ackId: replayId });
    expect(error.payload.message).toContain(`not above ${seq}`);
    expect((await e.agent.closed).code).toBe(CloseCode.PROTOCOL_ERROR);
    expect(await alarmTitles(e.serverId)).toEqual(['first']);
    const line = hss.logs.find((l) => l.includes('out of sequence') && l.includes(e.agentId));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 40, agentId: e.agentId, seq, lastSeq: seq, messageId: replayId });
    expect(hss.logs.join('\n')).not.toContain(e.credential);
  });

  it('a lower seq is refused for heartbeats too; the welcome after a reconnect says where to continue', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    const high = nextSeq() + 1000;
    e.agent.send(MessageType.HEARTBEAT, {}, { seq: high });
    e.agent.send(MessageType.HEARTBEAT, {}, { seq: high - 1 });
    expect((await e.agent.next(MessageType.ERROR)).payload.code).toBe(ProtocolErrorCode.OUT_OF_SEQUENCE);
    await e.agent.closed;
    const again = await authenticate(e);
    expect((await again.next(MessageType.WELCOME)).payload.lastSeq).toBe(high);
    again.send(MessageType.ALARM, alarm('after reconnect'), { seq: high + 1 });
    await again.next(MessageType.ACK);
    again.close();
  });

  it('a report resent after a reconnect with its original id and seq is acknowledged again, stored once', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    const seq = nextSeq();
    const id = e.agent.send(MessageType.ALARM, alarm('once'), { seq });
    await e.agent.next(MessageType.ACK);
    e.agent.send(MessageType.HEARTBEAT, {});
    e.agent.close();
    await e.agent.closed;
    const again = await authenticate(e);
    await again.next(MessageType.WELCOME);
    again.send(MessageType.ALARM, alarm('once'), { id, seq });
    expect((await again.next(MessageType.ACK)).payload.ackId).toBe(id);
    // The same report with a fresh seq (what the agent sends) is acknowledged the same way.
    again.send(MessageType.ALARM, alarm('once'), { id });
    expect((await again.next(MessageType.ACK)).payload.ackId).toBe(id);
    expect(await alarmTitles(e.serverId)).toEqual(['once']);
    again.close();
  });

  it('a replay is still caught after a control-plane restart and on another replica', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    // A report's seq is committed with the report; a heartbeat's with the batched last-seen write.
    const reportSeq = nextSeq();
    e.agent.send(MessageType.ALARM, alarm('before restart'), { seq: reportSeq });
    await e.agent.next(MessageType.ACK);
    const beatSeq = nextSeq();
    e.agent.send(MessageType.HEARTBEAT, {}, { seq: beatSeq });
    await eventually(
      async () => (await hss.sql<{ last_seq: string }>('select last_seq from agent where id = ?', [e.agentId]))[0]!.last_seq,
      (v) => Number(v) === beatSeq,
    );
    e.agent.close();
    await e.agent.closed;

    // A second control plane on the same database: what a restarted one, or another replica, sees.
    const other = await startTestServer({ databaseUrl: hss.databaseUrl, gateway: { flushIntervalMs: 200 } });
    const replayer = await authenticate(e, other.app.gateway!.url);
    expect((await replayer.next(MessageType.WELCOME)).payload.lastSeq).toBe(beatSeq);
    const replayed = frame(MessageType.ALARM, alarm('replayed after restart'), { seq: reportSeq });
    replayer.sendRaw(JSON.stringify(replayed));
    expect((await replayer.next(MessageType.ERROR)).payload.code).toBe(ProtocolErrorCode.OUT_OF_SEQUENCE);
    await replayer.closed;
    expect(await alarmTitles(e.serverId)).toEqual(['before restart']);
    expect(other.logs.some((l) => l.includes('out of sequence') && l.includes(e.agentId))).toBe(true);
  });
});

describe('a credential used from two machines', () => {
  it('refuses the second machine with 4412, raises one CREDENTIAL_REUSE alarm, and the original keeps working', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    const sub = hss.ws(t.token);
    const raised: { type: string; serverId: string }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      sub.subscribe(
        { query: `subscription($r: ID!) { alarmRaised(regionId: $r) { type server { id } } }`, variables: { r: t.regionId } },
        {
          next: (v) => {
            const a = (v.data as { alarmRaised: { type: string; server: { id: string } } }).alarmRaised;
            raised.push({ type: a.type, serverId: a.server.id });
            resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    await new Promise((r) => setTimeout(r, 200));

    const clone = { ...e, host: hostFacts({ hostname: 'impostor.example.test' }) };
    for (let attempt = 0; attempt < 2; attempt++) {
      const second = await authenticate(clone);
      const error = await second.next(MessageType.ERROR);
      expect(error.payload.code).toBe(ProtocolErrorCode.CREDENTIAL_IN_USE);
      expect((await second.closed).code).toBe(CloseCode.CREDENTIAL_IN_USE);
    }
    await done;
    expect(raised).toEqual([{ type: 'CREDENTIAL_REUSE', serverId: e.serverId }]);
    const alarms = await hss.sql<{ type: string; source_ip: string; title: string; detail: Record<string, unknown> }>(
      'select type, source_ip, title, detail from alarm where server_id = ?',
      [e.serverId],
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ type: 'CREDENTIAL_REUSE', source_ip: '127.0.0.1' });
    expect(alarms[0]!.title).toContain('impostor.example.test');
    expect(alarms[0]!.detail).toMatchObject({ hostname: 'impostor.example.test', machineId: clone.host.machineId });

    // The original connection was never touched.
    e.agent.send(MessageType.ALARM, alarm('still here'));
    await e.agent.next(MessageType.ACK);
    const [server] = await hss.sql<{ agent_status: string }>('select agent_status from server where id = ?', [e.serverId]);
    expect(server!.agent_status).toBe('ONLINE');
    e.agent.close();
  });

  it('the same machine reconnecting replaces its old connection, with no alarm', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    const second = await authenticate(e);
    await second.next(MessageType.WELCOME);
    expect((await e.agent.closed).code).toBe(CloseCode.REPLACED);
    expect(await alarmTitles(e.serverId)).toEqual([]);
    second.close();
  });
});

describe('credential rotation', () => {
  const rotate = (t: Tenant, serverId: string) =>
    t.gql<{ rotateAgentCredential: { delivering: boolean; server: { agent: { credentialRotationPending: boolean } } } }>(
      'mutation($i: RotateAgentCredentialInput!) { rotateAgentCredential(input: $i) { delivering server { agent { credentialRotationPending credentialRotatedAt } } } }',
      { i: { serverId } },
    );

  async function refused(e: { agentId: string; credential: string; host: HostFacts }) {
    const agent = await authenticate(e);
    const error = await agent.next(MessageType.ERROR);
    expect(error.payload.code).toBe(ProtocolErrorCode.AUTH_FAILED);
    expect((await agent.closed).code).toBe(CloseCode.AUTH_FAILED);
  }

  it('hands a new credential over the live connection; the old one is refused only after the ack', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    const res = await rotate(t, e.serverId);
    expect(res.data!.rotateAgentCredential.delivering).toBe(true);
    const handed = await e.agent.next(MessageType.ROTATE_CREDENTIAL);
    const fresh = handed.payload.credential;
    expect(fresh).not.toBe(e.credential);
    // Not acknowledged yet (the agent might crash before storing it): the old one still works.
    e.agent.close();
    await e.agent.closed;
    const old = await authenticate(e);
    await old.next(MessageType.WELCOME);
    // ...and, authenticated with the old one, the agent is handed a credential again.
    const again = await old.next(MessageType.ROTATE_CREDENTIAL);
    old.send(MessageType.ACK, { ackId: again.id });
    await eventually(
      async () =>
        (await hss.sql<{ p: string | null }>('select pending_credential_hash as p from agent where id = ?', [e.agentId]))[0]!.p,
      (p) => p === null,
    );
    old.close();
    await old.closed;
    await refused(e);
    await refused({ ...e, credential: fresh });
    const renewed = await authenticate({ ...e, credential: again.payload.credential });
    await renewed.next(MessageType.WELCOME);
    renewed.close();
    const audit = await hss.sql<{ action: string }>(
      'select action from audit_log where account_id = ? and action like ? order by created_at',
      [t.accountId, '%CREDENTIAL%'],
    );
    expect(audit.map((a) => a.action)).toEqual(['ROTATE_AGENT_CREDENTIAL', 'AGENT_CREDENTIAL_ROTATED']);
    expect(hss.logs.join('\n')).not.toContain(again.payload.credential);
  });

  it('an agent that stored the new credential but crashed before the ack authenticates with it', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    await rotate(t, e.serverId);
    const handed = await e.agent.next(MessageType.ROTATE_CREDENTIAL);
    e.agent.close();
    await e.agent.closed;
    const back = await authenticate({ ...e, credential: handed.payload.credential });
    await back.next(MessageType.WELCOME);
    back.close();
    await back.closed;
    await refused(e);
  });

  it('an offline agent gets its new credential when it connects; viewers may not rotate', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    e.agent.close();
    await eventually(
      async () => (await hss.sql<{ s: string }>('select agent_status as s from server where id = ?', [e.serverId]))[0]!.s,
      (s) => s === 'OFFLINE',
    );
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    expect((await rotate(viewer, e.serverId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await rotate(t, e.serverId);
    expect(res.data!.rotateAgentCredential).toMatchObject({
      delivering: false,
      server: { agent: { credentialRotationPending: true } },
    });
    const back = await authenticate(e);
    await back.next(MessageType.WELCOME);
    const handed = await back.next(MessageType.ROTATE_CREDENTIAL);
    back.send(MessageType.ACK, { ackId: handed.id });
    await eventually(
      async () =>
        (await hss.sql<{ r: Date | null }>('select credential_rotated_at as r from agent where id = ?', [e.agentId]))[0]!.r,
      (r) => r !== null,
    );
    back.close();
    await refused(e);
  });

  it('two rotation requests at once hand over one credential, and it works', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    const results = await Promise.all([rotate(t, e.serverId), rotate(t, e.serverId), rotate(t, e.serverId)]);
    expect(results.every((r) => r.data?.rotateAgentCredential.delivering)).toBe(true);
    const handed = await e.agent.next(MessageType.ROTATE_CREDENTIAL);
    e.agent.send(MessageType.ACK, { ackId: handed.id });
    await eventually(
      async () =>
        (await hss.sql<{ p: string | null }>('select pending_credential_hash as p from agent where id = ?', [e.agentId]))[0]!.p,
      (p) => p === null,
    );
    e.agent.close();
    await e.agent.closed;
    const renewed = await authenticate({ ...e, credential: handed.payload.credential });
    await renewed.next(MessageType.WELCOME);
    renewed.close();
    await refused(e);
  });

  it('an agent may ask for a rotation itself (hss-agent rotate)', async () => {
    const t = await hss.createTenant();
    const e = await enroll(t);
    e.agent.send(MessageType.REQUEST_ROTATION, {});
    const handed = await e.agent.next(MessageType.ROTATE_CREDENTIAL);
    e.agent.send(MessageType.ACK, { ackId: handed.id });
    await eventually(
      async () =>
        (await hss.sql<{ r: Date | null }>('select credential_rotated_at as r from agent where id = ?', [e.agentId]))[0]!.r,
      (r) => r !== null,
    );
    e.agent.close();
    await refused(e);
  });
});
