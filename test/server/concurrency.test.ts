import { describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';

const hss = await startTestServer();

const ENABLE = `mutation($input: EnableProtectionInput!) {
  enableProtection(input: $input) { server { id } quota { id } }
}`;
const BIND = 'mutation($input: BindQuotaInput!) { bindQuota(input: $input) { quota { id } } }';

const codes = (results: { errors?: { extensions?: { code?: string } }[] }[]) =>
  results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();

describe('concurrent protection requests', () => {
  it('30 concurrent enables for 30 servers with 10 idle quotas: exactly 10 succeed, none shares a quota', async () => {
    const t = await hss.createTenant();
    const servers = await hss.registerServers(t, 30);
    await hss.setAgentOnline(servers);
    await hss.purchaseQuotas(t, { edition: 'PROFESSIONAL', count: 10 });
    const results = await Promise.all(
      servers.map((serverId) =>
        t.gql<{ enableProtection: { quota: { id: string } } }>(ENABLE, {
          input: { serverId, edition: 'PROFESSIONAL', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true },
        }),
      ),
    );
    const ok = results.filter((r) => r.data?.enableProtection);
    expect(ok).toHaveLength(10);
    expect(codes(results).filter((c) => c !== 'OK')).toEqual(Array(20).fill('QUOTA_INSUFFICIENT'));
    expect(new Set(ok.map((r) => r.data!.enableProtection.quota.id)).size).toBe(10);

    const rows = await hss.sql<{ status: string; server_id: string | null }>(
      'select status, server_id from quota where account_id = ?',
      [t.accountId],
    );
    expect(rows.filter((q) => q.status === 'IN_USE')).toHaveLength(10);
    expect(new Set(rows.map((q) => q.server_id).filter(Boolean)).size).toBe(10);
    const [protectedCount] = await hss.sql<{ n: string }>(
      `select count(*) as n from server where account_id = ? and protection_status = 'ENABLED'`,
      [t.accountId],
    );
    expect(Number(protectedCount!.n)).toBe(10);
  });

  it('one quota bound concurrently to two servers goes to exactly one', async () => {
    const t = await hss.createTenant();
    const [a, b] = await hss.registerServers(t, 2);
    await hss.setAgentOnline([a!, b!]);
    const [quotaId] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    const results = await Promise.all([a, b].map((serverId) => t.gql(BIND, { input: { quotaId, serverId } })));
    expect(codes(results)).toEqual(['OK', 'QUOTA_NOT_IDLE']);
    const [row] = await hss.sql<{ server_id: string }>('select server_id from quota where id = ?', [quotaId]);
    expect([a, b]).toContain(row!.server_id);
  });

  it('one server enabled concurrently twice takes one quota', async () => {
    const t = await hss.createTenant();
    const [serverId] = await hss.registerServers(t, 1);
    await hss.setAgentOnline([serverId!]);
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 5 });
    const input = { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true };
    const results = await Promise.all(Array.from({ length: 5 }, () => t.gql(ENABLE, { input })));
    expect(codes(results)).toEqual(['ALREADY_PROTECTED', 'ALREADY_PROTECTED', 'ALREADY_PROTECTED', 'ALREADY_PROTECTED', 'OK']);
    const [inUse] = await hss.sql<{ n: string }>(`select count(*) as n from quota where account_id = ? and status = 'IN_USE'`, [
      t.accountId,
    ]);
    expect(Number(inUse!.n)).toBe(1);
  });
});
