import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
export function ormConfig(opts) {
    return {
        clientUrl: opts.databaseUrl,
        entities: ENTITIES,
        extensions: [Migrator],
        pool: { min: 0, max: opts.poolMax },
        // The schema changes only through checked-in migrations.
        ensureDatabase: false,
        discovery: { warnWhenNoEntities: true },
        forceUtcTimezone: true,
        debug: opts.onQuery ? ['query'] : false,
        logger: opts.onQuery
            ? (message) => opts.onQuery?.(message)
            : (message) => opts.logger?.debug({ orm: message }),
        colors: false,
        migrations: {
            migrationsList: MIGRATIONS,
            tableName: 'mikro_orm_migrations',
            transactional: true,
            allOrNothing: true,
            snapshot: false,
            emit: 'ts',
            path: 'server/src/db/migrations',
            pathTs: 'server/src/db/migrations',
        },
    };
}
export async function openOrm(opts) {
    return MikroORM.init(ormConfig(opts));
}
/** Any fixed number: the advisory lock that serialises migrations between processes. */
const MIGRATION_LOCK = 0x455353;
/**
 * Applies pending migrations. Replicas starting together take turns on a PostgreSQL advisory
 * lock, held on a connection of its own, so that only one of them migrates.
 */
export async function migrate(orm) {
    const knex = orm.em.getConnection().getKnex();
    const connection = await knex.client.acquireConnection();
    try {
        await knex.raw('select pg_advisory_lock(?)', [MIGRATION_LOCK]).connection(connection);
        await orm.getMigrator().up();
    }
    finally {
        await knex.raw('select pg_advisory_unlock(?)', [MIGRATION_LOCK]).connection(connection);
        await knex.client.releaseConnection(connection);
    }
}
//# sourceMappingURL=orm.js.map