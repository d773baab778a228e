import { describe, expect, it } from 'vitest';
import { expectError } from '../helpers/expect.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer();

const SERVER_FIELDS =
  'id protectionStatus protectionInterruptedCause billingMode detectionResult trialEndsAt edition { code } quota { id }';
const ENABLE = `mutation($input: EnableProtectionInput!) {
  enableProtection(input: $input) { server { ${SERVER_FIELDS} } quota { id status expiresAt } scanTask { id status trigger } }
}`;
const DISABLE = `mutation($input: DisableProtectionInput!) {
  disableProtection(input: $input) { server { ${SERVER_FIELDS} } releasedQuota { id status } }
}`;
const BIND = `mutation($input: BindQuotaInput!) {
  bindQuota(input: $input) { quota { id status server { id } } server { ${SERVER_FIELDS} } scanTask { id status } }
}`;
const UNBIND = `mutation($input: UnbindQuotaInput!) {
  unbindQuota(input: $input) { quota { id status server { id } } server { ${SERVER_FIELDS} } }
}`;

async function onlineServer(t: Tenant, regionId?: string): Promise<string> {
  const [id] = await hss.registerServers(t, 1, regionId ? { regionId } : {});
  await hss.setAgentOnline([id!]);
  return id!;
}

const enable = (t: Tenant, input: Record<string, unknown>) =>
  t.gql(ENABLE, { input: { billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true, ...input } });

async function quotaRow(id: string) {
  const [row] = await hss.sql<{ status: string; server_id: string | null }>('select status, server_id from quota where id = ?', [
    id,
  ]);
  return row!;
}

async function auditCount(t: Tenant): Promise<number> {
  const [row] = await hss.sql<{ n: string }>('select count(*) as n from audit_log where account_id = ?', [t.accountId]);
  return Number(row!.n);
}

describe('enableProtection, yearly/monthly', () => {
  it('protects an online server with "any quota" and starts a full scan at once', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    const res = await enable(t, { serverId, edition: 'ENTERPRISE' });
    expect(res.errors).toBeUndefined();
    const payload = res.data!.enableProtection;
    expect(payload.server).toMatchObject({
      protectionStatus: 'ENABLED',
      billingMode: 'YEARLY_MONTHLY',
      detectionResult: 'PENDING',
      edition: { code: 'ENTERPRISE' },
    });
    expect(payload.quota.status).toBe('IN_USE');
    expect(payload.server.quota.id).toBe(payload.quota.id);
    expect(payload.scanTask).toMatchObject({ status: 'QUEUED', trigger: 'PROTECTION_ENABLED' });
    expect(await quotaRow(payload.quota.id)).toEqual({ status: 'IN_USE', server_id: serverId });
  });

  it('"any quota" takes the idle quota of that edition with the longest remaining validity', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    await hss.purchaseQuotas(t, { edition: 'PREMIUM', count: 1, months: 3 });
    const [longest] = await hss.purchaseQuotas(t, { edition: 'PREMIUM', count: 1, months: 24 });
    await hss.purchaseQuotas(t, { edition: 'PREMIUM', count: 1, months: 12 });
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1, months: 36 });
    const res = await enable(t, { serverId, edition: 'PREMIUM' });
    expect(res.data!.enableProtection.quota.id).toBe(longest);
  });

  it('binds the quota the user named', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [, chosen] = await hss.purchaseQuotas(t, { edition: 'BASIC', count: 2 });
    const res = await enable(t, { serverId, edition: 'BASIC', quotaId: chosen });
    expect(res.data!.enableProtection.quota).toMatchObject({ id: chosen, status: 'IN_USE' });
  });

  it('refuses without the disclaimer: DISCLAIMER_NOT_ACCEPTED, and writes nothing', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    const audits = await auditCount(t);
    const err = expectError(
      await enable(t, { serverId, edition: 'ENTERPRISE', acceptDisclaimer: false }),
      'DISCLAIMER_NOT_ACCEPTED',
    );
    expect(err.message).toMatch(/disclaimer/i);
    expect(await quotaRow(quotaId!)).toEqual({ status: 'IDLE', server_id: null });
    expect(await auditCount(t)).toBe(audits);
  });

  it('refuses a server whose agent is not installed or offline: AGENT_OFFLINE', async () => {
    const t = await hss.createTenant();
    const [notInstalled, offline] = await hss.registerServers(t, 2);
    await hss.sql(`update server set agent_status = 'OFFLINE', agent_offline_reason = 'HEARTBEAT_TIMEOUT' where id = ?`, [
      offline,
    ]);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    const e1 = expectError(await enable(t, { serverId: notInstalled, edition: 'ENTERPRISE' }), 'AGENT_OFFLINE');
    expect(e1.message).toMatch(/install the agent/);
    const e2 = expectError(await enable(t, { serverId: offline, edition: 'ENTERPRISE' }), 'AGENT_OFFLINE');
    expect(e2.message).toMatch(/OFFLINE \(HEARTBEAT_TIMEOUT\)/);
    expect(await quotaRow(quotaId!)).toEqual({ status: 'IDLE', server_id: null });
  });

  it('refuses a protected server: ALREADY_PROTECTED, and keeps its quota', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [first, second] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 2 });
    await enable(t, { serverId, edition: 'ENTERPRISE', quotaId: first });
    expectError(await enable(t, { serverId, edition: 'ENTERPRISE', quotaId: second }), 'ALREADY_PROTECTED');
    expect(await quotaRow(first!)).toEqual({ status: 'IN_USE', server_id: serverId });
    expect(await quotaRow(second!)).toEqual({ status: 'IDLE', server_id: null });
  });

  it('says which edition ran out and how to get more: QUOTA_INSUFFICIENT', async () => {
    const t = await hss.createTenant();
    const [a, b] = await hss.registerServers(t, 2);
    await hss.setAgentOnline([a!, b!]);
    await hss.purchaseQuotas(t, { edition: 'PROFESSIONAL', count: 1 });
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 3 });
    await enable(t, { serverId: a, edition: 'PROFESSIONAL' });
    const err = expectError(await enable(t, { serverId: b, edition: 'PROFESSIONAL' }), 'QUOTA_INSUFFICIENT');
    expect(err.message).toMatch(/No idle PROFESSIONAL quota/);
    expect(err.message).toMatch(/0 idle, 1 in use/);
    expect(err.message).toMatch(/purchaseQuotas/);
    expect(err.extensions).toMatchObject({ edition: 'PROFESSIONAL', idle: 0, inUse: 1 });
  });

  it("only takes quotas of the server's region", async () => {
    const t = await hss.createTenant('regions', ['eu-1']);
    const serverId = await onlineServer(t);
    const [foreign] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1, regionId: t.regions['eu-1'] });
    expectError(await enable(t, { serverId, edition: 'ENTERPRISE' }), 'QUOTA_INSUFFICIENT');
    const err = expectError(await enable(t, { serverId, edition: 'ENTERPRISE', quotaId: foreign }), 'BAD_USER_INPUT');
    expect(err.message).toMatch(/region/);
  });

  it('refuses a named quota of another edition: EDITION_MISMATCH', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [basic] = await hss.purchaseQuotas(t, { edition: 'BASIC', count: 1 });
    const err = expectError(await enable(t, { serverId, edition: 'PREMIUM', quotaId: basic }), 'EDITION_MISMATCH');
    expect(err.message).toMatch(/BASIC quota, not PREMIUM/);
  });

  it('refuses a named quota that is in use or expired: QUOTA_NOT_IDLE', async () => {
    const t = await hss.createTenant();
    const [a, b] = await hss.registerServers(t, 2);
    await hss.setAgentOnline([a!, b!]);
    const [used, expired] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 2 });
    await enable(t, { serverId: a, edition: 'ENTERPRISE', quotaId: used });
    expect(expectError(await enable(t, { serverId: b, edition: 'ENTERPRISE', quotaId: used }), 'QUOTA_NOT_IDLE').message).toMatch(
      /in use/,
    );
    await hss.sql(`update quota set expires_at = now() - interval '1 day' where id = ?`, [expired]);
    expect(
      expectError(await enable(t, { serverId: b, edition: 'ENTERPRISE', quotaId: expired }), 'QUOTA_NOT_IDLE').message,
    ).toMatch(/expired/);
    expectError(await enable(t, { serverId: b, edition: 'ENTERPRISE' }), 'QUOTA_INSUFFICIENT');
  });
});

describe('enableProtection, on demand', () => {
  it('bills the enterprise edition per use, with no quota', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const res = await enable(t, { serverId, edition: 'ENTERPRISE', billingMode: 'ON_DEMAND' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.enableProtection.quota).toBeNull();
    expect(res.data!.enableProtection.server).toMatchObject({
      protectionStatus: 'ENABLED',
      billingMode: 'ON_DEMAND',
      quota: null,
    });
  });

  it('refuses other paid editions on demand: EDITION_NOT_ON_DEMAND', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    for (const edition of ['PROFESSIONAL', 'PREMIUM', 'WTP', 'CONTAINER']) {
      const err = expectError(await enable(t, { serverId, edition, billingMode: 'ON_DEMAND' }), 'EDITION_NOT_ON_DEMAND');
      expect(err.message).toContain(edition);
    }
  });

  it('gives the basic edition a free 30-day trial, once per server', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const res = await enable(t, { serverId, edition: 'BASIC', billingMode: 'ON_DEMAND' });
    const trialEndsAt = Date.parse(res.data!.enableProtection.server.trialEndsAt);
    expect(Math.round((trialEndsAt - Date.now()) / 86_400_000)).toBe(30);
    // Turning it off and on within the trial keeps the same end.
    await t.gql(DISABLE, { input: { serverId } });
    const again = await enable(t, { serverId, edition: 'BASIC', billingMode: 'ON_DEMAND' });
    expect(Date.parse(again.data!.enableProtection.server.trialEndsAt)).toBe(trialEndsAt);
    await t.gql(DISABLE, { input: { serverId } });
    await hss.sql(`update server set trial_ends_at = now() - interval '1 minute' where id = ?`, [serverId]);
    const err = expectError(await enable(t, { serverId, edition: 'BASIC', billingMode: 'ON_DEMAND' }), 'EDITION_NOT_ON_DEMAND');
    expect(err.message).toMatch(/trial .* ended/);
  });

  it('rejects a quota id with ON_DEMAND: BAD_USER_INPUT', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    expectError(await enable(t, { serverId, edition: 'ENTERPRISE', billingMode: 'ON_DEMAND', quotaId }), 'BAD_USER_INPUT');
  });
});

describe('disableProtection', () => {
  it('returns the quota to IDLE and leaves the server unprotected and pending', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'PREMIUM', count: 1 });
    await enable(t, { serverId, edition: 'PREMIUM' });
    await hss.sql(`update server set detection_result = 'RISKY' where id = ?`, [serverId]);
    const res = await t.gql(DISABLE, { input: { serverId } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.disableProtection.releasedQuota).toEqual({ id: quotaId, status: 'IDLE' });
    expect(res.data!.disableProtection.server).toMatchObject({
      protectionStatus: 'DISABLED',
      edition: null,
      billingMode: null,
      quota: null,
      detectionResult: 'PENDING',
    });
    expect(await quotaRow(quotaId!)).toEqual({ status: 'IDLE', server_id: null });
  });

  it('refuses a server that is not protected: NOT_PROTECTED', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    expectError(await t.gql(DISABLE, { input: { serverId } }), 'NOT_PROTECTED');
  });

  it('works even when the agent is offline (a quota is never stuck)', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'BASIC', count: 1 });
    await enable(t, { serverId, edition: 'BASIC' });
    await hss.sql(`update server set agent_status = 'OFFLINE' where id = ?`, [serverId]);
    expect((await t.gql(DISABLE, { input: { serverId } })).errors).toBeUndefined();
    expect((await quotaRow(quotaId!)).status).toBe('IDLE');
  });
});

describe('bindQuota and unbindQuota', () => {
  it("binding enables protection with the quota's edition", async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'WTP', count: 1 });
    const res = await t.gql(BIND, { input: { quotaId, serverId } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.bindQuota.quota).toEqual({ id: quotaId, status: 'IN_USE', server: { id: serverId } });
    expect(res.data!.bindQuota.server).toMatchObject({
      protectionStatus: 'ENABLED',
      billingMode: 'YEARLY_MONTHLY',
      edition: { code: 'WTP' },
    });
    expect(res.data!.bindQuota.scanTask.status).toBe('QUEUED');
  });

  it('refuses to bind to an offline server, a protected server, or with a quota in use', async () => {
    const t = await hss.createTenant();
    const [offline, a, b] = await hss.registerServers(t, 3);
    await hss.setAgentOnline([a!, b!]);
    const [q1, q2] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 2 });
    expectError(await t.gql(BIND, { input: { quotaId: q1, serverId: offline } }), 'AGENT_OFFLINE');
    await t.gql(BIND, { input: { quotaId: q1, serverId: a } });
    expectError(await t.gql(BIND, { input: { quotaId: q2, serverId: a } }), 'ALREADY_PROTECTED');
    expectError(await t.gql(BIND, { input: { quotaId: q1, serverId: b } }), 'QUOTA_NOT_IDLE');
    expect(await quotaRow(q2!)).toEqual({ status: 'IDLE', server_id: null });
  });

  it('unbinding returns the quota to IDLE and disables protection', async () => {
    const t = await hss.createTenant();
    const serverId = await onlineServer(t);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    await t.gql(BIND, { input: { quotaId, serverId } });
    const res = await t.gql(UNBIND, { input: { quotaId } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.unbindQuota.quota).toEqual({ id: quotaId, status: 'IDLE', server: null });
    expect(res.data!.unbindQuota.server).toMatchObject({ protectionStatus: 'DISABLED', edition: null, quota: null });
    // The freed quota protects another server.
    const other = await onlineServer(t);
    expect((await enable(t, { serverId: other, edition: 'ENTERPRISE' })).data!.enableProtection.quota.id).toBe(quotaId);
  });

  it('refuses to unbind an idle quota: NOT_PROTECTED', async () => {
    const t = await hss.createTenant();
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    expectError(await t.gql(UNBIND, { input: { quotaId } }), 'NOT_PROTECTED');
  });
});

describe('overview', () => {
  it('counts servers by their three statuses and quotas by edition and status', async () => {
    const t = await hss.createTenant();
    const [a, b, c] = await hss.registerServers(t, 3);
    await hss.setAgentOnline([a!, b!]);
    await hss.sql(`update server set agent_status = 'OFFLINE', detection_result = 'SAFE' where id = ?`, [c]);
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 2 });
    const [expired] = await hss.purchaseQuotas(t, { edition: 'BASIC', count: 1 });
    await hss.sql(`update quota set expires_at = now() - interval '1 second' where id = ?`, [expired]);
    await enable(t, { serverId: a, edition: 'ENTERPRISE' });
    const res = await t.gql(`{ overview {
      serverCount agentStatus { notInstalled online offline } protectionStatus { enabled disabled interrupted }
      detectionResult { risky safe pending } quotas { edition status count } } }`);
    expect(res.data!.overview).toEqual({
      serverCount: 3,
      agentStatus: { notInstalled: 0, online: 2, offline: 1 },
      protectionStatus: { enabled: 1, disabled: 2, interrupted: 0 },
      detectionResult: { risky: 0, safe: 1, pending: 2 },
      quotas: [
        { edition: 'BASIC', status: 'EXPIRED', count: 1 },
        { edition: 'ENTERPRISE', status: 'IDLE', count: 1 },
        { edition: 'ENTERPRISE', status: 'IN_USE', count: 1 },
      ],
    });
  });
});
