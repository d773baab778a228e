import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
export interface OrmOptions {
    databaseUrl: string;
    poolMax: number;
    logger?: Logger;
    /** Called with every SQL statement the ORM sends; tests count statements with it. */
    onQuery?: (sql: string) => void;
}
export declare function ormConfig(opts: OrmOptions): Options;
export declare function openOrm(opts: OrmOptions): Promise<MikroORM>;
/**
 * Applies pending migrations. Replicas starting together take turns on a PostgreSQL advisory
 * lock, held on a connection of its own, so that only one of them migrates.
 */
export declare function migrate(orm: MikroORM): Promise<void>;
