import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AgentService } from '../agents/agent.service.js';
import type { EventBus } from '../events/event-bus.js';
export interface GatewayOptions {
    orm: MikroORM;
    agents: AgentService;
    events: EventBus;
    log: Logger;
    port: number;
    tls?: {
        certFile: string;
        keyFile: string;
    } | undefined;
    heartbeatIntervalSeconds: number;
    heartbeatTimeoutMs: number;
    authTimeoutMs: number;
    /** Sustained messages per second per connection, and the burst allowed above it. */
    messageRate: {
        perSecond: number;
        burst: number;
    };
    /** How often last-seen times are written, and silent agents swept. */
    flushIntervalMs: number;
}
export interface Gateway {
    url: string;
    sessionCount(): number;
    stop(): Promise<void>;
}
/**
 * The agent channel's listener: its own port, WebSocket with TLS when configured, one
 * AgentSession per connection. Also the gateway's background work: batched last-seen writes,
 * the sweep of silent agents, and closing connections that were replaced or revoked anywhere.
 */
export declare function startGateway(opts: GatewayOptions): Promise<Gateway>;
