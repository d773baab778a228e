import { UserRole } from '@hss/schema';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../helpers/expect.js';
import { startTestServer } from '../helpers/server.js';

const hss = await startTestServer();

const AUDIT_LOGS = `query($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLogs(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { action targetType targetId before after createdAt user { email role } } }
  }
}`;

describe('auditLogs', () => {
  it("lists the account's changes newest first, with who, what, target, before and after, filtered", async () => {
    const admin = await hss.createTenant();
    const operator = await hss.addUser(admin, UserRole.OPERATOR);
    const [serverId] = await hss.registerServers(admin, 1);
    await hss.setAgentOnline([serverId!]);
    await hss.purchaseQuotas(operator, { edition: 'ENTERPRISE', count: 1 });
    expectOk(
      await operator.gql('mutation($i: EnableProtectionInput!) { enableProtection(input: $i) { server { id } } }', {
        i: { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true },
      }),
    );
    // Another account's changes never show.
    const other = await hss.createTenant();
    await hss.registerServers(other, 2);

    // The two sign-ins (admin, then operator) are audited too.
    const all = expectOk(await admin.gql(AUDIT_LOGS, {})).auditLogs;
    expect(all.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual([
      'ENABLE_PROTECTION',
      'PURCHASE_QUOTAS',
      'REGISTER_SERVER',
      'LOGIN',
      'LOGIN',
    ]);
    expect(all.totalCount).toBe(5);
    expect(all.edges[0].node).toMatchObject({
      targetType: 'Server',
      targetId: serverId,
      before: { protectionStatus: 'DISABLED', edition: null },
      after: { protectionStatus: 'ENABLED', edition: 'ENTERPRISE' },
      user: { email: operator.adminEmail, role: 'OPERATOR' },
    });

    const byUser = expectOk(await admin.gql(AUDIT_LOGS, { filter: { action: ['REGISTER_SERVER'] } }));
    expect(byUser.auditLogs.edges.map((e: { node: { user: { email: string } } }) => e.node.user.email)).toEqual([
      admin.adminEmail,
    ]);
    const operatorId = expectOk(await operator.gql('{ viewer { id } }')).viewer.id;
    const byOperator = expectOk(await admin.gql(AUDIT_LOGS, { filter: { userId: operatorId } }));
    expect(byOperator.auditLogs.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual([
      'ENABLE_PROTECTION',
      'PURCHASE_QUOTAS',
      'LOGIN',
    ]);
    const byTarget = expectOk(await admin.gql(AUDIT_LOGS, { filter: { targetType: 'Server', targetId: serverId } }));
    expect(byTarget.auditLogs.totalCount).toBe(2);
    const future = expectOk(await admin.gql(AUDIT_LOGS, { filter: { from: new Date(Date.now() + 60_000).toISOString() } }));
    expect(future.auditLogs.totalCount).toBe(0);
    const past = expectOk(await admin.gql(AUDIT_LOGS, { filter: { to: new Date(Date.now() + 60_000).toISOString() } }));
    expect(past.auditLogs.totalCount).toBe(5);

    const page = expectOk(await admin.gql(AUDIT_LOGS, { first: 2 })).auditLogs;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = expectOk(await admin.gql(AUDIT_LOGS, { first: 2, after: page.pageInfo.endCursor })).auditLogs;
    expect(rest.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(['REGISTER_SERVER', 'LOGIN']);
  });

  it('is for administrators only', async () => {
    const admin = await hss.createTenant();
    for (const role of [UserRole.OPERATOR, UserRole.VIEWER]) {
      const user = await hss.addUser(admin, role);
      expectError(await user.gql(AUDIT_LOGS, {}), 'FORBIDDEN');
    }
    expectError(await hss.gql(AUDIT_LOGS, {}), 'UNAUTHENTICATED');
  });

  it('refuses bad filters with BAD_USER_INPUT', async () => {
    const admin = await hss.createTenant();
    expectError(await admin.gql(AUDIT_LOGS, { filter: { userId: 'abc' } }), 'BAD_USER_INPUT');
    expectError(await admin.gql(AUDIT_LOGS, { filter: { targetId: 'x'.repeat(100_000) } }), 'BAD_USER_INPUT');
  });
});
