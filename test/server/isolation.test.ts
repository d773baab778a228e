import { randomUUID } from 'node:crypto';
import { UserRole } from '@hss/schema';
import { Topic } from '@hss/server';
import type { Client } from 'graphql-ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, type GqlError } from '../helpers/expect.js';
import { type GraphQLResponse, startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer();

/** The error as a client sees it, with `id` written as <id>: two NOT_FOUNDs must differ in nothing else. */
function scrub(err: GqlError, id: string): unknown {
  return JSON.parse(JSON.stringify({ message: err.message, path: err.path, extensions: err.extensions }).replaceAll(id, '<id>'));
}

/** `res` (about another account's object `id`) is the NOT_FOUND a random unknown uuid gets, id aside. */
function expectNotFoundLikeUnknown(res: GraphQLResponse, id: string, unknown: GraphQLResponse, unknownId: string): void {
  const err = expectError(res, 'NOT_FOUND');
  const ref = expectError(unknown, 'NOT_FOUND');
  expect(err.message).toContain(id);
  expect(ref.message).toContain(unknownId);
  expect(scrub(err, id)).toEqual(scrub(ref, unknownId));
}

const ACCOUNT_TABLES = ['region', 'server', 'quota', 'finding', 'alarm', 'scan_task', 'audit_log', 'app_user'] as const;

/** Every row an account owns, table by table, for "nothing changed" checks. */
async function snapshot(accountId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ACCOUNT_TABLES) {
    out[table] = await hss.sql(`select * from ${table} where account_id = ? order by id`, [accountId]);
  }
  return out;
}

async function insertFinding(t: Tenant, serverId: string, title: string, secondsAgo = 0): Promise<string> {
  const [row] = await hss.sql<{ id: string }>(
    `insert into finding (id, account_id, server_id, type, severity, fingerprint, title, first_seen_at, last_seen_at)
     values (gen_random_uuid(), ?, ?, 'VULNERABILITY', 'HIGH', ?, ?, now() - ? * interval '1 second', now() - ? * interval '1 second')
     returning id`,
    [t.accountId, serverId, `fp-${randomUUID()}`, title, secondsAgo, secondsAgo],
  );
  return row!.id;
}

async function insertAlarm(t: Tenant, serverId: string, title: string, secondsAgo = 0): Promise<string> {
  const [row] = await hss.sql<{ id: string }>(
    `insert into alarm (id, account_id, server_id, type, severity, title, occurred_at)
     values (gen_random_uuid(), ?, ?, 'BRUTE_FORCE', 'CRITICAL', ?, now() - ? * interval '1 second') returning id`,
    [t.accountId, serverId, title, secondsAgo],
  );
  return row!.id;
}

const ENABLE = 'mutation($input: EnableProtectionInput!) { enableProtection(input: $input) { server { id protectionStatus } } }';
const DISABLE =
  'mutation($input: DisableProtectionInput!) { disableProtection(input: $input) { server { id protectionStatus } } }';
const BIND = 'mutation($input: BindQuotaInput!) { bindQuota(input: $input) { quota { id status } } }';
const UNBIND = 'mutation($input: UnbindQuotaInput!) { unbindQuota(input: $input) { quota { id status } } }';
const REGISTER = 'mutation($input: RegisterServersInput!) { registerServers(input: $input) { servers { id } } }';
const PURCHASE = 'mutation($input: PurchaseQuotasInput!) { purchaseQuotas(input: $input) { quotas { id } } }';

const enableInput = (serverId: string, quotaId?: string) => ({
  input: {
    serverId,
    edition: 'ENTERPRISE',
    billingMode: 'YEARLY_MONTHLY',
    acceptDisclaimer: true,
    ...(quotaId ? { quotaId } : {}),
  },
});
const registerInput = (regionId: string, hostname = `new-${randomUUID().slice(0, 8)}.example.test`) => ({
  input: { regionId, servers: [{ name: hostname, hostname, ips: ['192.0.2.10'] }] },
});
const purchaseInput = (regionId: string) => ({
  input: { regionId, edition: 'BASIC', billingMode: 'YEARLY_MONTHLY', months: 12, count: 2 },
});

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token expiresAt user { id email role } } }';

async function login(email: string, password: string): Promise<string> {
  const res = await hss.gql<{ login: { token: string } }>(LOGIN, { input: { email, password } });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.login.token;
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await fetch(`${hss.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as GraphQLResponse;
}

async function count(table: string, accountId: string): Promise<number> {
  const [row] = await hss.sql<{ n: string }>(`select count(*) as n from ${table} where account_id = ?`, [accountId]);
  return Number(row!.n);
}

async function boundQuotaOf(serverId: string): Promise<string> {
  const [row] = await hss.sql<{ id: string }>('select id from quota where server_id = ?', [serverId]);
  return row!.id;
}

/** A registered, online server, protected with an ENTERPRISE quota when `protect`. */
async function onlineServer(t: Tenant, opts: { protect?: boolean; regionId?: string } = {}): Promise<string> {
  const [id] = await hss.registerServers(t, 1, opts.regionId ? { regionId: opts.regionId } : {});
  await hss.setAgentOnline([id!]);
  if (opts.protect) {
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1, regionId: opts.regionId });
    const res = await t.gql(ENABLE, enableInput(id!, quotaId));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  return id!;
}

describe('another account is invisible', () => {
  let a: Tenant;
  let b: Tenant;
  /** A's objects. */
  const mine = { servers: [] as string[], quotas: [] as string[], findings: [] as string[], alarms: [] as string[] };
  let aOnline = '';
  let aIdleQuota = '';
  /** B's objects. */
  let bProtected = '';
  let bOnline = '';
  let bEuServer = '';
  let bBoundQuota = '';
  let bIdleQuota = '';

  beforeAll(async () => {
    a = await hss.createTenant('iso-a');
    b = await hss.createTenant('iso-b', ['b-eu']);

    // A: one protected server, one online and unprotected, one without an agent; one idle quota.
    const aProtected = await onlineServer(a, { protect: true });
    aOnline = await onlineServer(a);
    const [aNotInstalled] = await hss.registerServers(a, 1);
    aIdleQuota = (await hss.purchaseQuotas(a, { edition: 'ENTERPRISE', count: 1 }))[0]!;
    mine.servers = [aProtected, aOnline, aNotInstalled!];
    mine.quotas = (await hss.sql<{ id: string }>('select id from quota where account_id = ?', [a.accountId])).map((r) => r.id);
    mine.findings = [await insertFinding(a, aProtected, 'A: openssl CVE', 3600)];
    mine.alarms = [await insertAlarm(a, aProtected, 'A: brute force', 3600)];

    // B: more of everything, in two regions, and its findings and alarms are the newest, so that
    // they would top every first page if they leaked.
    bProtected = await onlineServer(b, { protect: true });
    bOnline = await onlineServer(b);
    await hss.registerServers(b, 3);
    bEuServer = await onlineServer(b, { protect: true, regionId: b.regions['b-eu'] });
    await hss.purchaseQuotas(b, { edition: 'PREMIUM', count: 2, regionId: b.regions['b-eu'] });
    bIdleQuota = (await hss.purchaseQuotas(b, { edition: 'ENTERPRISE', count: 1 }))[0]!;
    bBoundQuota = await boundQuotaOf(bProtected);
    for (const serverId of [bProtected, bOnline, bEuServer]) {
      await insertFinding(b, serverId, 'B: finding');
      await insertAlarm(b, serverId, 'B: alarm');
    }
    await hss.sql(`update server set detection_result = 'RISKY' where account_id = ?`, [b.accountId]);
  });

  it('server(id) and quota(id) of another account: NOT_FOUND, worded exactly as for an unknown id', async () => {
    for (const id of [bProtected, bOnline, bEuServer]) {
      const unknown = randomUUID();
      const q = 'query($id: ID!) { server(id: $id) { id name } }';
      expectNotFoundLikeUnknown(await a.gql(q, { id }), id, await a.gql(q, { id: unknown }), unknown);
    }
    for (const id of [bBoundQuota, bIdleQuota]) {
      const unknown = randomUUID();
      const q = 'query($id: ID!) { quota(id: $id) { id } }';
      expectNotFoundLikeUnknown(await a.gql(q, { id }), id, await a.gql(q, { id: unknown }), unknown);
    }
    // B sees its own: the ids are real.
    expect((await b.gql('query($id: ID!) { server(id: $id) { id } }', { id: bProtected })).data).toEqual({
      server: { id: bProtected },
    });
  });

  it('servers, quotas, findings and alarms list only the caller’s rows', async () => {
    const servers = await a.gql('{ servers(first: 100) { totalCount edges { node { id region { id } } } } }');
    expect(servers.errors).toBeUndefined();
    expect(servers.data!.servers.totalCount).toBe(3);
    expect(servers.data!.servers.edges.map((e: any) => e.node.id).sort()).toEqual([...mine.servers].sort());
    expect(new Set(servers.data!.servers.edges.map((e: any) => e.node.region.id))).toEqual(new Set([a.regionId]));

    const quotas = await a.gql('{ quotas(first: 100) { totalCount edges { node { id } } } }');
    expect(quotas.data!.quotas.totalCount).toBe(mine.quotas.length);
    expect(quotas.data!.quotas.edges.map((e: any) => e.node.id).sort()).toEqual([...mine.quotas].sort());

    const findings = await a.gql('{ findings(first: 100) { totalCount edges { node { id title server { id } } } } }');
    expect(findings.errors).toBeUndefined();
    expect(findings.data!.findings).toEqual({
      totalCount: 1,
      edges: [{ node: { id: mine.findings[0], title: 'A: openssl CVE', server: { id: mine.servers[0] } } }],
    });

    const alarms = await a.gql('{ alarms(first: 100) { totalCount edges { node { id title server { id } } } } }');
    expect(alarms.errors).toBeUndefined();
    expect(alarms.data!.alarms).toEqual({
      totalCount: 1,
      edges: [{ node: { id: mine.alarms[0], title: 'A: brute force', server: { id: mine.servers[0] } } }],
    });

    // B's lists are not empty: the rows exist, they are just not A's.
    const theirs = await b.gql('{ servers { totalCount } quotas { totalCount } findings { totalCount } alarms { totalCount } }');
    expect(theirs.data).toEqual({
      servers: { totalCount: 6 },
      quotas: { totalCount: 5 },
      findings: { totalCount: 3 },
      alarms: { totalCount: 3 },
    });
  });

  it('filters naming another account’s region or server return empty lists', async () => {
    for (const regionId of [b.regionId, b.regions['b-eu']]) {
      const res = await a.gql(
        `query($r: ID) {
          servers(filter: { regionId: $r }) { totalCount edges { node { id } } }
          quotas(filter: { regionId: $r }) { totalCount edges { node { id } } }
        }`,
        { r: regionId },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ servers: { totalCount: 0, edges: [] }, quotas: { totalCount: 0, edges: [] } });
    }
    for (const serverId of [bProtected, bEuServer]) {
      const res = await a.gql(
        `query($s: ID) {
          findings(filter: { serverId: $s }) { totalCount edges { node { id } } }
          alarms(filter: { serverId: $s }) { totalCount edges { node { id } } }
        }`,
        { s: serverId },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ findings: { totalCount: 0, edges: [] }, alarms: { totalCount: 0, edges: [] } });
    }
  });

  it('overview counts only the caller’s servers and quotas, also when asked for another account’s region', async () => {
    const q = `query($r: ID) { overview(regionId: $r) {
      serverCount agentStatus { notInstalled online offline } protectionStatus { enabled disabled interrupted }
      detectionResult { risky safe pending } quotas { edition status count } } }`;
    const res = await a.gql(q);
    expect(res.errors).toBeUndefined();
    expect(res.data!.overview).toEqual({
      serverCount: 3,
      agentStatus: { notInstalled: 1, online: 2, offline: 0 },
      protectionStatus: { enabled: 1, disabled: 2, interrupted: 0 },
      detectionResult: { risky: 0, safe: 0, pending: 3 },
      quotas: [
        { edition: 'ENTERPRISE', status: 'IDLE', count: 1 },
        { edition: 'ENTERPRISE', status: 'IN_USE', count: 1 },
      ],
    });
    const foreign = await a.gql(q, { r: b.regionId });
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!.overview).toEqual({
      serverCount: 0,
      agentStatus: { notInstalled: 0, online: 0, offline: 0 },
      protectionStatus: { enabled: 0, disabled: 0, interrupted: 0 },
      detectionResult: { risky: 0, safe: 0, pending: 0 },
      quotas: [],
    });
  });

  it('regions lists only the caller’s regions', async () => {
    expect((await a.gql('{ regions { id code } }')).data).toEqual({ regions: [{ id: a.regionId, code: 'default' }] });
    const theirs = await b.gql('{ regions { id code } }');
    expect(theirs.data!.regions.map((r: any) => r.id).sort()).toEqual(Object.values(b.regions).sort());
  });

  it('mutations on another account’s servers, quotas and regions: NOT_FOUND, and nothing changes on either side', async () => {
    const beforeB = await snapshot(b.accountId);
    const beforeA = await snapshot(a.accountId);
    const cases: [string, string, (id: string) => Record<string, unknown>][] = [
      // [mutation, B's id it names, variables for an id]
      [ENABLE, bOnline, (id) => enableInput(id)],
      [ENABLE, bIdleQuota, (id) => enableInput(aOnline, id)],
      [DISABLE, bProtected, (id) => ({ input: { serverId: id } })],
      [DISABLE, bEuServer, (id) => ({ input: { serverId: id } })],
      [BIND, bIdleQuota, (id) => ({ input: { quotaId: id, serverId: aOnline } })],
      [BIND, bOnline, (id) => ({ input: { quotaId: aIdleQuota, serverId: id } })],
      [UNBIND, bBoundQuota, (id) => ({ input: { quotaId: id } })],
      [REGISTER, b.regionId, (id) => registerInput(id)],
      [REGISTER, b.regions['b-eu']!, (id) => registerInput(id)],
      [PURCHASE, b.regionId, (id) => purchaseInput(id)],
      [PURCHASE, b.regions['b-eu']!, (id) => purchaseInput(id)],
    ];
    for (const [mutation, theirId, vars] of cases) {
      const unknown = randomUUID();
      expectNotFoundLikeUnknown(await a.gql(mutation, vars(theirId)), theirId, await a.gql(mutation, vars(unknown)), unknown);
    }
    // Both B's ids at once: still nothing to learn.
    const both = await a.gql(BIND, { input: { quotaId: bIdleQuota, serverId: bOnline } });
    expectError(both, 'NOT_FOUND');
    expect(await snapshot(b.accountId)).toEqual(beforeB);
    expect(await snapshot(a.accountId)).toEqual(beforeA);
  });
});

/** Collects the results of one subscription; `next()` waits for the next one (or fails after 10 s). */
function collect(client: Client, topic: Topic, query: string, variables: Record<string, unknown> = {}) {
  const events: any[] = [];
  const errors: unknown[] = [];
  const before = hss.app.services.events.subscriberCount(topic);
  client.subscribe(
    { query, variables },
    {
      next: (value) => (value.errors ? errors.push(value.errors) : events.push(value.data)),
      error: (err) => errors.push(err),
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    /** graphql-ws has no "subscribed" acknowledgement: wait until the server listens on the topic. */
    async subscribed(): Promise<void> {
      const deadline = Date.now() + 10_000;
      while (hss.app.services.events.subscriberCount(topic) <= before) {
        if (errors.length) throw new Error(JSON.stringify(errors));
        if (Date.now() > deadline) throw new Error(`no listener on ${topic} after 10 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async next(count = events.length + 1): Promise<any> {
      const deadline = Date.now() + 10_000;
      while (events.length < count && errors.length === 0) {
        if (Date.now() > deadline) throw new Error(`no event after 10 s (have ${events.length})`);
        await new Promise((r) => setTimeout(r, 10));
      }
      if (errors.length) throw new Error(JSON.stringify(errors));
      return events[count - 1];
    },
  };
}

/**
 * The first thing a subscription yields: a result (data or GraphQL errors), or the close event
 * that ended it; `{ accepted: true }` when it is still quietly listening after 10 s.
 */
function firstOutcome(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return new Promise<{ result?: GraphQLResponse; closed?: { code: number; reason: string }; accepted?: true }>((resolve) => {
    setTimeout(() => resolve({ accepted: true }), 10_000);
    client.subscribe(
      { query, variables },
      {
        next: (value) => resolve({ result: value as GraphQLResponse }),
        error: (err) => {
          const e = err as { code?: number; reason?: string };
          resolve(
            typeof e?.code === 'number'
              ? { closed: { code: e.code, reason: String(e.reason) } }
              : { result: { errors: err as never } },
          );
        },
        complete: () => resolve({}),
      },
    );
  });
}

describe('subscriptions', () => {
  it('serverChanged never delivers another account’s changes', async () => {
    const a = await hss.createTenant();
    const b = await hss.createTenant();
    const bServer = await onlineServer(b);
    const [bQuota] = await hss.purchaseQuotas(b, { edition: 'ENTERPRISE', count: 1 });
    const sub = collect(hss.ws(a.token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id name protectionStatus } }');
    await sub.subscribed();
    // B registers, enables, disables and binds; every one of these publishes a SERVER_CHANGED.
    await hss.registerServers(b, 1);
    expect((await b.gql(ENABLE, enableInput(bServer, bQuota))).errors).toBeUndefined();
    expect((await b.gql(DISABLE, { input: { serverId: bServer } })).errors).toBeUndefined();
    expect((await b.gql(BIND, { input: { quotaId: bQuota, serverId: bServer } })).errors).toBeUndefined();
    // Then A does one thing, and that is all A hears.
    const [aServer] = await hss.registerServers(a, 1, { prefix: 'a-only' });
    expect(await sub.next()).toEqual({ serverChanged: { id: aServer, name: 'a-only-00000', protectionStatus: 'DISABLED' } });
    expect(sub.events).toHaveLength(1);
    expect(sub.errors).toEqual([]);
  });

  it('a subscription naming another account’s region or server: NOT_FOUND, worded as for an unknown id', async () => {
    const a = await hss.createTenant();
    const b = await hss.createTenant();
    const [bServer] = await hss.registerServers(b, 1);
    const cases: [string, string][] = [
      ['subscription($id: ID) { serverChanged(regionId: $id) { id } }', b.regionId],
      ['subscription($id: ID) { agentStatusChanged(regionId: $id) { serverId } }', b.regionId],
      ['subscription($id: ID!) { agentStatusChanged(serverIds: [$id]) { serverId } }', bServer!],
      ['subscription($id: ID) { alarmRaised(regionId: $id) { id } }', b.regionId],
      ['subscription($id: ID!) { scanProgress(serverId: $id) { status } }', bServer!],
    ];
    for (const [query, theirId] of cases) {
      const unknown = randomUUID();
      const theirs = await firstOutcome(hss.ws(a.token), query, { id: theirId });
      const other = await firstOutcome(hss.ws(a.token), query, { id: unknown });
      expect(theirs.result, JSON.stringify(theirs)).toBeDefined();
      expectNotFoundLikeUnknown(theirs.result!, theirId, other.result!, unknown);
    }
    // B may subscribe to its own region.
    const own = collect(hss.ws(b.token), Topic.SERVER_CHANGED, 'subscription($id: ID) { serverChanged(regionId: $id) { id } }', {
      id: b.regionId,
    });
    await own.subscribed();
  });

  it('refuses a WebSocket connection without a token, with a bad token or with a revoked one (close 4403)', async () => {
    const t = await hss.createTenant();
    const query = 'subscription { serverChanged { id } }';
    const listeners = hss.app.services.events.subscriberCount(Topic.SERVER_CHANGED);
    expect(await firstOutcome(hss.ws(null), query)).toEqual({ closed: { code: 4403, reason: 'Forbidden' } });
    expect(await firstOutcome(hss.ws('hss_s_not-a-real-token'), query)).toEqual({ closed: { code: 4403, reason: 'Forbidden' } });
    expect(await firstOutcome(hss.ws(`${t.token}x`), query)).toEqual({ closed: { code: 4403, reason: 'Forbidden' } });
    const second = await login(t.adminEmail, t.password);
    expect((await hss.gql('mutation { logout }', {}, second)).data).toEqual({ logout: true });
    expect(await firstOutcome(hss.ws(second), query)).toEqual({ closed: { code: 4403, reason: 'Forbidden' } });
    expect(hss.app.services.events.subscriberCount(Topic.SERVER_CHANGED)).toBe(listeners);
    // The same subscription with the live token is accepted.
    await collect(hss.ws(t.token), Topic.SERVER_CHANGED, query).subscribed();
  });
});

describe('authentication', () => {
  it('without a token, queries and mutations answer UNAUTHENTICATED and write nothing', async () => {
    const t = await hss.createTenant();
    for (const query of [
      '{ servers { totalCount } }',
      '{ viewer { id } }',
      '{ overview { serverCount } }',
      '{ regions { id } }',
    ]) {
      const err = expectError(await hss.gql(query), 'UNAUTHENTICATED');
      expect(err.message).toMatch(/Authorization: Bearer/);
    }
    const quotas = await count('quota', t.accountId);
    const audits = await count('audit_log', t.accountId);
    expectError(await hss.gql(PURCHASE, purchaseInput(t.regionId)), 'UNAUTHENTICATED');
    expectError(await hss.gql(REGISTER, registerInput(t.regionId)), 'UNAUTHENTICATED');
    expectError(await hss.gql('mutation { logout }'), 'UNAUTHENTICATED');
    expect(await count('quota', t.accountId)).toBe(quotas);
    expect(await count('server', t.accountId)).toBe(0);
    expect(await count('audit_log', t.accountId)).toBe(audits);
  });

  it('a malformed or unknown Authorization header is UNAUTHENTICATED, never another user', async () => {
    const t = await hss.createTenant();
    for (const authorization of [t.token, `Basic ${t.token}`, 'Bearer', `Bearer ${t.token}x`, `Bearer ${'a'.repeat(5000)}`]) {
      expectError(await post({ query: '{ viewer { id } }' }, { authorization }), 'UNAUTHENTICATED');
    }
    expect((await post({ query: '{ viewer { email } }' }, { authorization: `bearer   ${t.token}` })).data).toEqual({
      viewer: { email: t.adminEmail },
    });
  });

  it('a wrong password is UNAUTHENTICATED with the same message as an unknown e-mail, and opens no session', async () => {
    const t = await hss.createTenant();
    const sessions = await count('session', t.accountId);
    const wrong = expectError(
      await hss.gql(LOGIN, { input: { email: t.adminEmail, password: 'not-the-password' } }),
      'UNAUTHENTICATED',
    );
    const unknown = expectError(
      await hss.gql(LOGIN, { input: { email: `nobody-${randomUUID()}@example.test`, password: 'not-the-password' } }),
      'UNAUTHENTICATED',
    );
    expect(wrong.message).toBe('The e-mail or password is wrong. Check both and try again.');
    expect({ message: wrong.message, extensions: wrong.extensions }).toEqual({
      message: unknown.message,
      extensions: unknown.extensions,
    });
    expect(await count('session', t.accountId)).toBe(sessions);
    // The right password still works.
    const ok = await hss.gql(LOGIN, { input: { email: t.adminEmail, password: t.password } });
    expect(ok.data!.login.user).toMatchObject({ email: t.adminEmail, role: 'ADMIN' });
    expect(await count('session', t.accountId)).toBe(sessions + 1);
  });

  it('logout revokes the token it was called with, and only that one', async () => {
    const t = await hss.createTenant();
    const other = await login(t.adminEmail, t.password);
    expect((await t.gql('{ viewer { email } }')).data).toEqual({ viewer: { email: t.adminEmail } });
    expect((await t.gql('mutation { logout }')).data).toEqual({ logout: true });
    expectError(await t.gql('{ viewer { email } }'), 'UNAUTHENTICATED');
    expectError(await t.gql('{ servers { totalCount } }'), 'UNAUTHENTICATED');
    expectError(await t.gql(PURCHASE, purchaseInput(t.regionId)), 'UNAUTHENTICATED');
    expectError(await t.gql('mutation { logout }'), 'UNAUTHENTICATED');
    expect(await count('quota', t.accountId)).toBe(0);
    expect((await hss.gql('{ viewer { email } }', {}, other)).data).toEqual({ viewer: { email: t.adminEmail } });
  });

  it('an expired session is UNAUTHENTICATED', async () => {
    const t = await hss.createTenant();
    const token = await login(t.adminEmail, t.password);
    expect((await hss.gql('{ viewer { email } }', {}, token)).errors).toBeUndefined();
    await hss.sql(
      `update session set expires_at = now() - interval '1 second' where account_id = ? and created_at = (select max(created_at) from session where account_id = ?)`,
      [t.accountId, t.accountId],
    );
    expectError(await hss.gql('{ viewer { email } }', {}, token), 'UNAUTHENTICATED');
  });

  it('viewer returns the signed-in user', async () => {
    const t = await hss.createTenant();
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    const [admin] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [t.adminEmail]);
    const [user] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [viewer.adminEmail]);
    expect((await t.gql('{ viewer { id email role displayName } }')).data).toEqual({
      viewer: { id: admin!.id, email: t.adminEmail, role: 'ADMIN', displayName: 'Administrator' },
    });
    expect((await viewer.gql('{ viewer { id email role } }')).data).toEqual({
      viewer: { id: user!.id, email: viewer.adminEmail, role: 'VIEWER' },
    });
  });
});

describe('roles', () => {
  /** A tenant with an online unprotected server, a protected one, an idle and a bound quota. */
  async function world() {
    const t = await hss.createTenant();
    const online = await onlineServer(t);
    const protectedServer = await onlineServer(t, { protect: true });
    const [idleQuota] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    return { t, online, protectedServer, idleQuota: idleQuota!, boundQuota: await boundQuotaOf(protectedServer) };
  }

  it('a VIEWER can read everything of its account', async () => {
    const { t, online, idleQuota } = await world();
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    const res = await viewer.gql(
      `query($s: ID!, $q: ID!) {
        servers { totalCount } quotas { totalCount } findings { totalCount } alarms { totalCount }
        overview { serverCount } regions { id } editions { code } viewer { role }
        server(id: $s) { id } quota(id: $q) { id }
      }`,
      { s: online, q: idleQuota },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({
      servers: { totalCount: 2 },
      quotas: { totalCount: 2 },
      overview: { serverCount: 2 },
      regions: [{ id: t.regionId }],
      viewer: { role: 'VIEWER' },
      server: { id: online },
      quota: { id: idleQuota },
    });
  });

  it('a VIEWER gets FORBIDDEN on every mutation, and nothing is written', async () => {
    const { t, online, protectedServer, idleQuota, boundQuota } = await world();
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    const before = await snapshot(t.accountId);
    const attempts: [string, Record<string, unknown>][] = [
      [ENABLE, enableInput(online)],
      [DISABLE, { input: { serverId: protectedServer } }],
      [BIND, { input: { quotaId: idleQuota, serverId: online } }],
      [UNBIND, { input: { quotaId: boundQuota } }],
      [PURCHASE, purchaseInput(t.regionId)],
      [REGISTER, registerInput(t.regionId)],
    ];
    for (const [mutation, variables] of attempts) {
      const err = expectError(await viewer.gql(mutation, variables), 'FORBIDDEN');
      expect(err.message).toMatch(/^Your role VIEWER may not .+\. Ask an administrator for a role that can\.$/);
    }
    expect(await snapshot(t.accountId)).toEqual(before);
  });

  it('an OPERATOR can enable, disable, bind, unbind, purchase and register, and is recorded as the author', async () => {
    const { t, online, protectedServer, idleQuota, boundQuota } = await world();
    const operator = await hss.addUser(t, UserRole.OPERATOR);
    const me = (await operator.gql('{ viewer { id role } }')).data!.viewer;
    expect(me.role).toBe('OPERATOR');
    const ok = async (mutation: string, variables: Record<string, unknown>) => {
      const res = await operator.gql(mutation, variables);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data!;
    };
    expect((await ok(ENABLE, enableInput(online, idleQuota))).enableProtection.server.protectionStatus).toBe('ENABLED');
    expect((await ok(DISABLE, { input: { serverId: online } })).disableProtection.server.protectionStatus).toBe('DISABLED');
    expect((await ok(BIND, { input: { quotaId: idleQuota, serverId: online } })).bindQuota.quota.status).toBe('IN_USE');
    expect((await ok(UNBIND, { input: { quotaId: boundQuota } })).unbindQuota.quota.status).toBe('IDLE');
    expect((await ok(PURCHASE, purchaseInput(t.regionId))).purchaseQuotas.quotas).toHaveLength(2);
    expect((await ok(REGISTER, registerInput(t.regionId))).registerServers.servers).toHaveLength(1);
    const rows = await hss.sql<{ action: string }>(
      `select action from audit_log where user_id = ? and action <> 'LOGIN' order by created_at, action`,
      [me.id],
    );
    expect(rows.map((r) => r.action).sort()).toEqual(
      ['BIND_QUOTA', 'DISABLE_PROTECTION', 'ENABLE_PROTECTION', 'PURCHASE_QUOTAS', 'REGISTER_SERVER', 'UNBIND_QUOTA'].sort(),
    );
    expect(await hss.sql('select status, server_id from quota where id = ?', [boundQuota])).toEqual([
      { status: 'IDLE', server_id: null },
    ]);
    expect(await hss.sql('select protection_status from server where id = ?', [protectedServer])).toEqual([
      { protection_status: 'DISABLED' },
    ]);
  });
});
