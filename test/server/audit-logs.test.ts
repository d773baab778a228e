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

  it('names the API token an action was done with; filters by it; the row outlives the token', async () => {
    const admin = await hss.createTenant();
    const second = await hss.addUser(admin, UserRole.ADMIN);
    const createToken = async (as: typeof admin, name: string, role: UserRole) =>
      expectOk(
        await as.gql('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { apiToken { id } secret } }', {
          i: { name, role },
        }),
      ).createApiToken as { apiToken: { id: string }; secret: string };
    const ci = await createToken(admin, 'CI', UserRole.ADMIN);
    const siem = await createToken(second, 'SIEM', UserRole.OPERATOR);
    await hss.registerServers({ ...admin, gql: (q, v) => hss.gql(q, v, ci.secret) }, 1, { prefix: 'by-ci' });
    await hss.registerServers({ ...admin, gql: (q, v) => hss.gql(q, v, siem.secret) }, 1, { prefix: 'by-siem' });
    await hss.registerServers(admin, 1, { prefix: 'by-console' });

    const QUERY = `query($filter: AuditLogFilter) {
      auditLogs(filter: $filter) { totalCount edges { node { action after user { email } apiToken { id name revokedAt } } } }
    }`;
    const registrations = async (filter: Record<string, unknown> = {}) =>
      expectOk(await admin.gql(QUERY, { filter: { action: ['REGISTER_SERVER'], ...filter } })).auditLogs.edges.map(
        (e: { node: Record<string, any> }) => ({
          by: e.node.user?.email ?? null,
          token: e.node.apiToken ? { name: e.node.apiToken.name, revoked: e.node.apiToken.revokedAt !== null } : null,
        }),
      );
    hss.resetQueries();
    expect(await registrations()).toEqual([
      { by: admin.adminEmail, token: null },
      { by: second.adminEmail, token: { name: 'SIEM', revoked: false } },
      { by: admin.adminEmail, token: { name: 'CI', revoked: false } },
    ]);
    // Both tokens come from one batched statement.
    expect(hss.queries.filter((q) => /from "api_token"/.test(q))).toHaveLength(1);
    expect(await registrations({ apiTokenId: ci.apiToken.id })).toEqual([
      { by: admin.adminEmail, token: { name: 'CI', revoked: false } },
    ]);
    // The session's own rows (sign-ins, token creations) name no token.
    const tokenCreations = expectOk(await admin.gql(QUERY, { filter: { action: ['CREATE_API_TOKEN', 'LOGIN'] } }));
    expect(tokenCreations.auditLogs.edges.map((e: { node: { apiToken: unknown } }) => e.node.apiToken)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    // Another account's admin filtering by the token sees nothing of this account.
    const stranger = await hss.createTenant();
    expect(expectOk(await stranger.gql(QUERY, { filter: { apiTokenId: ci.apiToken.id } })).auditLogs.totalCount).toBe(0);

    // Revoking, with the token itself: that row names it too, and the earlier rows stay.
    expectOk(
      await hss.gql(
        'mutation($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { apiToken { id } } }',
        { i: { id: ci.apiToken.id } },
        ci.secret,
      ),
    );
    const byCi = expectOk(await admin.gql(QUERY, { filter: { apiTokenId: ci.apiToken.id } })).auditLogs;
    expect(byCi.edges.map((e: { node: { action: string; apiToken: { revokedAt: string | null } } }) => e.node.action)).toEqual([
      'REVOKE_API_TOKEN',
      'REGISTER_SERVER',
    ]);
    expect(byCi.edges.every((e: { node: { apiToken: { revokedAt: string | null } } }) => e.node.apiToken.revokedAt)).toBe(true);

    // Deleting the token's creator revokes the token; the rows keep it, without the user.
    const secondId = expectOk(await second.gql('{ viewer { id } }')).viewer.id;
    expectOk(
      await admin.gql('mutation($i: DeleteUserInput!) { deleteUser(input: $i) { deletedUserId } }', { i: { userId: secondId } }),
    );
    expect(await registrations({ apiTokenId: siem.apiToken.id })).toEqual([{ by: null, token: { name: 'SIEM', revoked: true } }]);

    // A token row removed from the database leaves its rows, without the link.
    await hss.sql('delete from api_token where id = ?', [siem.apiToken.id]);
    expect(await registrations({ apiTokenId: siem.apiToken.id })).toEqual([]);
    expect(await registrations()).toEqual([
      { by: admin.adminEmail, token: null },
      { by: null, token: null },
      { by: admin.adminEmail, token: { name: 'CI', revoked: true } },
    ]);
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
    expectError(await admin.gql(AUDIT_LOGS, { filter: { apiTokenId: 'abc' } }), 'BAD_USER_INPUT');
    expectError(await admin.gql(AUDIT_LOGS, { filter: { targetId: 'x'.repeat(100_000) } }), 'BAD_USER_INPUT');
  });
});
