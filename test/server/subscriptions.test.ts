import { Topic } from '@hss/server';
import type { Client } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer();

/** Collects the events of one subscription; `next()` waits for the next one (or fails after 10 s). */
function collect<T = any>(client: Client, topic: Topic | null, query: string, variables: Record<string, unknown> = {}) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const before = topic ? hss.app.services.events.subscriberCount(topic) : 0;
  const unsubscribe = client.subscribe<T>(
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
    errors,
    /** graphql-ws has no "subscribed" acknowledgement: wait until the server listens on the topic. */
    subscribed: (async () => {
      const deadline = Date.now() + 10_000;
      while (topic && hss.app.services.events.subscriberCount(topic) <= before) {
        if (Date.now() > deadline) throw new Error(`no listener on ${topic} after 10 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
    })(),
    unsubscribe,
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

async function protectedReadyServer(t: Tenant) {
  const [serverId] = await hss.registerServers(t, 1);
  await hss.setAgentOnline([serverId!]);
  await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
  return serverId!;
}

const ENABLE = 'mutation($input: EnableProtectionInput!) { enableProtection(input: $input) { server { id } } }';
const enableInput = (serverId: string) => ({
  input: { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true },
});

describe('serverChanged', () => {
  it('delivers the committed server after a protection mutation', async () => {
    const t = await hss.createTenant();
    const serverId = await protectedReadyServer(t);
    const sub = collect(
      hss.ws(t.token),
      Topic.SERVER_CHANGED,
      'subscription { serverChanged { id protectionStatus edition { code } quota { status } } }',
    );
    await sub.subscribed;
    await t.gql(ENABLE, enableInput(serverId));
    // Loaded from the database when delivered: had it been published before the commit, it would read DISABLED.
    expect(await sub.next()).toEqual({
      serverChanged: { id: serverId, protectionStatus: 'ENABLED', edition: { code: 'ENTERPRISE' }, quota: { status: 'IN_USE' } },
    });
  });

  it('publishes nothing for a mutation that failed and rolled back', async () => {
    const t = await hss.createTenant();
    const serverId = await protectedReadyServer(t);
    const [other] = await hss.registerServers(t, 1);
    const sub = collect(hss.ws(t.token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id protectionStatus } }');
    await sub.subscribed;
    // Fails after the server row was locked and read: QUOTA_INSUFFICIENT for a second edition.
    await hss.setAgentOnline([other!]);
    const failed = await t.gql(ENABLE, { input: { ...enableInput(other!).input, edition: 'PREMIUM' } });
    expect(failed.errors?.[0]?.extensions?.code).toBe('QUOTA_INSUFFICIENT');
    await t.gql(ENABLE, enableInput(serverId));
    expect(await sub.next()).toEqual({ serverChanged: { id: serverId, protectionStatus: 'ENABLED' } });
    expect(sub.events).toHaveLength(1);
  });

  it('filters by region', async () => {
    const t = await hss.createTenant('subs-regions', ['eu-1']);
    const [inDefault] = await hss.registerServers(t, 1);
    const [inEu] = await hss.registerServers(t, 1, { regionId: t.regions['eu-1'] });
    await hss.setAgentOnline([inDefault!, inEu!]);
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1, regionId: t.regions['eu-1'] });
    const sub = collect(hss.ws(t.token), Topic.SERVER_CHANGED, 'subscription($r: ID) { serverChanged(regionId: $r) { id } }', {
      r: t.regions['eu-1'],
    });
    await sub.subscribed;
    await t.gql(ENABLE, enableInput(inDefault!));
    await t.gql(ENABLE, enableInput(inEu!));
    expect(await sub.next()).toEqual({ serverChanged: { id: inEu } });
    expect(sub.events).toHaveLength(1);
  });

  it("never delivers another account's changes", async () => {
    const a = await hss.createTenant();
    const b = await hss.createTenant();
    const serverA = await protectedReadyServer(a);
    const serverB = await protectedReadyServer(b);
    const sub = collect(hss.ws(a.token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id } }');
    await sub.subscribed;
    await b.gql(ENABLE, enableInput(serverB));
    await a.gql(ENABLE, enableInput(serverA));
    expect(await sub.next()).toEqual({ serverChanged: { id: serverA } });
    expect(sub.events).toHaveLength(1);
  });
});

describe('events fed by the bus', () => {
  it('agentStatusChanged honours region and server filters', async () => {
    const t = await hss.createTenant();
    const [s1, s2] = await hss.registerServers(t, 2);
    const sub = collect(
      hss.ws(t.token),
      Topic.AGENT_STATUS_CHANGED,
      'subscription($ids: [ID!]) { agentStatusChanged(serverIds: $ids) { serverId status offlineReason since server { id name } } }',
      { ids: [s2] },
    );
    await sub.subscribed;
    const since = new Date().toISOString();
    for (const serverId of [s1!, s2!]) {
      hss.app.services.events.publish(Topic.AGENT_STATUS_CHANGED, {
        accountId: t.accountId,
        regionId: t.regionId,
        serverId,
        status: 'OFFLINE' as never,
        offlineReason: 'HEARTBEAT_TIMEOUT' as never,
        since,
      });
    }
    const event = await sub.next();
    expect(event.agentStatusChanged).toMatchObject({
      serverId: s2,
      status: 'OFFLINE',
      offlineReason: 'HEARTBEAT_TIMEOUT',
      since,
    });
    expect(event.agentStatusChanged.server.id).toBe(s2);
    expect(sub.events).toHaveLength(1);
  });

  it('alarmRaised delivers stored alarms at or above minSeverity', async () => {
    const t = await hss.createTenant();
    const [serverId] = await hss.registerServers(t, 1);
    const sub = collect(
      hss.ws(t.token),
      Topic.ALARM_RAISED,
      'subscription { alarmRaised(minSeverity: HIGH) { id type severity title server { id } } }',
    );
    await sub.subscribed;
    const ids: Record<string, string> = {};
    for (const severity of ['LOW', 'CRITICAL']) {
      const [row] = await hss.sql<{ id: string }>(
        `insert into alarm (id, account_id, server_id, type, severity, title, occurred_at)
         values (gen_random_uuid(), ?, ?, 'BRUTE_FORCE', ?, 'SSH brute force from 203.0.113.9', now()) returning id`,
        [t.accountId, serverId, severity],
      );
      ids[severity] = row!.id;
      hss.app.services.events.publish(Topic.ALARM_RAISED, {
        accountId: t.accountId,
        regionId: t.regionId,
        serverId: serverId!,
        alarmId: row!.id,
        severity: severity as never,
      });
    }
    expect(await sub.next()).toEqual({
      alarmRaised: {
        id: ids.CRITICAL,
        type: 'BRUTE_FORCE',
        severity: 'CRITICAL',
        title: 'SSH brute force from 203.0.113.9',
        server: { id: serverId },
      },
    });
    expect(sub.events).toHaveLength(1);
  });

  it("scanProgress follows one server and refuses servers that are not the caller's", async () => {
    const a = await hss.createTenant();
    const b = await hss.createTenant();
    const [mine] = await hss.registerServers(a, 1);
    const [theirs] = await hss.registerServers(b, 1);
    const refused = collect(hss.ws(a.token), null, 'subscription($s: ID!) { scanProgress(serverId: $s) { status } }', {
      s: theirs,
    });
    await expect(refused.next()).rejects.toThrow(/NOT_FOUND|not found/);
    const sub = collect(
      hss.ws(a.token),
      Topic.SCAN_PROGRESS,
      'subscription($s: ID!) { scanProgress(serverId: $s) { scanTaskId status progress } }',
      { s: mine },
    );
    await sub.subscribed;
    hss.app.services.events.publish(Topic.SCAN_PROGRESS, {
      accountId: a.accountId,
      regionId: a.regionId,
      serverId: mine!,
      scanTaskId: '00000000-0000-4000-8000-000000000001',
      status: 'RUNNING' as never,
      progress: 40,
    });
    expect(await sub.next()).toEqual({
      scanProgress: { scanTaskId: '00000000-0000-4000-8000-000000000001', status: 'RUNNING', progress: 40 },
    });
  });
});

describe('revocation', () => {
  it('an open subscription stops once its token is revoked, and delivers nothing after', async () => {
    const t = await hss.createTenant();
    const serverId = await protectedReadyServer(t);
    const [second] = await hss.registerServers(t, 1);
    await hss.setAgentOnline([second!]);
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    // A second sign-in of the same user: its subscription must stop when its own token is revoked.
    const login = await hss.gql<{ login: { token: string } }>('mutation($i: LoginInput!) { login(input: $i) { token } }', {
      i: { email: t.adminEmail, password: t.password },
    });
    const token = login.data!.login.token;
    const sub = collect(hss.ws(token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id } }');
    await sub.subscribed;
    await t.gql(ENABLE, enableInput(serverId));
    expect(await sub.next()).toEqual({ serverChanged: { id: serverId } });
    await hss.gql('mutation { logout }', {}, token);
    await t.gql(ENABLE, enableInput(second!));
    await expect(sub.next(2)).rejects.toThrow(/UNAUTHENTICATED/);
    expect(sub.errors).toEqual([[expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]]);
    expect(sub.events).toHaveLength(1);
  });
});

describe('re-checks', () => {
  it('a burst of events re-checks the session once', async () => {
    const t = await hss.createTenant();
    const [serverId] = await hss.registerServers(t, 1);
    const sub = collect(hss.ws(t.token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id } }');
    await sub.subscribed;
    hss.resetQueries();
    for (let i = 0; i < 20; i++) {
      void hss.app.services.events.publish(Topic.SERVER_CHANGED, {
        accountId: t.accountId,
        regionId: t.regionId,
        serverId: serverId!,
        change: 'RENAMED',
        protectionStatus: 'DISABLED' as never,
      });
    }
    await sub.next(20);
    expect(hss.queries.filter((q) => /from "session"/.test(q))).toHaveLength(1);
  });
});

describe('listeners', () => {
  const count = (topic: Topic) => hss.app.services.events.subscriberCount(topic);
  const settles = async (topic: Topic, expected: number) => {
    const deadline = Date.now() + 5000;
    while (count(topic) !== expected) {
      if (Date.now() > deadline) throw new Error(`${topic} has ${count(topic)} listeners, expected ${expected}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('a subscription on a quiet topic stops listening as soon as the client unsubscribes or disconnects', async () => {
    const t = await hss.createTenant();
    const before = count(Topic.ALARM_RAISED);
    const client = hss.ws(t.token);
    const first = collect(client, Topic.ALARM_RAISED, 'subscription { alarmRaised { id } }');
    await first.subscribed;
    const second = collect(client, Topic.ALARM_RAISED, 'subscription { alarmRaised { id } }');
    await second.subscribed;
    expect(count(Topic.ALARM_RAISED)).toBe(before + 2);
    // No event is ever published on the topic: the listener must still go at once.
    first.unsubscribe();
    await settles(Topic.ALARM_RAISED, before + 1);
    await client.dispose();
    await settles(Topic.ALARM_RAISED, before);
  });
});
