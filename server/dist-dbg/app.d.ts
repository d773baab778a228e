import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { type EventBus } from './events/event-bus.js';
import { type Gateway, type GatewayOptions } from './gateway/gateway.js';
import { type Services } from './services.js';
export interface AppOptions {
    config: Config;
    databaseUrl: string;
    log: Logger;
    events?: EventBus;
    /** Port for the API; 0 picks a free one (tests). Defaults to config.apiPort. */
    port?: number;
    /** Every SQL statement, for tests that count them. */
    onQuery?: (sql: string) => void;
    /** Create the first account when the database has none (npm start). */
    bootstrap?: boolean;
    /** Run the periodic jobs (quota expiry). */
    scheduler?: boolean;
    /** Start the agent gateway on this port (0: a free one). Undefined: no gateway. */
    gatewayPort?: number;
    /** Overrides of the gateway's timings, for tests. */
    gateway?: Partial<Pick<GatewayOptions, 'heartbeatTimeoutMs' | 'authTimeoutMs' | 'flushIntervalMs' | 'messageRate'>>;
}
export interface HssApp {
    orm: MikroORM;
    services: Services;
    /** http://127.0.0.1:<port> */
    url: string;
    /** The agent gateway, when started. */
    gateway: Gateway | undefined;
    stop(): Promise<void>;
}
/** Starts the control plane's API: migrations, services, GraphQL over HTTP and WebSocket on one port. */
export declare function startApp(opts: AppOptions): Promise<HssApp>;
