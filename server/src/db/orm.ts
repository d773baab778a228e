import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export interface OrmOptions {
  databaseUrl: string;
  poolMax: number;
  logger?: Logger;
  /** Called with every SQL statement the ORM sends; tests count statements with it. */
  onQuery?: (sql: string) => void;
}

export function ormConfig(opts: OrmOptions): Options {
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
      ? (message: string) => opts.onQuery?.(message)
      : (message: string) => opts.logger?.debug({ orm: message }),
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

export async function openOrm(opts: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(opts));
}

export async function migrate(orm: MikroORM): Promise<void> {
  await orm.getMigrator().up();
}
