import { UserRole } from '@hss/schema';
import { Topic } from '@hss/server';
import { type Client, createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { expectError, expectOk } from '../helpers/expect.js';
import { type GraphQLResponse, startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer();
/** TLS ends at a proxy in front of this one. */
const secureCookies = await startTestServer({ env: { HSS_COOKIE_SECURE: 'true' } });

const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email role displayName } } }';
const UPDATE_ROLE = 'mutation($input: UpdateUserRoleInput!) { updateUserRole(input: $input) { user { id role } } }';
const DELETE_USER = 'mutation($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }';
const CREATE_TOKEN =
  'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id name role expiresAt createdBy { email } } } }';
const REVOKE_TOKEN = 'mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { id revokedAt } } }';
const CHANGE_PASSWORD =
  'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { revokedSessions user { email } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token } }';
const PURCHASE = 'mutation($input: PurchaseQuotasInput!) { purchaseQuotas(input: $input) { quotas { id } } }';
const purchaseInput = (regionId: string) => ({
  input: { regionId, edition: 'BASIC', billingMode: 'YEARLY_MONTHLY', months: 12, count: 1 },
});

let seq = 0;
const email = (what: string) => `${what}-${++seq}-${Math.random().toString(36).slice(2, 6)}@example.test`;
const PASSWORD = 'a-long-enough-password';

async function login(address: string, password: string): Promise<string> {
  return expectOk(await hss.gql<{ login: { token: string } }>(LOGIN, { input: { email: address, password } })).login.token;
}

/** Creates a user through the API as `admin` and signs them in. */
async function createUser(admin: Tenant, role: UserRole) {
  const address = email(role.toLowerCase());
  const created = expectOk(
    await admin.gql(CREATE_USER, { input: { email: address, displayName: 'Someone', role, password: PASSWORD } }),
  );
  const token = await login(address, PASSWORD);
  return {
    id: created.createUser.user.id as string,
    email: address,
    token,
    gql: (query: string, variables?: Record<string, unknown>) => hss.gql(query, variables, token),
  };
}

async function createToken(t: { gql: Tenant['gql'] }, role: UserRole, extra: Record<string, unknown> = {}) {
  const res = expectOk(await t.gql(CREATE_TOKEN, { input: { name: `token ${role}`, role, ...extra } }));
  return {
    id: res.createApiToken.apiToken.id as string,
    secret: res.createApiToken.secret as string,
    payload: res.createApiToken,
  };
}

async function auditRows(accountId: string, action: string) {
  return hss.sql<{ action: string; user_id: string | null; target_id: string; before: unknown; after: unknown }>(
    'select action, user_id, target_id, before, after from audit_log where account_id = ? and action = ? order by created_at',
    [accountId, action],
  );
}

/** Collects the results of one subscription; `next()` waits for the next one (or fails after 10 s). */
function collect(client: Client, topic: Topic, query: string) {
  const events: any[] = [];
  const errors: unknown[] = [];
  const before = hss.app.services.events.subscriberCount(topic);
  client.subscribe(
    { query },
    {
      next: (value) => (value.errors ? errors.push(value.errors) : events.push(value.data)),
      error: (err) => errors.push(err),
      complete: () => {},
    },
  );
  return {
    events,
    errors,
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

/** A graphql-ws client that authenticates only with a Cookie header on the upgrade request. */
function wsWithCookie(cookie: string): Client {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  return createClient({ url: hss.wsUrl, webSocketImpl: CookieWebSocket, retryAttempts: 0, lazy: true });
}

describe('user management', () => {
  it('an admin lists, creates, re-roles and deletes users of the account, every change audited', async () => {
    const t = await hss.createTenant();
    const operator = await createUser(t, UserRole.OPERATOR);
    const viewer = await createUser(t, UserRole.VIEWER);
    const list = expectOk(await t.gql('{ users(first: 10) { totalCount edges { node { email role } } } }'));
    expect(list.users.totalCount).toBe(3);
    expect(list.users.edges.map((e: any) => e.node)).toEqual(
      [
        { email: t.adminEmail, role: 'ADMIN' },
        { email: operator.email, role: 'OPERATOR' },
        { email: viewer.email, role: 'VIEWER' },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
    // Paged by e-mail.
    const first = expectOk(await t.gql('{ users(first: 2) { edges { node { email } } pageInfo { hasNextPage endCursor } } }'));
    expect(first.users.pageInfo.hasNextPage).toBe(true);
    const rest = expectOk(
      await t.gql('query($a: String) { users(first: 2, after: $a) { edges { node { email } } } }', {
        a: first.users.pageInfo.endCursor,
      }),
    );
    expect(rest.users.edges).toHaveLength(1);

    expect(expectOk(await t.gql(UPDATE_ROLE, { input: { userId: viewer.id, role: 'OPERATOR' } })).updateUserRole.user).toEqual({
      id: viewer.id,
      role: 'OPERATOR',
    });
    expect(expectOk(await t.gql(DELETE_USER, { input: { userId: operator.id } }))).toEqual({
      deleteUser: { deletedUserId: operator.id },
    });
    expectError(await operator.gql('{ viewer { id } }'), 'UNAUTHENTICATED');
    expect(await hss.sql('select 1 from app_user where id = ?', [operator.id])).toEqual([]);

    const created = await auditRows(t.accountId, 'CREATE_USER');
    expect(created.map((r) => r.after)).toEqual([
      { email: operator.email, displayName: 'Someone', role: 'OPERATOR' },
      { email: viewer.email, displayName: 'Someone', role: 'VIEWER' },
    ]);
    expect(await auditRows(t.accountId, 'UPDATE_USER_ROLE')).toEqual([
      expect.objectContaining({
        target_id: viewer.id,
        before: expect.objectContaining({ role: 'VIEWER' }),
        after: expect.objectContaining({ role: 'OPERATOR' }),
      }),
    ]);
    expect(await auditRows(t.accountId, 'DELETE_USER')).toEqual([
      expect.objectContaining({ target_id: operator.id, before: expect.objectContaining({ email: operator.email }) }),
    ]);
    // No password, nor its hash, in any audit row.
    const all = JSON.stringify(await hss.sql('select * from audit_log where account_id = ?', [t.accountId]));
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('argon2');
  });

  it('is for administrators only, and scoped to their account', async () => {
    const t = await hss.createTenant();
    const other = await hss.createTenant();
    const [otherAdmin] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [other.adminEmail]);
    const operator = await hss.addUser(t, UserRole.OPERATOR);
    const viewer = await hss.addUser(t, UserRole.VIEWER);
    for (const who of [operator, viewer]) {
      expectError(await who.gql('{ users { totalCount } }'), 'FORBIDDEN');
      expectError(
        await who.gql(CREATE_USER, { input: { email: email('x'), displayName: 'x', role: 'VIEWER', password: PASSWORD } }),
        'FORBIDDEN',
      );
      expectError(await who.gql(UPDATE_ROLE, { input: { userId: otherAdmin!.id, role: 'VIEWER' } }), 'FORBIDDEN');
      expectError(await who.gql(DELETE_USER, { input: { userId: otherAdmin!.id } }), 'FORBIDDEN');
    }
    expectError(await t.gql(UPDATE_ROLE, { input: { userId: otherAdmin!.id, role: 'VIEWER' } }), 'NOT_FOUND');
    expectError(await t.gql(DELETE_USER, { input: { userId: otherAdmin!.id } }), 'NOT_FOUND');
    expect(expectOk(await t.gql('{ users { totalCount } }')).users.totalCount).toBe(3);
    expect(await hss.sql('select role from app_user where id = ?', [otherAdmin!.id])).toEqual([{ role: 'ADMIN' }]);
  });

  it('refuses a duplicate e-mail, a short password and bad input with clear BAD_USER_INPUT errors', async () => {
    const t = await hss.createTenant();
    const dup = expectError(
      await t.gql(CREATE_USER, {
        input: { email: t.adminEmail.toUpperCase(), displayName: 'x', role: 'VIEWER', password: PASSWORD },
      }),
      'BAD_USER_INPUT',
    );
    expect(dup.message).toMatch(/already exists/);
    const short = expectError(
      await t.gql(CREATE_USER, { input: { email: email('short'), displayName: 'x', role: 'VIEWER', password: 'short' } }),
      'BAD_USER_INPUT',
    );
    expect(short.message).toBe('The password must be at least 12 characters long.');
    expectError(
      await t.gql(CREATE_USER, { input: { email: 'not-an-email', displayName: 'x', role: 'VIEWER', password: PASSWORD } }),
      'BAD_USER_INPUT',
    );
    expectError(await t.gql(DELETE_USER, { input: { userId: 'nope' } }), 'BAD_USER_INPUT');
  });

  it('the last administrator cannot demote or delete themself; with a second admin they can', async () => {
    const t = await hss.createTenant();
    const [me] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [t.adminEmail]);
    const demote = expectError(await t.gql(UPDATE_ROLE, { input: { userId: me!.id, role: 'OPERATOR' } }), 'BAD_USER_INPUT');
    expect(demote.message).toBe('You are the last administrator of the account: make another user ADMIN first.');
    expectError(await t.gql(DELETE_USER, { input: { userId: me!.id } }), 'BAD_USER_INPUT');
    // Promoting to the same role is no change at all.
    expectOk(await t.gql(UPDATE_ROLE, { input: { userId: me!.id, role: 'ADMIN' } }));
    const second = await createUser(t, UserRole.ADMIN);
    expectOk(await t.gql(UPDATE_ROLE, { input: { userId: me!.id, role: 'VIEWER' } }));
    // Now `second` is the last one.
    expectError(await second.gql(DELETE_USER, { input: { userId: second.id } }), 'BAD_USER_INPUT');
    expectOk(await second.gql(UPDATE_ROLE, { input: { userId: me!.id, role: 'ADMIN' } }));
    expectOk(await second.gql(DELETE_USER, { input: { userId: second.id } }));
    expectError(await second.gql('{ viewer { id } }'), 'UNAUTHENTICATED');
    // Deleting oneself leaves an audit row without the (gone) author, naming them in `before`.
    expect(await auditRows(t.accountId, 'DELETE_USER')).toEqual([
      expect.objectContaining({ user_id: null, target_id: second.id, before: expect.objectContaining({ email: second.email }) }),
    ]);
  });

  it('two administrators demoting each other at once leave one administrator', async () => {
    for (let round = 0; round < 5; round++) {
      const t = await hss.createTenant();
      const [a] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [t.adminEmail]);
      const b = await createUser(t, UserRole.ADMIN);
      const results = await Promise.all([
        t.gql(UPDATE_ROLE, { input: { userId: b.id, role: 'VIEWER' } }),
        b.gql(UPDATE_ROLE, { input: { userId: a!.id, role: 'VIEWER' } }),
      ]);
      const codes = results.map((r: GraphQLResponse) => r.errors?.[0]?.extensions?.code ?? 'OK');
      const admins = await hss.sql('select id from app_user where account_id = ? and role = ?', [t.accountId, 'ADMIN']);
      expect(admins, JSON.stringify(results)).toHaveLength(1);
      // The loser is refused as the last admin, or, when it signed in after the winner committed, as a VIEWER.
      expect(
        codes.filter((c) => c === 'OK'),
        JSON.stringify(results),
      ).toHaveLength(1);
      expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(codes.find((c) => c !== 'OK'));
    }
  });

  it('a role change applies to the next request and to open subscriptions; deletion ends them', async () => {
    const t = await hss.createTenant();
    const operator = await createUser(t, UserRole.OPERATOR);
    expectOk(await operator.gql(PURCHASE, purchaseInput(t.regionId)));
    const sub = collect(hss.ws(operator.token), Topic.SERVER_CHANGED, 'subscription { serverChanged { id } }');
    await sub.subscribed();
    expectOk(await t.gql(UPDATE_ROLE, { input: { userId: operator.id, role: 'VIEWER' } }));
    // The next request already runs as a VIEWER.
    expectError(await operator.gql(PURCHASE, purchaseInput(t.regionId)), 'FORBIDDEN');
    expect(expectOk(await operator.gql('{ viewer { role } }'))).toEqual({ viewer: { role: 'VIEWER' } });
    // A VIEWER may still read: the subscription goes on.
    const [first] = await hss.registerServers(t, 1);
    expect(await sub.next()).toEqual({ serverChanged: { id: first } });
    // Deleted: the subscription ends at its next event, and delivers nothing more.
    expectOk(await t.gql(DELETE_USER, { input: { userId: operator.id } }));
    await hss.registerServers(t, 1);
    await expect(sub.next(2)).rejects.toThrow(/UNAUTHENTICATED/);
    expect(sub.events).toHaveLength(1);
  });
});

describe('API tokens', () => {
  it('are created with a secret shown once, listed without it, and act with their role over HTTP', async () => {
    const t = await hss.createTenant();
    const viewerToken = await createToken(t, UserRole.VIEWER);
    const operatorToken = await createToken(t, UserRole.OPERATOR, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(viewerToken.secret).toMatch(/^hss_t_[A-Za-z0-9_-]{43}$/);
    expect(viewerToken.payload.apiToken).toMatchObject({
      name: 'token VIEWER',
      role: 'VIEWER',
      createdBy: { email: t.adminEmail },
    });
    // Only the hash is stored.
    const stored = JSON.stringify(await hss.sql('select * from api_token where account_id = ?', [t.accountId]));
    expect(stored).not.toContain(viewerToken.secret);
    expect(JSON.stringify(await hss.sql('select * from audit_log where account_id = ?', [t.accountId]))).not.toContain(
      viewerToken.secret,
    );
    const list = expectOk(
      await t.gql(
        '{ apiTokens(first: 10) { totalCount edges { node { id name role createdAt expiresAt lastUsedAt revokedAt createdBy { email } } } } }',
      ),
    );
    expect(list.apiTokens.totalCount).toBe(2);
    expect(list.apiTokens.edges.map((e: any) => e.node.id)).toEqual([operatorToken.id, viewerToken.id]);
    expect(JSON.stringify(list)).not.toContain('hss_t_');
    // The type has no field that could carry the secret.
    const type = expectOk(await t.gql('{ __type(name: "ApiToken") { fields { name } } }'));
    expect(type.__type.fields.map((f: any) => f.name).sort()).toEqual(
      ['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'role'].sort(),
    );

    expect(expectOk(await hss.gql('{ regions { id } }', {}, viewerToken.secret))).toEqual({ regions: [{ id: t.regionId }] });
    expectError(await hss.gql(PURCHASE, purchaseInput(t.regionId), viewerToken.secret), 'FORBIDDEN');
    expectOk(await hss.gql(PURCHASE, purchaseInput(t.regionId), operatorToken.secret));
    expectError(await hss.gql('{ users { totalCount } }', {}, operatorToken.secret), 'FORBIDDEN');
    // The token acts on its creator's behalf in the audit log.
    const [admin] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [t.adminEmail]);
    expect((await auditRows(t.accountId, 'PURCHASE_QUOTAS')).map((r) => r.user_id)).toEqual([admin!.id]);
    // Never as a cookie.
    expectError(await cookiePost('{ regions { id } }', `hss_session=${viewerToken.secret}`), 'UNAUTHENTICATED');
  });

  it('a token cannot grant more than its own role, nor more than its creator now has', async () => {
    const t = await hss.createTenant();
    const adminToken = await createToken(t, UserRole.ADMIN);
    const operatorToken = await createToken(t, UserRole.OPERATOR);
    const asAdminToken = { gql: (q: string, v?: Record<string, unknown>) => hss.gql(q, v, adminToken.secret) };
    const asOperatorToken = { gql: (q: string, v?: Record<string, unknown>) => hss.gql(q, v, operatorToken.secret) };
    // An ADMIN token may manage users and tokens.
    const made = await createToken(asAdminToken as never, UserRole.VIEWER);
    expect(made.secret).toMatch(/^hss_t_/);
    expectOk(
      await asAdminToken.gql(CREATE_USER, {
        input: { email: email('by-token'), displayName: 'x', role: 'ADMIN', password: PASSWORD },
      }),
    );
    // An OPERATOR token may not create tokens or users at all, of any role.
    for (const role of ['ADMIN', 'OPERATOR', 'VIEWER']) {
      expectError(await asOperatorToken.gql(CREATE_TOKEN, { input: { name: 'x', role } }), 'FORBIDDEN');
      expectError(
        await asOperatorToken.gql(CREATE_USER, { input: { email: email('x'), displayName: 'x', role, password: PASSWORD } }),
        'FORBIDDEN',
      );
    }
    // Its creator demoted to OPERATOR: the ADMIN token now acts as an OPERATOR.
    const [creator] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [t.adminEmail]);
    const other = await createUser(t, UserRole.ADMIN);
    expectOk(await other.gql(UPDATE_ROLE, { input: { userId: creator!.id, role: 'OPERATOR' } }));
    expectError(await asAdminToken.gql(CREATE_TOKEN, { input: { name: 'x', role: 'VIEWER' } }), 'FORBIDDEN');
    expectOk(await asAdminToken.gql(PURCHASE, purchaseInput(t.regionId)));
    // The creator deleted: their tokens are revoked.
    expectOk(await other.gql(DELETE_USER, { input: { userId: creator!.id } }));
    expectError(await asAdminToken.gql('{ regions { id } }'), 'UNAUTHENTICATED');
    expect(await hss.sql('select revoked_at is not null as revoked from api_token where id = ?', [adminToken.id])).toEqual([
      { revoked: true },
    ]);
  });

  it('records the last use at most about once a minute', async () => {
    const t = await hss.createTenant();
    const token = await createToken(t, UserRole.VIEWER);
    const lastUsed = async () =>
      (
        await hss.sql<{ ms: string | null }>('select extract(epoch from last_used_at) * 1000 as ms from api_token where id = ?', [
          token.id,
        ])
      )[0]!.ms;
    expect(await lastUsed()).toBeNull();
    hss.resetQueries();
    for (let i = 0; i < 5; i++) expectOk(await hss.gql('{ regions { id } }', {}, token.secret));
    expect(hss.queries.filter((q) => /update "api_token"/.test(q))).toHaveLength(1);
    const first = Number(await lastUsed());
    expect(first).toBeGreaterThan(0);
    // Two minutes later (as far as the row knows), the next use writes again.
    await hss.sql(`update api_token set last_used_at = last_used_at - interval '2 minutes' where id = ?`, [token.id]);
    expectOk(await hss.gql('{ regions { id } }', {}, token.secret));
    expect(Number(await lastUsed())).toBeGreaterThanOrEqual(first);
  });

  it('expired and revoked tokens are refused; revoking is audited and idempotent; another account cannot revoke', async () => {
    const t = await hss.createTenant();
    const other = await hss.createTenant();
    const token = await createToken(t, UserRole.VIEWER);
    const expiring = await createToken(t, UserRole.VIEWER, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expectError(
      await t.gql(CREATE_TOKEN, { input: { name: 'old', role: 'VIEWER', expiresAt: new Date(Date.now() - 1000).toISOString() } }),
      'BAD_USER_INPUT',
    );
    await hss.sql(`update api_token set expires_at = now() - interval '1 second' where id = ?`, [expiring.id]);
    expectError(await hss.gql('{ regions { id } }', {}, expiring.secret), 'UNAUTHENTICATED');

    expectError(await other.gql(REVOKE_TOKEN, { input: { id: token.id } }), 'NOT_FOUND');
    expectOk(await hss.gql('{ regions { id } }', {}, token.secret));
    const revoked = expectOk(await t.gql(REVOKE_TOKEN, { input: { id: token.id } })).revokeApiToken.apiToken;
    expect(revoked.revokedAt).not.toBeNull();
    expectError(await hss.gql('{ regions { id } }', {}, token.secret), 'UNAUTHENTICATED');
    expect(expectOk(await t.gql(REVOKE_TOKEN, { input: { id: token.id } })).revokeApiToken.apiToken.revokedAt).toBe(
      revoked.revokedAt,
    );
    expect(await auditRows(t.accountId, 'REVOKE_API_TOKEN')).toHaveLength(1);
    expect(await auditRows(t.accountId, 'CREATE_API_TOKEN')).toHaveLength(2);
  });

  it('authenticates graphql-ws, and revoking the token ends an open subscription', async () => {
    const t = await hss.createTenant();
    const token = await createToken(t, UserRole.VIEWER);
    const sub = collect(hss.ws(token.secret), Topic.SERVER_CHANGED, 'subscription { serverChanged { id } }');
    await sub.subscribed();
    const [first] = await hss.registerServers(t, 1);
    expect(await sub.next()).toEqual({ serverChanged: { id: first } });
    expectOk(await t.gql(REVOKE_TOKEN, { input: { id: token.id } }));
    await hss.registerServers(t, 1);
    await expect(sub.next(2)).rejects.toThrow(/UNAUTHENTICATED/);
    expect(sub.events).toHaveLength(1);
  });

  it('a token cannot log out or change a password', async () => {
    const t = await hss.createTenant();
    const token = await createToken(t, UserRole.ADMIN);
    expectError(await hss.gql('mutation { logout }', {}, token.secret), 'BAD_USER_INPUT');
    expectError(
      await hss.gql(
        CHANGE_PASSWORD,
        { input: { currentPassword: t.password, newPassword: 'another-long-password' } },
        token.secret,
      ),
      'BAD_USER_INPUT',
    );
    expectOk(await hss.gql('{ regions { id } }', {}, token.secret));
  });
});

describe('passwords', () => {
  it('changePassword keeps this session, signs out the others, and the new password works', async () => {
    const t = await hss.createTenant();
    const other = await login(t.adminEmail, t.password);
    const third = await login(t.adminEmail, t.password);
    const res = expectOk(
      await t.gql(CHANGE_PASSWORD, { input: { currentPassword: t.password, newPassword: 'a-brand-new-password' } }),
    );
    expect(res.changePassword).toEqual({ revokedSessions: 2, user: { email: t.adminEmail } });
    expectOk(await t.gql('{ viewer { id } }'));
    expectError(await hss.gql('{ viewer { id } }', {}, other), 'UNAUTHENTICATED');
    expectError(await hss.gql('{ viewer { id } }', {}, third), 'UNAUTHENTICATED');
    expectError(await hss.gql(LOGIN, { input: { email: t.adminEmail, password: t.password } }), 'UNAUTHENTICATED');
    await login(t.adminEmail, 'a-brand-new-password');
    const rows = await auditRows(t.accountId, 'PASSWORD_CHANGED');
    expect(rows).toEqual([expect.objectContaining({ after: { revokedSessions: 2 } })]);
    expect(JSON.stringify(rows)).not.toContain('a-brand-new-password');
  });

  it('refuses a short, an unchanged or a wrong current password with a clear message', async () => {
    const t = await hss.createTenant();
    const change = (currentPassword: string, newPassword: string) =>
      t.gql(CHANGE_PASSWORD, { input: { currentPassword, newPassword } });
    expect(expectError(await change(t.password, 'short'), 'BAD_USER_INPUT').message).toBe(
      'The new password must be at least 12 characters long.',
    );
    expect(expectError(await change(t.password, t.password), 'BAD_USER_INPUT').message).toMatch(/same as the current one/);
    expect(expectError(await change('not-the-password', 'a-brand-new-password'), 'BAD_USER_INPUT').message).toBe(
      'The current password is wrong. Type it again.',
    );
    expectError(
      await hss.gql(CHANGE_PASSWORD, { input: { currentPassword: 'x', newPassword: 'y'.repeat(12) } }),
      'UNAUTHENTICATED',
    );
    // Nothing changed.
    await login(t.adminEmail, t.password);
  });
});

async function cookiePost(query: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${hss.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as GraphQLResponse;
}

describe('the console session cookie', () => {
  async function cookieLogin(server: typeof hss, address: string, password: string) {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email: address, password } } }),
    });
    const body = (await res.json()) as GraphQLResponse;
    return { token: body.data!.login.token as string, setCookie: res.headers.getSetCookie() };
  }

  it('login sets an HttpOnly, SameSite=Lax cookie that works on HTTP and on the WebSocket; logout clears it', async () => {
    const t = await hss.createTenant();
    const { token, setCookie } = await cookieLogin(hss, t.adminEmail, t.password);
    expect(setCookie).toEqual([`hss_session=${token}; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax`]);
    const cookie = `theme=dark; hss_session=${token}`;
    expect((await cookiePost('{ viewer { email } }', cookie)).data).toEqual({ viewer: { email: t.adminEmail } });
    // An Authorization header wins over the cookie, even a bad one.
    expectError(await cookiePost('{ viewer { email } }', cookie, { authorization: 'Bearer hss_s_wrong' }), 'UNAUTHENTICATED');

    const sub = collect(wsWithCookie(cookie), Topic.SERVER_CHANGED, 'subscription { serverChanged { id } }');
    await sub.subscribed();
    const [serverId] = await hss.registerServers(t, 1);
    expect(await sub.next()).toEqual({ serverChanged: { id: serverId } });

    const res = await fetch(`${hss.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    expect(await res.json()).toEqual({ data: { logout: true } });
    expect(res.headers.getSetCookie()).toEqual(['hss_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
    expectError(await cookiePost('{ viewer { email } }', cookie), 'UNAUTHENTICATED');
    await hss.registerServers(t, 1);
    await expect(sub.next(2)).rejects.toThrow(/UNAUTHENTICATED/);
    // A socket with a dead cookie is refused at connection_init.
    const refused = await new Promise<unknown>((resolve) =>
      wsWithCookie(cookie).subscribe(
        { query: 'subscription { serverChanged { id } }' },
        { next: resolve, error: resolve, complete: () => resolve(null) },
      ),
    );
    expect(refused).toMatchObject({ code: 4403 });
  });

  it('sign-in, failed sign-in and sign-out are audited, without the password', async () => {
    const t = await hss.createTenant();
    const wrong = 'a-wrong-password-123';
    expectError(await hss.gql(LOGIN, { input: { email: t.adminEmail, password: wrong } }), 'UNAUTHENTICATED');
    const token = await login(t.adminEmail, t.password);
    expectOk(await hss.gql('mutation { logout }', {}, token));
    const [admin] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [t.adminEmail]);
    const rows = await hss.sql<{ action: string; user_id: string; after: any }>(
      `select action, user_id, after from audit_log where account_id = ? and action in ('LOGIN', 'LOGIN_FAILED', 'LOGOUT') order by created_at, action`,
      [t.accountId],
    );
    // createTenant signed in once already.
    expect(rows.map((r) => r.action)).toEqual(['LOGIN', 'LOGIN_FAILED', 'LOGIN', 'LOGOUT']);
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([admin!.id]));
    expect(rows[1]!.after).toEqual({ clientIp: expect.any(String) });
    const text = JSON.stringify(await hss.sql('select * from audit_log where account_id = ?', [t.accountId]));
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(t.password);
    expect(text).not.toContain(token);
  });

  it('is marked Secure with HSS_COOKIE_SECURE=true (TLS ends at a proxy in front)', async () => {
    const t = await secureCookies.createTenant();
    const { token, setCookie } = await cookieLogin(secureCookies, t.adminEmail, t.password);
    expect(setCookie).toEqual([`hss_session=${token}; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax`]);
  });
});
