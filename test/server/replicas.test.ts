import { randomBytes } from 'node:crypto';
import { createLogger, createRedisEventBus, migrate, openOrm, Topic } from '@hss/server';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../helpers/database.js';
import { expectOk } from '../helpers/expect.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hss-test-${randomBytes(4).toString('hex')}:`;
const log = createLogger('silent');

// Two control-plane replicas on one database, sharing events through Redis.
const first = await startTestServer({ events: await createRedisEventBus(REDIS_URL, log, prefix) });
const second = await startTestServer({
  databaseUrl: first.databaseUrl,
  events: await createRedisEventBus(REDIS_URL, log, prefix),
});

describe('replicas sharing Redis', () => {
  it('a subscriber on one replica sees a mutation made on the other, once', async () => {
    const tenant = await first.createTenant();
    const [serverId] = await first.registerServers(tenant, 1);
    await first.setAgentOnline([serverId!]);
    await first.purchaseQuotas(tenant, { edition: 'ENTERPRISE', count: 1 });

    const received: unknown[] = [];
    const before = second.app.services.events.subscriberCount(Topic.SERVER_CHANGED);
    const client = second.ws(tenant.token);
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { serverChanged { id protectionStatus } }' },
        {
          next: (v) => {
            received.push(v.data);
            resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    while (second.app.services.events.subscriberCount(Topic.SERVER_CHANGED) <= before)
      await new Promise((r) => setTimeout(r, 10));

    const res = await tenant.gql('mutation($i: EnableProtectionInput!) { enableProtection(input: $i) { server { id } } }', {
      i: { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true },
    });
    expect(res.errors).toBeUndefined();
    await done;
    // The next change is DISABLED: a duplicate of the first event would arrive before it.
    await tenant.gql('mutation($i: DisableProtectionInput!) { disableProtection(input: $i) { server { id } } }', {
      i: { serverId },
    });
    while (received.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual([
      { serverChanged: { id: serverId, protectionStatus: 'ENABLED' } },
      { serverChanged: { id: serverId, protectionStatus: 'DISABLED' } },
    ]);
  });
});

describe('revocation across replicas', () => {
  /** A serverChanged subscription open on the second replica, and a way to wait for what it gets. */
  async function subscribeOnSecond(token: string) {
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const before = second.app.services.events.subscriberCount(Topic.SERVER_CHANGED);
    second.ws(token).subscribe(
      { query: 'subscription { serverChanged { id } }' },
      {
        next: (v) => (v.errors ? errors.push(v.errors) : events.push(v.data)),
        error: (err) => errors.push(err),
        complete: () => {},
      },
    );
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`waited 10 s: ${JSON.stringify({ events, errors })}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await until(() => second.app.services.events.subscriberCount(Topic.SERVER_CHANGED) > before);
    return { events, errors, until };
  }

  /** A change of `serverId` as the second replica publishes it (a mutation or an agent there). */
  const changedOnSecond = (t: Tenant, serverId: string) =>
    second.app.services.events.publish(Topic.SERVER_CHANGED, {
      accountId: t.accountId,
      regionId: t.regionId,
      serverId,
      change: 'RENAMED',
      protectionStatus: 'DISABLED' as never,
    });

  /**
   * Opens a subscription on the second replica with `token` and lets one event through, so that
   * the second replica has just re-checked the credential (and remembers the answer).
   */
  async function warmSubscription(t: Tenant, token: string) {
    const [serverId] = await first.registerServers(t, 1);
    const sub = await subscribeOnSecond(token);
    await changedOnSecond(t, serverId!);
    await sub.until(() => sub.events.length === 1);
    return { sub, serverId: serverId! };
  }

  const UNAUTHENTICATED = [[expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]];

  it("a logout on one replica ends the session's subscription on the other at its very next event", async () => {
    const t = await first.createTenant();
    const { sub, serverId } = await warmSubscription(t, t.token);
    expectOk(await t.gql('mutation { logout }'));
    // Published right after the logout answered, from the replica that holds the subscription.
    await changedOnSecond(t, serverId);
    await sub.until(() => sub.errors.length > 0 || sub.events.length > 1);
    expect(sub.errors).toEqual(UNAUTHENTICATED);
    expect(sub.events).toHaveLength(1);
  });

  it('revoking an API token on one replica ends its subscription on the other at its very next event', async () => {
    const t = await first.createTenant();
    const created = expectOk(
      await t.gql('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { apiToken { id } secret } }', {
        i: { name: 'SIEM', role: 'VIEWER' },
      }),
    ).createApiToken;
    const { sub, serverId } = await warmSubscription(t, created.secret);
    expectOk(
      await t.gql('mutation($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { apiToken { id } } }', {
        i: { id: created.apiToken.id },
      }),
    );
    await changedOnSecond(t, serverId);
    await sub.until(() => sub.errors.length > 0 || sub.events.length > 1);
    expect(sub.errors).toEqual(UNAUTHENTICATED);
    expect(sub.events).toHaveLength(1);
  });

  it("a password change on one replica ends the user's other sessions' subscriptions on the other", async () => {
    const t = await first.createTenant();
    const { sub, serverId } = await warmSubscription(t, t.token);
    const other = expectOk(
      await first.gql('mutation($i: LoginInput!) { login(input: $i) { token } }', {
        i: { email: t.adminEmail, password: t.password },
      }),
    ).login.token as string;
    expectOk(
      await first.gql(
        'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { revokedSessions } }',
        { i: { currentPassword: t.password, newPassword: 'a-new-password-long-enough' } },
        other,
      ),
    );
    await changedOnSecond(t, serverId);
    await sub.until(() => sub.errors.length > 0 || sub.events.length > 1);
    expect(sub.errors).toEqual(UNAUTHENTICATED);
    expect(sub.events).toHaveLength(1);
  });

  it('a role downgrade that still reads keeps the subscription; deleting the user then ends it', async () => {
    const admin = await first.createTenant();
    const operator = await first.addUser(admin, 'OPERATOR' as never);
    const userId = expectOk(await operator.gql('{ viewer { id } }')).viewer.id as string;
    const { sub, serverId } = await warmSubscription(admin, operator.token);

    expectOk(
      await admin.gql('mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { user { role } } }', {
        i: { userId, role: 'VIEWER' },
      }),
    );
    await changedOnSecond(admin, serverId);
    await sub.until(() => sub.errors.length > 0 || sub.events.length > 1);
    expect(sub.errors).toEqual([]);
    expect(sub.events).toHaveLength(2);

    expectOk(await admin.gql('mutation($i: DeleteUserInput!) { deleteUser(input: $i) { deletedUserId } }', { i: { userId } }));
    await changedOnSecond(admin, serverId);
    await sub.until(() => sub.errors.length > 0 || sub.events.length > 2);
    expect(sub.errors).toEqual(UNAUTHENTICATED);
    expect(sub.events).toHaveLength(2);
  });
});

describe('replicas starting together', () => {
  it('take turns on the migrations of an empty database: both start, the schema is built once', async () => {
    const url = await emptyDatabase();
    const orms = await Promise.all([openOrm({ databaseUrl: url, poolMax: 3 }), openOrm({ databaseUrl: url, poolMax: 3 })]);
    try {
      await Promise.all(orms.map((orm) => migrate(orm)));
      const conn = orms[0]!.em.getConnection();
      const MIGRATIONS_COUNT = orms[0]!.config.get('migrations').migrationsList!.length;
      // Every migration ran exactly once.
      expect(
        await conn.execute('select count(*)::int as runs, count(distinct name)::int as migrations from mikro_orm_migrations'),
      ).toEqual([{ runs: MIGRATIONS_COUNT, migrations: MIGRATIONS_COUNT }]);
      expect(await conn.execute('select count(*)::int as n from edition')).toEqual([{ n: 6 }]);
    } finally {
      await Promise.all(orms.map((orm) => orm.close()));
    }
  });
});
