import { MessageType, type Payloads, UserRole } from '@hss/schema';
import { calendarDay, Topic } from '@hss/server';
import { describe, expect, it } from 'vitest';
import { type AgentClient, connectAgent, hostFacts } from '../helpers/agent-client.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer({ gateway: { flushIntervalMs: 200 } });
const gatewayUrl = hss.app.gateway!.url;

interface EnrolledAgent {
  agent: AgentClient;
  agentId: string;
  serverId: string;
  credential: string;
  host: ReturnType<typeof hostFacts>;
}

async function enrolledAgent(t: Tenant): Promise<EnrolledAgent> {
  const res = await t.gql<{ createEnrollmentToken: { token: string } }>(
    'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }',
    { i: { regionId: t.regionId } },
  );
  const host = hostFacts();
  const agent = await connectAgent(gatewayUrl);
  agent.send(MessageType.ENROLL, { token: res.data!.createEnrollmentToken.token, host });
  const welcome = (await agent.next(MessageType.WELCOME)).payload;
  return { agent, agentId: welcome.agentId, serverId: welcome.serverId, credential: welcome.credential!, host };
}

/** Sends a report and waits for its ack; returns the message id. */
async function report<T extends MessageType>(agent: AgentClient, type: T, payload: Payloads[T], id?: string): Promise<string> {
  const messageId = agent.send(type, payload, id ? { id } : {});
  const ack = await agent.next(MessageType.ACK);
  expect(ack.payload.ackId).toBe(messageId);
  return messageId;
}

function inventory(size: number, tag = 'a'): Payloads[MessageType.INVENTORY] {
  return {
    collectedAt: new Date().toISOString(),
    software: Array.from({ length: size }, (_, i) => ({
      name: `pkg-${tag}-${i}`,
      version: `1.${i}`,
      architecture: 'amd64',
      source: 'dpkg' as const,
    })),
    ports: [{ protocol: 'tcp' as const, address: '0.0.0.0', port: 22, pid: 812, process: 'sshd' }],
    processes: [{ pid: 812, name: 'sshd', commandLine: 'sshd: /usr/sbin/sshd -D', user: 'root', executable: '/usr/sbin/sshd' }],
    accounts: [
      { name: 'root', uid: 0, gid: 0, shell: '/bin/bash', home: '/root', loginShell: true, sudo: true, emptyPassword: false },
      {
        name: `ops-${tag}`,
        uid: 1000,
        gid: 1000,
        shell: '/bin/bash',
        home: `/home/ops-${tag}`,
        loginShell: true,
        sudo: true,
        emptyPassword: false,
      },
    ],
    autostart: [
      { kind: 'systemd' as const, name: 'ssh.service' },
      { kind: 'cron' as const, name: '/etc/cron.d/backup', command: '/usr/local/bin/backup', user: 'root' },
    ],
  };
}

const finding = (fingerprint: string, severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL') => ({
  fingerprint,
  type: 'UNSAFE_CONFIGURATION' as never,
  severity: severity as never,
  title: `Check ${fingerprint}`,
  remediation: 'Fix it.',
});

async function protect(t: Tenant, serverId: string) {
  await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
  const res = await t.gql('mutation($i: EnableProtectionInput!) { enableProtection(input: $i) { scanTask { id } } }', {
    i: { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.enableProtection.scanTask.id as string;
}

async function findings(t: Tenant, serverId: string) {
  const res = await t.gql<{ findings: { edges: { node: { fingerprint: string; status: string } }[] } }>(
    'query($s: ID!) { findings(first: 100, filter: { serverId: $s }) { edges { node { fingerprint status } } } }',
    { s: serverId },
  );
  return Object.fromEntries(res.data!.findings.edges.map((e) => [e.node.fingerprint, e.node.status]));
}

async function detection(t: Tenant, serverId: string) {
  const res = await t.gql('query($id: ID!) { server(id: $id) { detectionResult riskScore lastScanAt } }', { id: serverId });
  return res.data!.server as { detectionResult: string; riskScore: number; lastScanAt: string | null };
}

describe('inventory reports', () => {
  it('replace the previous snapshot and are queryable through GraphQL once acknowledged', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    await report(a.agent, MessageType.INVENTORY, inventory(300, 'first'));
    await report(a.agent, MessageType.INVENTORY, inventory(5, 'second'));
    const res = await t.gql(
      `query($s: ID!) { serverAssets(serverId: $s) {
        software { name version } ports { port process } processes { pid user commandLine } accounts { name uid sudo } autostart { kind name } } }`,
      { s: a.serverId },
    );
    const assets = res.data!.serverAssets;
    expect(assets.software.map((s: { name: string }) => s.name).sort()).toEqual([
      'pkg-second-0',
      'pkg-second-1',
      'pkg-second-2',
      'pkg-second-3',
      'pkg-second-4',
    ]);
    expect(assets.ports).toEqual([{ port: 22, process: 'sshd' }]);
    expect(assets.processes).toEqual([{ pid: 812, user: 'root', commandLine: 'sshd: /usr/sbin/sshd -D' }]);
    expect(assets.accounts.map((x: { name: string }) => x.name)).toEqual(['root', 'ops-second']);
    expect(assets.autostart).toHaveLength(2);
    a.agent.close();
  });

  it('write each asset table with one statement, for 10 packages as for 2,000 (bulk, not per row)', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const tables = ['software', 'listening_port', 'process', 'host_account', 'autostart_item'];
    const statementsPerTable = () =>
      tables.map((table) => hss.queries.filter((q) => q.includes(`into "${table}"`) || q.includes(`from "${table}"`)).length);
    hss.resetQueries();
    await report(a.agent, MessageType.INVENTORY, inventory(10, 'small'));
    expect(statementsPerTable()).toEqual([1, 1, 1, 1, 1]);
    hss.resetQueries();
    await report(a.agent, MessageType.INVENTORY, inventory(2000, 'large'));
    expect(statementsPerTable()).toEqual([1, 1, 1, 1, 1]);
    const [count] = await hss.sql<{ n: number }>('select count(*)::int as n from software where server_id = ?', [a.serverId]);
    expect(count!.n).toBe(2000);
    a.agent.close();
  });
});

describe('findings reports', () => {
  it('upsert by fingerprint: new → OPEN, missing → FIXED, handled or ignored stay so; the detection result follows', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    await protect(t, a.serverId);
    expect((await detection(t, a.serverId)).detectionResult).toBe('PENDING');

    await report(a.agent, MessageType.FINDINGS, {
      scannedAt: new Date().toISOString(),
      findings: [finding('ssh-root', 'HIGH'), finding('motd', 'LOW')],
    });
    expect(await findings(t, a.serverId)).toEqual({ 'ssh-root': 'OPEN', motd: 'OPEN' });
    expect(await detection(t, a.serverId)).toMatchObject({ detectionResult: 'RISKY', riskScore: 101 });

    await report(a.agent, MessageType.FINDINGS, {
      scannedAt: new Date().toISOString(),
      findings: [finding('motd', 'LOW'), finding('umask', 'LOW')],
    });
    expect(await findings(t, a.serverId)).toEqual({ 'ssh-root': 'FIXED', motd: 'OPEN', umask: 'OPEN' });
    // Only low findings left: a finished scan with nothing serious is SAFE.
    expect(await detection(t, a.serverId)).toMatchObject({ detectionResult: 'SAFE', riskScore: 2 });

    await hss.sql(`update finding set status = 'IGNORED' where server_id = ? and fingerprint = 'motd'`, [a.serverId]);
    await report(a.agent, MessageType.FINDINGS, {
      scannedAt: new Date().toISOString(),
      findings: [finding('ssh-root', 'CRITICAL'), finding('motd', 'LOW')],
    });
    expect(await findings(t, a.serverId)).toEqual({ 'ssh-root': 'OPEN', motd: 'IGNORED', umask: 'FIXED' });
    expect(await detection(t, a.serverId)).toMatchObject({ detectionResult: 'RISKY', riskScore: 1000 });
    a.agent.close();
  });

  it('leave an unprotected server PENDING', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    await report(a.agent, MessageType.FINDINGS, { scannedAt: new Date().toISOString(), findings: [finding('ssh-root', 'HIGH')] });
    expect(await detection(t, a.serverId)).toMatchObject({ detectionResult: 'PENDING', riskScore: 100 });
    a.agent.close();
  });
});

describe('alarms', () => {
  it('are stored, published to alarmRaised, and a resent message id is acknowledged but never stored twice', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const received: unknown[] = [];
    const before = hss.app.services.events.subscriberCount(Topic.ALARM_RAISED);
    hss
      .ws(t.token)
      .subscribe(
        { query: 'subscription { alarmRaised { type severity sourceIp server { id } } }' },
        { next: (v) => void received.push(v.data), error: () => {}, complete: () => {} },
      );
    while (hss.app.services.events.subscriberCount(Topic.ALARM_RAISED) <= before) await new Promise((r) => setTimeout(r, 10));

    const alarm = {
      type: 'BRUTE_FORCE' as never,
      severity: 'HIGH' as never,
      title: 'SSH brute force from 203.0.113.9',
      sourceIp: '203.0.113.9',
      occurredAt: new Date().toISOString(),
    };
    const id = await report(a.agent, MessageType.ALARM, alarm);
    await report(a.agent, MessageType.ALARM, alarm, id);
    // A resend after a reconnect, on a new connection, is recognised too.
    a.agent.close();
    const back = await connectAgent(gatewayUrl);
    back.send(MessageType.AUTHENTICATE, { agentId: a.agentId, credential: a.credential, host: a.host });
    await back.next(MessageType.WELCOME);
    await report(back, MessageType.ALARM, alarm, id);

    const rows = await hss.sql<{ n: number }>('select count(*)::int as n from alarm where server_id = ?', [a.serverId]);
    expect(rows[0]!.n).toBe(1);
    while (received.length < 1) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual([
      { alarmRaised: { type: 'BRUTE_FORCE', severity: 'HIGH', sourceIp: '203.0.113.9', server: { id: a.serverId } } },
    ]);
    back.close();
  });
});

describe('scans', () => {
  it('enabling protection sends a full scan to the online agent, which moves it RUNNING → DONE, each step on scanProgress', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const progress: { status: string; progress: number }[] = [];
    const before = hss.app.services.events.subscriberCount(Topic.SCAN_PROGRESS);
    hss.ws(t.token).subscribe(
      { query: 'subscription($s: ID!) { scanProgress(serverId: $s) { status progress } }', variables: { s: a.serverId } },
      {
        next: (v) => void progress.push((v.data as { scanProgress: { status: string; progress: number } }).scanProgress),
        error: () => {},
        complete: () => {},
      },
    );
    while (hss.app.services.events.subscriberCount(Topic.SCAN_PROGRESS) <= before) await new Promise((r) => setTimeout(r, 10));

    const scanTaskId = await protect(t, a.serverId);
    const task = await a.agent.next(MessageType.SCAN_TASK);
    expect(task.payload).toEqual({ scanTaskId, kind: 'FULL' });
    await report(a.agent, MessageType.SCAN_PROGRESS, { scanTaskId, status: 'RUNNING' as never, progress: 50 });
    await report(a.agent, MessageType.SCAN_PROGRESS, { scanTaskId, status: 'DONE' as never, progress: 100 });
    while (progress.length < 3) await new Promise((r) => setTimeout(r, 10));
    expect(progress).toEqual([
      { status: 'QUEUED', progress: 0 },
      { status: 'RUNNING', progress: 50 },
      { status: 'DONE', progress: 100 },
    ]);
    const res = await t.gql('query($s: ID!) { scanTasks(serverId: $s) { id status trigger startedAt finishedAt } }', {
      s: a.serverId,
    });
    expect(res.data!.scanTasks[0]).toMatchObject({ id: scanTaskId, status: 'DONE', trigger: 'PROTECTION_ENABLED' });
    expect(res.data!.scanTasks[0].finishedAt).not.toBeNull();
    a.agent.close();
  });

  it('startScan keeps the task QUEUED while the agent is offline and sends it when it comes back', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const first = await protect(t, a.serverId);
    await a.agent.next(MessageType.SCAN_TASK);
    await report(a.agent, MessageType.SCAN_PROGRESS, { scanTaskId: first, status: 'DONE' as never, progress: 100 });
    a.agent.close();
    await a.agent.closed;
    const res = await t.gql('mutation($i: StartScanInput!) { startScan(input: $i) { scanTask { id status trigger } } }', {
      i: { serverId: a.serverId },
    });
    const manual = res.data!.startScan.scanTask;
    expect(manual).toMatchObject({ status: 'QUEUED', trigger: 'MANUAL' });
    const back = await connectAgent(gatewayUrl);
    back.send(MessageType.AUTHENTICATE, { agentId: a.agentId, credential: a.credential, host: a.host });
    await back.next(MessageType.WELCOME);
    expect((await back.next(MessageType.SCAN_TASK)).payload.scanTaskId).toBe(manual.id);
    back.close();
  });

  it('a scan the agent never finishes becomes TIMED_OUT; startScan on an unprotected server is NOT_PROTECTED', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const notProtected = await t.gql('mutation($i: StartScanInput!) { startScan(input: $i) { scanTask { id } } }', {
      i: { serverId: a.serverId },
    });
    expect(notProtected.errors?.[0]?.extensions?.code).toBe('NOT_PROTECTED');
    const scanTaskId = await protect(t, a.serverId);
    await report(a.agent, MessageType.SCAN_PROGRESS, { scanTaskId, status: 'RUNNING' as never, progress: 10 });
    expect(await hss.app.services.scans.timeOutStale(hss.app.orm.em.fork(), 0)).toBeGreaterThanOrEqual(1);
    const [row] = await hss.sql<{ status: string }>('select status from scan_task where id = ?', [scanTaskId]);
    expect(row!.status).toBe('TIMED_OUT');
    // A late report changes nothing.
    await report(a.agent, MessageType.SCAN_PROGRESS, { scanTaskId, status: 'DONE' as never, progress: 100 });
    const [after] = await hss.sql<{ status: string }>('select status from scan_task where id = ?', [scanTaskId]);
    expect(after!.status).toBe('TIMED_OUT');
    a.agent.close();
  });

  it('the daily scan is queued exactly once per protected server even when two control planes run it', async () => {
    const other = await startTestServer({ databaseUrl: hss.databaseUrl });
    const t = await hss.createTenant();
    const [p1, p2, unprotected] = await hss.registerServers(t, 3);
    await hss.setAgentOnline([p1!, p2!, unprotected!]);
    await protect(t, p1!);
    await protect(t, p2!);
    const day = calendarDay(new Date(Date.now() + 86_400_000 * 3), 'Asia/Shanghai');
    await Promise.all([
      hss.app.services.scans.scheduleDaily(hss.app.orm.em.fork(), day),
      other.app.services.scans.scheduleDaily(other.app.orm.em.fork(), day),
      hss.app.services.scans.scheduleDaily(hss.app.orm.em.fork(), day),
    ]);
    const rows = await hss.sql<{ server_id: string }>(
      `select server_id from scan_task where trigger = 'DAILY' and scheduled_for = ?::date and account_id = ?`,
      [day, t.accountId],
    );
    expect(rows.map((r) => r.server_id).sort()).toEqual([p1, p2].sort());
  });
});

describe('policies', () => {
  it("a change is pushed to the region's online agents, which acknowledge it", async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const initial = await a.agent.next(MessageType.POLICY);
    expect(initial.payload.version).toBe(0);
    expect(initial.payload.policy).toMatchObject({ bruteForce: { threshold: 5, windowSeconds: 30, blockSeconds: 43200 } });

    const res = await t.gql(
      `mutation($i: UpdatePolicyInput!) { updatePolicy(input: $i) { version bruteForce { threshold windowSeconds blockSeconds }
        loginProtection { sshWhitelist enforceSshWhitelist } fimPaths } }`,
      {
        i: {
          regionId: t.regionId,
          bruteForce: { threshold: 3, windowSeconds: 60, blockSeconds: 3600 },
          loginProtection: { commonLoginIps: ['198.51.100.0/24'], sshWhitelist: ['10.0.0.0/8'], enforceSshWhitelist: true },
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updatePolicy).toMatchObject({
      version: 1,
      bruteForce: { threshold: 3 },
      loginProtection: { sshWhitelist: ['10.0.0.0/8'] },
    });
    expect(res.data!.updatePolicy.fimPaths).toContain('/etc/passwd');

    const pushed = await a.agent.next(MessageType.POLICY);
    expect(pushed.payload.version).toBe(1);
    expect(pushed.payload.policy).toMatchObject({ bruteForce: { threshold: 3, windowSeconds: 60, blockSeconds: 3600 } });
    a.agent.send(MessageType.ACK, { ackId: pushed.id });
    let ack = 0;
    for (let i = 0; i < 100 && ack === 0; i++) {
      const view = await t.gql('query($r: ID!) { policy(regionId: $r) { version acknowledgedBy } }', { r: t.regionId });
      ack = view.data!.policy.acknowledgedBy;
      if (!ack) await new Promise((r) => setTimeout(r, 20));
    }
    expect(ack).toBe(1);
    a.agent.close();
  });

  it('rejects bad values with BAD_USER_INPUT and a viewer with FORBIDDEN, writing nothing', async () => {
    const t = await hss.createTenant();
    const update = 'mutation($i: UpdatePolicyInput!) { updatePolicy(input: $i) { version } }';
    for (const bad of [
      { bruteForce: { threshold: 0, windowSeconds: 30, blockSeconds: 60 } },
      { loginProtection: { commonLoginIps: ['not-an-ip'], sshWhitelist: [], enforceSshWhitelist: false } },
      { fimPaths: ['relative/path'] },
    ]) {
      const res = await t.gql(update, { i: { regionId: t.regionId, ...bad } });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
    }
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    expect(
      (await viewer.gql(update, { i: { regionId: t.regionId, isolateMaliciousFiles: true } })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const [row] = await hss.sql<{ n: number }>('select count(*)::int as n from policy where account_id = ?', [t.accountId]);
    expect(row!.n).toBe(0);
  });
});
