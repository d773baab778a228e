import { randomUUID } from 'node:crypto';
import { MessageType, type Payloads, UserRole } from '@hss/schema';
import { Topic } from '@hss/server';
import type { Client } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { type AgentClient, connectAgent, hostFacts } from '../helpers/agent-client.js';
import { expectError, expectOk } from '../helpers/expect.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer({ gateway: { flushIntervalMs: 200 } });
const gatewayUrl = hss.app.gateway!.url;

const HANDLE_ALARMS = `mutation($i: HandleAlarmsInput!) { handleAlarms(input: $i) {
  alarms { id status handledAt } whitelistEntries { id type sourceIp path note } } }`;
const HANDLE_FINDINGS = `mutation($i: HandleFindingsInput!) { handleFindings(input: $i) {
  findings { id fingerprint status resolvedAt } } }`;
const WHITELIST = 'query($r: ID!) { alarmWhitelist(regionId: $r) { id type sourceIp path note createdAt } }';
const REMOVE_ENTRY =
  'mutation($i: RemoveAlarmWhitelistEntryInput!) { removeAlarmWhitelistEntry(input: $i) { id type sourceIp path } }';
const TREND = 'query($d: Int, $r: ID) { findingTrend(days: $d, regionId: $r) { day critical high medium low total } }';
const AUDIT = `query($t: String) { auditLogs(first: 100, filter: { targetId: $t }) {
  edges { node { action targetType before after user { email } } } } }`;

interface EnrolledAgent {
  agent: AgentClient;
  serverId: string;
}

async function enrolledAgent(t: Tenant, regionId = t.regionId): Promise<EnrolledAgent> {
  const res = await t.gql<{ createEnrollmentToken: { token: string } }>(
    'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }',
    { i: { regionId } },
  );
  const agent = await connectAgent(gatewayUrl);
  agent.send(MessageType.ENROLL, { token: expectOk(res).createEnrollmentToken.token, host: hostFacts() });
  const welcome = (await agent.next(MessageType.WELCOME)).payload;
  return { agent, serverId: welcome.serverId };
}

/** Sends a report and waits for its ack. */
async function report<T extends MessageType>(agent: AgentClient, type: T, payload: Payloads[T]): Promise<void> {
  const messageId = agent.send(type, payload);
  const ack = await agent.next(MessageType.ACK);
  expect(ack.payload.ackId).toBe(messageId);
}

let alarmSeq = 0;

/** Raises an alarm through the agent and returns the stored alarm's id and status. */
async function raiseAlarm(
  a: EnrolledAgent,
  alarm: { type: string; severity: string; sourceIp?: string; path?: string },
): Promise<{ id: string; status: string }> {
  const title = `alarm ${++alarmSeq} ${alarm.type}`;
  await report(a.agent, MessageType.ALARM, {
    type: alarm.type as never,
    severity: alarm.severity as never,
    title,
    occurredAt: new Date().toISOString(),
    ...(alarm.sourceIp ? { sourceIp: alarm.sourceIp } : {}),
    ...(alarm.path ? { detail: { path: alarm.path } } : {}),
  });
  const [row] = await hss.sql<{ id: string; status: string }>('select id, status from alarm where server_id = ? and title = ?', [
    a.serverId,
    title,
  ]);
  return row!;
}

const bruteForce = (sourceIp: string) => ({ type: 'BRUTE_FORCE', severity: 'HIGH', sourceIp });
const webTamper = (path: string) => ({ type: 'WEB_TAMPER', severity: 'MEDIUM', path });

const finding = (fingerprint: string, severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL') => ({
  fingerprint,
  type: 'UNSAFE_CONFIGURATION' as never,
  severity: severity as never,
  title: `Check ${fingerprint}`,
  remediation: 'Fix it.',
});

async function scan(a: EnrolledAgent, findings: ReturnType<typeof finding>[]) {
  await report(a.agent, MessageType.FINDINGS, { scannedAt: new Date().toISOString(), findings });
}

async function protect(t: Tenant, serverId: string) {
  await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
  expectOk(
    await t.gql('mutation($i: EnableProtectionInput!) { enableProtection(input: $i) { server { id } } }', {
      i: { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true },
    }),
  );
}

async function detection(t: Tenant, serverId: string): Promise<string> {
  return expectOk(await t.gql('query($id: ID!) { server(id: $id) { detectionResult } }', { id: serverId })).server
    .detectionResult;
}

async function alarmStatuses(ids: string[]): Promise<Record<string, string>> {
  const rows = await hss.sql<{ id: string; status: string }>('select id, status from alarm where id in (?)', [ids]);
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

async function findingIds(serverId: string): Promise<Record<string, string>> {
  const rows = await hss.sql<{ id: string; fingerprint: string }>('select id, fingerprint from finding where server_id = ?', [
    serverId,
  ]);
  return Object.fromEntries(rows.map((r) => [r.fingerprint, r.id]));
}

async function findingStatuses(serverId: string): Promise<Record<string, string>> {
  const rows = await hss.sql<{ fingerprint: string; status: string }>(
    'select fingerprint, status from finding where server_id = ?',
    [serverId],
  );
  return Object.fromEntries(rows.map((r) => [r.fingerprint, r.status]));
}

async function auditOf(t: Tenant, targetId: string) {
  return expectOk(await t.gql(AUDIT, { t: targetId })).auditLogs.edges.map((e: { node: Record<string, unknown> }) => e.node) as {
    action: string;
    targetType: string;
    before: unknown;
    after: unknown;
    user: { email: string };
  }[];
}

async function auditCount(accountId: string, actions: string[]): Promise<number> {
  const [row] = await hss.sql<{ n: number }>('select count(*)::int as n from audit_log where account_id = ? and action in (?)', [
    accountId,
    actions,
  ]);
  return row!.n;
}

/** Collects the events of one subscription; `next()` waits for the next one (or fails after 10 s). */
function collect<T = any>(client: Client, topic: Topic, query: string, variables: Record<string, unknown> = {}) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const before = hss.app.services.events.subscriberCount(topic);
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        else events.push(value.data as T);
        for (const w of waiters.splice(0)) w();
      },
      error: (err) => {
        errors.push(err);
        for (const w of waiters.splice(0)) w();
      },
      complete: () => {},
    },
  );
  return {
    events,
    /** graphql-ws has no "subscribed" acknowledgement: wait until the server listens on the topic. */
    subscribed: (async () => {
      const deadline = Date.now() + 10_000;
      while (hss.app.services.events.subscriberCount(topic) <= before) {
        if (Date.now() > deadline) throw new Error(`no listener on ${topic} after 10 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
    })(),
    async next(count = events.length + 1): Promise<T> {
      const deadline = Date.now() + 10_000;
      while (events.length < count && errors.length === 0) {
        if (Date.now() > deadline) throw new Error(`no event after 10 s (have ${events.length})`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
      if (errors.length) throw new Error(JSON.stringify(errors));
      return events[count - 1]!;
    },
  };
}

describe('handleAlarms HANDLE and IGNORE', () => {
  it('set the status and handledAt, write audit rows and make a server whose only serious item was the alarm SAFE', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    await protect(t, a.serverId);
    await scan(a, [finding('motd', 'LOW')]);
    expect(await detection(t, a.serverId)).toBe('SAFE');
    const alarm = await raiseAlarm(a, bruteForce('203.0.113.7'));
    expect(alarm.status).toBe('UNHANDLED');
    expect(await detection(t, a.serverId)).toBe('RISKY');

    const changed = collect(hss.ws(t.token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id detectionResult } }');
    await changed.subscribed;
    const res = expectOk(
      await t.gql(HANDLE_ALARMS, { i: { alarmIds: [alarm.id], action: 'HANDLE', note: '  blocked upstream ' } }),
    );
    expect(res.handleAlarms.whitelistEntries).toEqual([]);
    expect(res.handleAlarms.alarms).toHaveLength(1);
    expect(res.handleAlarms.alarms[0]).toMatchObject({ id: alarm.id, status: 'HANDLED' });
    expect(res.handleAlarms.alarms[0].handledAt).not.toBeNull();
    expect(await detection(t, a.serverId)).toBe('SAFE');
    // Delivered after the commit: read then, the server is already SAFE.
    expect(await changed.next(1)).toEqual({ serverChanged: { id: a.serverId, detectionResult: 'SAFE' } });

    const listed = expectOk(
      await t.gql('query($s: ID!) { alarms(first: 10, filter: { serverId: $s }) { edges { node { id status handledAt } } } }', {
        s: a.serverId,
      }),
    ).alarms.edges;
    expect(listed).toEqual([{ node: res.handleAlarms.alarms[0] }]);
    expect(await auditOf(t, alarm.id)).toEqual([
      {
        action: 'HANDLE_ALARM',
        targetType: 'Alarm',
        before: { status: 'UNHANDLED' },
        after: { status: 'HANDLED', note: 'blocked upstream' },
        user: { email: t.adminEmail },
      },
    ]);
    a.agent.close();
  });

  it('IGNORE by an operator: the server stays RISKY while another serious alarm is unhandled', async () => {
    const t = await hss.createTenant();
    const operator = await hss.addUser(t, UserRole.OPERATOR);
    const a = await enrolledAgent(t);
    await protect(t, a.serverId);
    await scan(a, []);
    const first = await raiseAlarm(a, webTamper('/var/www/a.html'));
    const second = await raiseAlarm(a, webTamper('/var/www/b.html'));
    expect(await detection(t, a.serverId)).toBe('RISKY');

    const once = expectOk(await operator.gql(HANDLE_ALARMS, { i: { alarmIds: [first.id, first.id], action: 'IGNORE' } }));
    expect(once.handleAlarms.alarms.map((x: { status: string }) => x.status)).toEqual(['IGNORED']);
    expect(await detection(t, a.serverId)).toBe('RISKY');
    expectOk(await operator.gql(HANDLE_ALARMS, { i: { alarmIds: [second.id], action: 'IGNORE', note: 'deploy' } }));
    expect(await detection(t, a.serverId)).toBe('SAFE');
    expect(await alarmStatuses([first.id, second.id])).toEqual({ [first.id]: 'IGNORED', [second.id]: 'IGNORED' });

    // A listed id counts once; a later action records the status it found.
    expectOk(await t.gql(HANDLE_ALARMS, { i: { alarmIds: [first.id], action: 'HANDLE' } }));
    expect(await auditOf(t, first.id)).toEqual([
      {
        action: 'HANDLE_ALARM',
        targetType: 'Alarm',
        before: { status: 'IGNORED' },
        after: { status: 'HANDLED' },
        user: { email: t.adminEmail },
      },
      {
        action: 'IGNORE_ALARM',
        targetType: 'Alarm',
        before: { status: 'UNHANDLED' },
        after: { status: 'IGNORED' },
        user: { email: operator.adminEmail },
      },
    ]);
    expect((await auditOf(t, second.id))[0]).toMatchObject({
      action: 'IGNORE_ALARM',
      after: { status: 'IGNORED', note: 'deploy' },
    });
    a.agent.close();
  });
});

describe('handleAlarms WHITELIST', () => {
  it('makes one rule per distinct (region, type, source IP, path); matching alarms are stored WHITELISTED and not announced until the rule is removed', async () => {
    const t = await hss.createTenant('whitelist', ['eu-1']);
    const a = await enrolledAgent(t);
    const inEu = await enrolledAgent(t, t.regions['eu-1']);
    const raised = collect(
      hss.ws(t.token),
      Topic.ALARM_RAISED,
      'subscription { alarmRaised { id status sourceIp server { id } } }',
    );
    await raised.subscribed;

    const scanner1 = await raiseAlarm(a, bruteForce('198.51.100.10'));
    const scanner2 = await raiseAlarm(a, bruteForce('198.51.100.10'));
    const tamper = await raiseAlarm(a, webTamper('/var/www/html/index.html'));
    await raised.next(3);
    expect(raised.events.map((e) => e.alarmRaised.id)).toEqual([scanner1.id, scanner2.id, tamper.id]);

    const first = expectOk(
      await t.gql(HANDLE_ALARMS, { i: { alarmIds: [scanner1.id, scanner2.id], action: 'WHITELIST', note: 'our scanner' } }),
    ).handleAlarms;
    expect(first.alarms.map((x: { status: string }) => x.status)).toEqual(['WHITELISTED', 'WHITELISTED']);
    expect(first.whitelistEntries).toHaveLength(1);
    const scannerRule = first.whitelistEntries[0];
    expect(scannerRule).toMatchObject({ type: 'BRUTE_FORCE', sourceIp: '198.51.100.10', path: null, note: 'our scanner' });

    // Whitelisting an alarm of the same kind again reuses the rule.
    const again = expectOk(await t.gql(HANDLE_ALARMS, { i: { alarmIds: [scanner1.id], action: 'WHITELIST' } })).handleAlarms;
    expect(again.whitelistEntries).toEqual([scannerRule]);
    const tamperRule = expectOk(await t.gql(HANDLE_ALARMS, { i: { alarmIds: [tamper.id], action: 'WHITELIST' } })).handleAlarms
      .whitelistEntries[0];
    expect(tamperRule).toMatchObject({ type: 'WEB_TAMPER', sourceIp: null, path: '/var/www/html/index.html', note: null });
    expect(tamperRule.id).not.toBe(scannerRule.id);
    const list = expectOk(await t.gql(WHITELIST, { r: t.regionId })).alarmWhitelist;
    expect(list.map((e: { id: string }) => e.id)).toEqual([tamperRule.id, scannerRule.id]);
    expect(expectOk(await t.gql(WHITELIST, { r: t.regions['eu-1'] })).alarmWhitelist).toEqual([]);
    expect(await auditOf(t, scanner1.id)).toEqual([
      expect.objectContaining({ action: 'WHITELIST_ALARM', before: { status: 'WHITELISTED' }, after: { status: 'WHITELISTED' } }),
      expect.objectContaining({
        action: 'WHITELIST_ALARM',
        before: { status: 'UNHANDLED' },
        after: { status: 'WHITELISTED', note: 'our scanner' },
      }),
    ]);

    // Matching alarms are stored WHITELISTED and not announced; the agent's messages are handled
    // in order, so the non-matching alarm that follows each is the next event.
    const matching = await raiseAlarm(a, bruteForce('198.51.100.10'));
    const otherIp = await raiseAlarm(a, bruteForce('198.51.100.11'));
    expect(matching.status).toBe('WHITELISTED');
    expect(otherIp.status).toBe('UNHANDLED');
    expect((await raised.next(4)).alarmRaised).toMatchObject({ id: otherIp.id, sourceIp: '198.51.100.11' });
    const samePath = await raiseAlarm(a, webTamper('/var/www/html/index.html'));
    const otherPath = await raiseAlarm(a, webTamper('/var/www/html/about.html'));
    expect(samePath.status).toBe('WHITELISTED');
    expect((await raised.next(5)).alarmRaised.id).toBe(otherPath.id);
    // The rule is the region's: the same alarm from a server of another region is announced.
    const elsewhere = await raiseAlarm(inEu, bruteForce('198.51.100.10'));
    expect(elsewhere.status).toBe('UNHANDLED');
    expect((await raised.next(6)).alarmRaised).toMatchObject({ id: elsewhere.id, server: { id: inEu.serverId } });
    const [stored] = await hss.sql<{ handled_at: Date | null }>('select handled_at from alarm where id = ?', [matching.id]);
    expect(stored!.handled_at).not.toBeNull();

    const removed = expectOk(await t.gql(REMOVE_ENTRY, { i: { id: scannerRule.id } })).removeAlarmWhitelistEntry;
    expect(removed).toEqual({ id: scannerRule.id, type: 'BRUTE_FORCE', sourceIp: '198.51.100.10', path: null });
    expect(expectOk(await t.gql(WHITELIST, { r: t.regionId })).alarmWhitelist.map((e: { id: string }) => e.id)).toEqual([
      tamperRule.id,
    ]);
    expect(await auditOf(t, scannerRule.id)).toEqual([
      {
        action: 'REMOVE_ALARM_WHITELIST_ENTRY',
        targetType: 'AlarmWhitelistEntry',
        before: { type: 'BRUTE_FORCE', sourceIp: '198.51.100.10', path: null, regionId: t.regionId },
        after: null,
        user: { email: t.adminEmail },
      },
    ]);
    const back = await raiseAlarm(a, bruteForce('198.51.100.10'));
    expect(back.status).toBe('UNHANDLED');
    expect((await raised.next(7)).alarmRaised).toMatchObject({ id: back.id, status: 'UNHANDLED' });
    // One call over two regions: a rule in each.
    const perRegion = expectOk(await t.gql(HANDLE_ALARMS, { i: { alarmIds: [back.id, elsewhere.id], action: 'WHITELIST' } }))
      .handleAlarms.whitelistEntries;
    expect(perRegion).toHaveLength(2);
    expect(new Set(perRegion.map((e: { id: string }) => e.id)).size).toBe(2);
    expect(expectOk(await t.gql(WHITELIST, { r: t.regions['eu-1'] })).alarmWhitelist).toEqual([
      expect.objectContaining({ type: 'BRUTE_FORCE', sourceIp: '198.51.100.10', path: null }),
    ]);
    expect(expectOk(await t.gql(WHITELIST, { r: t.regionId })).alarmWhitelist).toHaveLength(2);
    // Alarms whitelisted before stay so.
    expect(await alarmStatuses([scanner1.id, matching.id])).toEqual({
      [scanner1.id]: 'WHITELISTED',
      [matching.id]: 'WHITELISTED',
    });

    expectError(await t.gql(REMOVE_ENTRY, { i: { id: scannerRule.id } }), 'NOT_FOUND');
    const other = await hss.createTenant();
    expectError(await other.gql(REMOVE_ENTRY, { i: { id: tamperRule.id } }), 'NOT_FOUND');
    expect(expectOk(await other.gql(WHITELIST, { r: t.regionId })).alarmWhitelist).toEqual([]);
    a.agent.close();
    inEu.agent.close();
  });

  it('two concurrent whitelistings of identical alarms from two servers of the region make one rule', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const b = await enrolledAgent(t);
    for (let round = 0; round < 10; round++) {
      const ip = `192.0.2.${100 + round}`;
      const x = await raiseAlarm(a, bruteForce(ip));
      const y = await raiseAlarm(b, bruteForce(ip));
      const results = await Promise.all([
        t.gql(HANDLE_ALARMS, { i: { alarmIds: [x.id], action: 'WHITELIST' } }),
        t.gql(HANDLE_ALARMS, { i: { alarmIds: [y.id], action: 'WHITELIST' } }),
      ]);
      const ids = results.map((r) => expectOk(r).handleAlarms.whitelistEntries[0].id);
      expect(ids[0]).toBe(ids[1]);
      const [row] = await hss.sql<{ n: number }>(
        'select count(*)::int as n from alarm_whitelist_entry where account_id = ? and source_ip = ?',
        [t.accountId, ip],
      );
      expect(row!.n).toBe(1);
    }
    a.agent.close();
    b.agent.close();
  });
});

describe('handleAlarms input and permissions', () => {
  it('is all or nothing: an unknown id or another account’s alarm is NOT_FOUND naming it, and nothing changes', async () => {
    const t = await hss.createTenant();
    const other = await hss.createTenant();
    const a = await enrolledAgent(t);
    const b = await enrolledAgent(other);
    const mine = await raiseAlarm(a, bruteForce('203.0.113.20'));
    const theirs = await raiseAlarm(b, bruteForce('203.0.113.20'));
    const unknown = randomUUID();

    for (const action of ['HANDLE', 'IGNORE', 'WHITELIST']) {
      const missing = expectError(await t.gql(HANDLE_ALARMS, { i: { alarmIds: [mine.id, unknown], action } }), 'NOT_FOUND');
      expect(missing.message).toContain(unknown);
      expect(missing.extensions?.id).toBe(unknown);
      const foreign = expectError(await t.gql(HANDLE_ALARMS, { i: { alarmIds: [theirs.id, mine.id], action } }), 'NOT_FOUND');
      expect(foreign.message).toContain(theirs.id);
    }
    expect(await alarmStatuses([mine.id, theirs.id])).toEqual({ [mine.id]: 'UNHANDLED', [theirs.id]: 'UNHANDLED' });
    expect(await auditCount(t.accountId, ['HANDLE_ALARM', 'IGNORE_ALARM', 'WHITELIST_ALARM'])).toBe(0);
    const [rules] = await hss.sql<{ n: number }>('select count(*)::int as n from alarm_whitelist_entry where account_id = ?', [
      t.accountId,
    ]);
    expect(rules!.n).toBe(0);
    a.agent.close();
    b.agent.close();
  });

  it('rejects an empty list, more than 100 ids, a bad UUID, an unknown action and a long note with BAD_USER_INPUT', async () => {
    const t = await hss.createTenant();
    const a = await enrolledAgent(t);
    const alarm = await raiseAlarm(a, bruteForce('203.0.113.30'));
    for (const i of [
      { alarmIds: [], action: 'HANDLE' },
      { alarmIds: Array.from({ length: 101 }, () => randomUUID()), action: 'HANDLE' },
      { alarmIds: [alarm.id, 'not-a-uuid'], action: 'HANDLE' },
      { alarmIds: [alarm.id], action: 'HANDLE', note: 'x'.repeat(501) },
    ]) {
      expectError(await t.gql(HANDLE_ALARMS, { i }), 'BAD_USER_INPUT');
    }
    const unknownAction = await t.gql(HANDLE_ALARMS, { i: { alarmIds: [alarm.id], action: 'DELETE' } });
    expect(unknownAction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expectError(await t.gql(REMOVE_ENTRY, { i: { id: 'nope' } }), 'BAD_USER_INPUT');
    expectError(await t.gql(WHITELIST, { r: 'nope' }), 'BAD_USER_INPUT');
    expect(await alarmStatuses([alarm.id])).toEqual({ [alarm.id]: 'UNHANDLED' });
    a.agent.close();
  });

  it('a VIEWER may read the whitelist but not handle alarms or remove rules (FORBIDDEN); an OPERATOR may', async () => {
    const t = await hss.createTenant();
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    const operator = await hss.addUser(t, UserRole.OPERATOR);
    const a = await enrolledAgent(t);
    const alarm = await raiseAlarm(a, bruteForce('203.0.113.40'));
    for (const action of ['HANDLE', 'IGNORE', 'WHITELIST']) {
      expectError(await viewer.gql(HANDLE_ALARMS, { i: { alarmIds: [alarm.id], action } }), 'FORBIDDEN');
    }
    expect(await alarmStatuses([alarm.id])).toEqual({ [alarm.id]: 'UNHANDLED' });
    const rule = expectOk(await operator.gql(HANDLE_ALARMS, { i: { alarmIds: [alarm.id], action: 'WHITELIST' } })).handleAlarms
      .whitelistEntries[0];
    expect(expectOk(await viewer.gql(WHITELIST, { r: t.regionId })).alarmWhitelist.map((e: { id: string }) => e.id)).toEqual([
      rule.id,
    ]);
    expectError(await viewer.gql(REMOVE_ENTRY, { i: { id: rule.id } }), 'FORBIDDEN');
    expectOk(await operator.gql(REMOVE_ENTRY, { i: { id: rule.id } }));
    expectError(await hss.gql(HANDLE_ALARMS, { i: { alarmIds: [alarm.id], action: 'HANDLE' } }), 'UNAUTHENTICATED');
    a.agent.close();
  });
});

describe('handleFindings', () => {
  it('HANDLE, IGNORE and REOPEN move the status, survive rescans, write audit rows and drive the detection result', async () => {
    const t = await hss.createTenant();
    const operator = await hss.addUser(t, UserRole.OPERATOR);
    const a = await enrolledAgent(t);
    await protect(t, a.serverId);
    await scan(a, [finding('ssh-root', 'HIGH'), finding('umask', 'MEDIUM'), finding('motd', 'LOW'), finding('telnet', 'HIGH')]);
    await scan(a, [finding('ssh-root', 'HIGH'), finding('umask', 'MEDIUM'), finding('motd', 'LOW')]);
    const ids = await findingIds(a.serverId);
    expect(await findingStatuses(a.serverId)).toMatchObject({ telnet: 'FIXED' });
    expect(await detection(t, a.serverId)).toBe('RISKY');

    const handled = expectOk(
      await t.gql(HANDLE_FINDINGS, { i: { findingIds: [ids['ssh-root']], action: 'HANDLE', note: 'patched by hand' } }),
    ).handleFindings.findings;
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ id: ids['ssh-root'], fingerprint: 'ssh-root', status: 'HANDLED' });
    expect(handled[0].resolvedAt).not.toBeNull();
    expect(await detection(t, a.serverId)).toBe('RISKY');
    const changed = collect(hss.ws(t.token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id detectionResult } }');
    await changed.subscribed;
    expectOk(await operator.gql(HANDLE_FINDINGS, { i: { findingIds: [ids.umask], action: 'IGNORE' } }));
    expect(await detection(t, a.serverId)).toBe('SAFE');
    expect(await changed.next(1)).toEqual({ serverChanged: { id: a.serverId, detectionResult: 'SAFE' } });

    // A FIXED finding is the agent's to settle: the whole call fails and nothing changes.
    const fixed = expectError(
      await t.gql(HANDLE_FINDINGS, { i: { findingIds: [ids.motd, ids.telnet], action: 'HANDLE' } }),
      'BAD_USER_INPUT',
    );
    expect(fixed.message).toContain(ids.telnet);
    expect(await findingStatuses(a.serverId)).toEqual({ 'ssh-root': 'HANDLED', umask: 'IGNORED', motd: 'OPEN', telnet: 'FIXED' });
    expect(await auditOf(t, ids.motd!)).toEqual([]);

    // Reported again by a new scan: handled and ignored findings stay so.
    await scan(a, [finding('ssh-root', 'HIGH'), finding('umask', 'MEDIUM'), finding('motd', 'LOW')]);
    expect(await findingStatuses(a.serverId)).toEqual({ 'ssh-root': 'HANDLED', umask: 'IGNORED', motd: 'OPEN', telnet: 'FIXED' });
    expect(await detection(t, a.serverId)).toBe('SAFE');
    // From one resolution to another, it keeps the time it was resolved (what findingTrend counts by).
    const [umaskBefore] = await hss.sql<{ resolved_at: string }>('select resolved_at from finding where id = ?', [ids.umask]);
    expect(umaskBefore!.resolved_at).not.toBeNull();
    const rehandled = expectOk(await t.gql(HANDLE_FINDINGS, { i: { findingIds: [ids.umask], action: 'HANDLE' } }));
    expect(rehandled.handleFindings.findings[0]).toMatchObject({
      status: 'HANDLED',
      resolvedAt: new Date(umaskBefore!.resolved_at).toISOString(),
    });

    const reopened = expectOk(await t.gql(HANDLE_FINDINGS, { i: { findingIds: [ids['ssh-root']], action: 'REOPEN' } }))
      .handleFindings.findings;
    expect(reopened[0]).toMatchObject({ status: 'OPEN', resolvedAt: null });
    expect(await detection(t, a.serverId)).toBe('RISKY');
    expect(await changed.next(2)).toEqual({ serverChanged: { id: a.serverId, detectionResult: 'RISKY' } });
    // Reopened and no longer reported: the next scan fixes it.
    await scan(a, [finding('umask', 'MEDIUM'), finding('motd', 'LOW')]);
    expect(await findingStatuses(a.serverId)).toMatchObject({ 'ssh-root': 'FIXED', umask: 'HANDLED' });

    expect(await auditOf(t, ids['ssh-root']!)).toEqual([
      {
        action: 'REOPEN_FINDING',
        targetType: 'Finding',
        before: { status: 'HANDLED' },
        after: { status: 'OPEN' },
        user: { email: t.adminEmail },
      },
      {
        action: 'HANDLE_FINDING',
        targetType: 'Finding',
        before: { status: 'OPEN' },
        after: { status: 'HANDLED', note: 'patched by hand' },
        user: { email: t.adminEmail },
      },
    ]);
    expect(await auditOf(t, ids.umask!)).toEqual([
      {
        action: 'HANDLE_FINDING',
        targetType: 'Finding',
        before: { status: 'IGNORED' },
        after: { status: 'HANDLED' },
        user: { email: t.adminEmail },
      },
      {
        action: 'IGNORE_FINDING',
        targetType: 'Finding',
        before: { status: 'OPEN' },
        after: { status: 'IGNORED' },
        user: { email: operator.adminEmail },
      },
    ]);
    a.agent.close();
  });

  it('is all or nothing, validates its input and is FORBIDDEN to a VIEWER', async () => {
    const t = await hss.createTenant();
    const other = await hss.createTenant();
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    const a = await enrolledAgent(t);
    const b = await enrolledAgent(other);
    await scan(a, [finding('ssh-root', 'HIGH')]);
    await scan(b, [finding('ssh-root', 'HIGH')]);
    const mine = (await findingIds(a.serverId))['ssh-root']!;
    const theirs = (await findingIds(b.serverId))['ssh-root']!;
    const unknown = randomUUID();

    const missing = expectError(
      await t.gql(HANDLE_FINDINGS, { i: { findingIds: [mine, unknown], action: 'HANDLE' } }),
      'NOT_FOUND',
    );
    expect(missing.message).toContain(unknown);
    const foreign = expectError(
      await t.gql(HANDLE_FINDINGS, { i: { findingIds: [mine, theirs], action: 'IGNORE' } }),
      'NOT_FOUND',
    );
    expect(foreign.message).toContain(theirs);
    for (const i of [
      { findingIds: [], action: 'HANDLE' },
      { findingIds: Array.from({ length: 101 }, () => randomUUID()), action: 'HANDLE' },
      { findingIds: ['not-a-uuid'], action: 'HANDLE' },
      { findingIds: [mine], action: 'HANDLE', note: 'x'.repeat(501) },
    ]) {
      expectError(await t.gql(HANDLE_FINDINGS, { i }), 'BAD_USER_INPUT');
    }
    for (const action of ['HANDLE', 'IGNORE', 'REOPEN']) {
      expectError(await viewer.gql(HANDLE_FINDINGS, { i: { findingIds: [mine], action } }), 'FORBIDDEN');
    }
    expect(await findingStatuses(a.serverId)).toEqual({ 'ssh-root': 'OPEN' });
    expect(await findingStatuses(b.serverId)).toEqual({ 'ssh-root': 'OPEN' });
    expect(await auditCount(t.accountId, ['HANDLE_FINDING', 'IGNORE_FINDING', 'REOPEN_FINDING'])).toBe(0);
    a.agent.close();
    b.agent.close();
  });
});

describe('findingTrend', () => {
  /** The UTC day `n` days before the database's today, YYYY-MM-DD. */
  async function utcDays(count: number): Promise<string[]> {
    const rows = await hss.sql<{ day: string }>(
      `select to_char(date_trunc('day', now() at time zone 'UTC') - n * interval '1 day', 'YYYY-MM-DD') as day
         from generate_series(?::int - 1, 0, -1) as n`,
      [count],
    );
    return rows.map((r) => r.day);
  }

  /** Inserts a finding first seen at noon (UTC) `firstSeenDaysAgo` days ago, resolved at noon `resolvedDaysAgo` days ago. */
  async function insertFinding(
    t: Tenant,
    serverId: string,
    severity: string,
    firstSeenDaysAgo: number,
    resolved?: { daysAgo: number; status: 'FIXED' | 'HANDLED' | 'IGNORED' },
  ) {
    const at = `(date_trunc('day', now() at time zone 'UTC') + interval '12 hours' - ?::int * interval '1 day') at time zone 'UTC'`;
    // Today's noon may lie ahead: first seen today means a moment ago.
    const firstSeen = firstSeenDaysAgo === 0 ? 'now()' : at;
    await hss.sql(
      `insert into finding (id, account_id, server_id, type, severity, status, fingerprint, title, first_seen_at, last_seen_at, resolved_at)
       values (gen_random_uuid(), ?, ?, 'VULNERABILITY', ?, ?, ?, 'trend', ${firstSeen}, now(),
               ${resolved ? at : 'null'})`,
      [
        t.accountId,
        serverId,
        severity,
        resolved?.status ?? 'OPEN',
        `trend-${randomUUID()}`,
        ...(firstSeenDaysAgo === 0 ? [] : [firstSeenDaysAgo]),
        ...(resolved ? [resolved.daysAgo] : []),
      ],
    );
  }

  const point = (day: string, counts: Partial<Record<'critical' | 'high' | 'medium' | 'low', number>>) => {
    const full = { critical: 0, high: 0, medium: 0, low: 0, ...counts };
    return { day, ...full, total: full.critical + full.high + full.medium + full.low };
  };

  it('counts findings open at the end of each day by severity, per region, for the caller’s account only', async () => {
    const t = await hss.createTenant('trend', ['eu-1']);
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    const [inDefault] = await hss.registerServers(t, 1);
    const [inEu] = await hss.registerServers(t, 1, { regionId: t.regions['eu-1'] });
    await insertFinding(t, inDefault!, 'CRITICAL', 10);
    await insertFinding(t, inDefault!, 'HIGH', 5, { daysAgo: 3, status: 'FIXED' });
    await insertFinding(t, inDefault!, 'MEDIUM', 0);
    await insertFinding(t, inDefault!, 'LOW', 2, { daysAgo: 1, status: 'HANDLED' });
    await insertFinding(t, inDefault!, 'LOW', 30, { daysAgo: 20, status: 'IGNORED' });
    await insertFinding(t, inEu!, 'HIGH', 7);
    // Another account's findings never count, even asked for by its region.
    const other = await hss.createTenant();
    const [theirs] = await hss.registerServers(other, 1);
    await insertFinding(other, theirs!, 'CRITICAL', 10);
    await insertFinding(other, theirs!, 'MEDIUM', 3);

    const days = await utcDays(7);
    const [d6, d5, d4, d3, d2, d1, today] = days as [string, string, string, string, string, string, string];
    expect(expectOk(await viewer.gql(TREND, { d: 7 })).findingTrend).toEqual([
      point(d6, { critical: 1, high: 1 }),
      point(d5, { critical: 1, high: 2 }),
      point(d4, { critical: 1, high: 2 }),
      // Fixed 3 days ago: counted before that day, not from its end on.
      point(d3, { critical: 1, high: 1 }),
      point(d2, { critical: 1, high: 1, low: 1 }),
      point(d1, { critical: 1, high: 1 }),
      point(today, { critical: 1, high: 1, medium: 1 }),
    ]);
    expect(expectOk(await t.gql(TREND, { d: 7, r: t.regionId })).findingTrend).toEqual([
      point(d6, { critical: 1 }),
      point(d5, { critical: 1, high: 1 }),
      point(d4, { critical: 1, high: 1 }),
      point(d3, { critical: 1 }),
      point(d2, { critical: 1, low: 1 }),
      point(d1, { critical: 1 }),
      point(today, { critical: 1, medium: 1 }),
    ]);
    expect(expectOk(await t.gql(TREND, { d: 7, r: t.regions['eu-1'] })).findingTrend).toEqual(
      days.map((day) => point(day, { high: 1 })),
    );
    expect(expectOk(await t.gql(TREND, { d: 1 })).findingTrend).toEqual([point(today, { critical: 1, high: 1, medium: 1 })]);
    const byDefault = expectOk(await t.gql('{ findingTrend { day total } }')).findingTrend;
    expect(byDefault.map((p: { day: string }) => p.day)).toEqual(await utcDays(14));
    expect(expectOk(await t.gql(TREND, { d: 90 })).findingTrend).toHaveLength(90);
    // The ignored finding of a month ago shows only on its own days.
    const month = expectOk(await t.gql(TREND, { d: 31 })).findingTrend;
    expect(month[0]).toEqual(point(month[0].day, { low: 1 }));
    expect(month[10]).toEqual(point(month[10].day, {}));

    expect(expectOk(await t.gql(TREND, { d: 3, r: other.regionId })).findingTrend).toEqual(
      days.slice(-3).map((day) => point(day, {})),
    );
    expect(expectOk(await other.gql(TREND, { d: 1 })).findingTrend).toEqual([point(today, { critical: 1, medium: 1 })]);
  });

  it('rejects days outside 1 to 90 and a bad region id with BAD_USER_INPUT', async () => {
    const t = await hss.createTenant();
    for (const variables of [{ d: 0 }, { d: 91 }, { d: -1 }, { d: 7, r: 'nope' }]) {
      expectError(await t.gql(TREND, variables), 'BAD_USER_INPUT');
    }
    expectError(await hss.gql(TREND, { d: 7 }), 'UNAUTHENTICATED');
  });
});
