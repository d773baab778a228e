import { randomBytes } from 'node:crypto';
import { createLogger, createRedisEventBus, migrate, openOrm, Topic } from '@hss/server';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../helpers/database.js';
import { startTestServer } from '../helpers/server.js';

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
