import { Topic } from '@hss/server';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../helpers/expect.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer();

const QUOTA = 'query($id: ID!) { quota(id: $id) { id status server { id } } }';
const QUOTAS = `query($status: [QuotaStatus!]) {
  quotas(first: 100, filter: { status: $status }) { totalCount edges { node { id status } } }
}`;
const SERVER_FIELDS = 'id protectionStatus protectionInterruptedCause billingMode edition { code } quota { id status }';
const SERVER = `query($id: ID!) { server(id: $id) { ${SERVER_FIELDS} } }`;
const ENABLE = `mutation($input: EnableProtectionInput!) {
  enableProtection(input: $input) { server { ${SERVER_FIELDS} } quota { id status } }
}`;
const BIND = `mutation($input: BindQuotaInput!) {
  bindQuota(input: $input) { quota { id status } server { ${SERVER_FIELDS} } }
}`;

/** Moves the quotas' end of validity a minute into the past, as time passing would. */
async function letExpire(quotaIds: string[]): Promise<void> {
  await hss.sql(`update quota set expires_at = now() - interval '1 minute' where id in (?)`, [quotaIds]);
}

async function storedQuota(id: string) {
  const [row] = await hss.sql<{ status: string; server_id: string | null; bound_at: Date | null }>(
    'select status, server_id, bound_at from quota where id = ?',
    [id],
  );
  return row!;
}

async function onlineServer(t: Tenant): Promise<string> {
  const [id] = await hss.registerServers(t, 1);
  await hss.setAgentOnline([id!]);
  return id!;
}

const enable = (t: Tenant, input: Record<string, unknown>) =>
  t.gql(ENABLE, { input: { billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true, ...input } });

const sweep = () => hss.app.services.quotas.expireDue(hss.app.orm.em.fork());

/** Subscribes to serverChanged and resolves once the server listens; `nth(n)` waits up to 10 s for the n-th event. */
async function watchServers(t: Tenant) {
  const events: any[] = [];
  const failures: unknown[] = [];
  const before = hss.app.services.events.subscriberCount(Topic.SERVER_CHANGED);
  hss.ws(t.token).subscribe(
    { query: `subscription { serverChanged { ${SERVER_FIELDS} } }` },
    {
      next: (value) => (value.errors ? failures.push(value.errors) : events.push(value.data)),
      error: (err) => failures.push(err),
      complete: () => {},
    },
  );
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (failures.length) throw new Error(JSON.stringify(failures));
      if (Date.now() > deadline) throw new Error(`${what} after 10 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await until(() => hss.app.services.events.subscriberCount(Topic.SERVER_CHANGED) > before, 'no serverChanged listener');
  return {
    events,
    /** The n-th event (1-based), once it has arrived. */
    async nth(n: number) {
      await until(() => events.length >= n, `no event #${n}`);
      return events[n - 1];
    },
  };
}

describe('a quota past its validity, before the sweep', () => {
  it('is reported EXPIRED at once, by quota(id) and by the quotas status filter', async () => {
    const t = await hss.createTenant();
    const [old1, old2, valid] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 3 });
    await letExpire([old1!, old2!]);
    // Still IDLE in the table: only the API's reading has changed.
    expect((await storedQuota(old1!)).status).toBe('IDLE');

    expect(expectOk(await t.gql(QUOTA, { id: old1 })).quota).toEqual({ id: old1, status: 'EXPIRED', server: null });
    expect(expectOk(await t.gql(QUOTA, { id: valid })).quota).toEqual({ id: valid, status: 'IDLE', server: null });

    const expired = expectOk(await t.gql(QUOTAS, { status: ['EXPIRED'] })).quotas;
    expect(expired.totalCount).toBe(2);
    expect(expired.edges.map((e: any) => e.node)).toEqual(
      expect.arrayContaining([
        { id: old1, status: 'EXPIRED' },
        { id: old2, status: 'EXPIRED' },
      ]),
    );
    const idle = expectOk(await t.gql(QUOTAS, { status: ['IDLE'] })).quotas;
    expect(idle.edges.map((e: any) => e.node)).toEqual([{ id: valid, status: 'IDLE' }]);
    expect(idle.totalCount).toBe(1);
  });

  it('cannot be bound (QUOTA_NOT_IDLE) nor taken as "any quota" (QUOTA_INSUFFICIENT)', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'PREMIUM', count: 1 });
    await letExpire([quotaId!]);

    expect(expectError(await t.gql(BIND, { input: { quotaId, serverId } }), 'QUOTA_NOT_IDLE').message).toMatch(/expired/);
    expect(expectError(await enable(t, { serverId, edition: 'PREMIUM', quotaId }), 'QUOTA_NOT_IDLE').message).toMatch(/expired/);
    expectError(await enable(t, { serverId, edition: 'PREMIUM' }), 'QUOTA_INSUFFICIENT');

    expect(await storedQuota(quotaId!)).toMatchObject({ status: 'IDLE', server_id: null });
    expect(expectOk(await t.gql(SERVER, { id: serverId })).server).toMatchObject({ protectionStatus: 'DISABLED', quota: null });
  });
});

describe('the expiry sweep (expireDue)', () => {
  it('writes EXPIRED, interrupts the server its quota protected, audits it and tells serverChanged subscribers', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [idle] = await hss.purchaseQuotas(t, { edition: 'BASIC', count: 1 });
    const [bound] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    const enabled = expectOk(await enable(t, { serverId, edition: 'ENTERPRISE', quotaId: bound }));
    expect(enabled.enableProtection.server.protectionStatus).toBe('ENABLED');

    const watcher = await watchServers(t);
    await letExpire([idle!, bound!]);
    expect(await sweep()).toBeGreaterThanOrEqual(2);

    // Stored: both EXPIRED, the bound one released.
    expect(await storedQuota(idle!)).toEqual({ status: 'EXPIRED', server_id: null, bound_at: null });
    expect(await storedQuota(bound!)).toEqual({ status: 'EXPIRED', server_id: null, bound_at: null });

    // The server: INTERRUPTED, saying which quota and what to do.
    const server = expectOk(await t.gql(SERVER, { id: serverId })).server;
    expect(server).toMatchObject({
      id: serverId,
      protectionStatus: 'INTERRUPTED',
      edition: null,
      billingMode: null,
      quota: null,
    });
    expect(server.protectionInterruptedCause).toContain(`Quota ${bound} expired`);
    expect(server.protectionInterruptedCause).toMatch(/Bind another quota/);
    expect(expectOk(await t.gql(QUOTA, { id: bound })).quota).toEqual({ id: bound, status: 'EXPIRED', server: null });

    const audits = await hss.sql<{ target_type: string; target_id: string; user_id: string | null; before: any; after: any }>(
      `select target_type, target_id, user_id, before, after from audit_log where account_id = ? and action = 'QUOTA_EXPIRED'`,
      [t.accountId],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      target_type: 'Server',
      target_id: serverId,
      user_id: null,
      before: { protectionStatus: 'ENABLED', edition: 'ENTERPRISE', quotaId: bound },
      after: { protectionStatus: 'INTERRUPTED', quotaId: null },
    });

    expect(await watcher.nth(1)).toEqual({ serverChanged: server });

    // A second sweep finds nothing more to do.
    expect(await sweep()).toBe(0);
    const [count] = await hss.sql<{ n: string }>(
      `select count(*) as n from audit_log where action = 'QUOTA_EXPIRED' and account_id = ?`,
      [t.accountId],
    );
    expect(Number(count!.n)).toBe(1);
    expect(watcher.events).toHaveLength(1);
  });

  it('leaves an interrupted server ready for another quota', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [old] = await hss.purchaseQuotas(t, { edition: 'PROFESSIONAL', count: 1 });
    expectOk(await enable(t, { serverId, edition: 'PROFESSIONAL' }));
    await letExpire([old!]);
    await sweep();
    expect(expectOk(await t.gql(SERVER, { id: serverId })).server.protectionStatus).toBe('INTERRUPTED');

    const [fresh] = await hss.purchaseQuotas(t, { edition: 'PROFESSIONAL', count: 1 });
    const res = expectOk(await t.gql(BIND, { input: { quotaId: fresh, serverId } }));
    expect(res.bindQuota.quota).toEqual({ id: fresh, status: 'IN_USE' });
    expect(res.bindQuota.server).toMatchObject({
      protectionStatus: 'ENABLED',
      protectionInterruptedCause: null,
      edition: { code: 'PROFESSIONAL' },
      quota: { id: fresh, status: 'IN_USE' },
    });
  });
});
