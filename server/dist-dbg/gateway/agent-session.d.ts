import { AgentOfflineReason, CloseCode, MessageType, type Payloads } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AgentIdentity, AgentService } from '../agents/agent.service.js';
import type { ReportMessage } from './report-router.js';
/** What a session needs from its connection; the WebSocket adapter provides it. */
export interface Transport {
    send(data: string): void;
    close(code: CloseCode, reason: string): void;
}
export interface SessionOptions {
    agents: AgentService;
    em: () => EntityManager;
    log: Logger;
    heartbeatIntervalSeconds: number;
    heartbeatTimeoutMs: number;
    authTimeoutMs: number;
    /** Called once the agent is authenticated and marked ONLINE. */
    onReady(session: AgentSession): void;
    /** Called for every frame of an authenticated agent (for batched last-seen times). */
    onSeen(session: AgentSession): void;
    /** Stores a report; resolves once it is committed, when it is acknowledged. */
    storeReport(identity: AgentIdentity, message: ReportMessage): Promise<void>;
    /** The agent acknowledged one of our messages (a policy). */
    onAgentAck(session: AgentSession, ackId: string): Promise<void>;
    onClosed(session: AgentSession): void;
}
/**
 * One agent connection, independent of the transport (graphql-ws's `server.ts` is the model):
 * it validates every frame, runs the handshake, and turns what happens into domain calls.
 * Frames are handled one at a time, in order.
 */
export declare class AgentSession {
    private readonly transport;
    private readonly opts;
    readonly connectionId: `${string}-${string}-${string}-${string}-${string}`;
    identity: AgentIdentity | null;
    private state;
    private queue;
    private authTimer;
    private heartbeatTimer;
    /** Why we closed, when we did; a close by the peer is CONNECTION_CLOSED. */
    private closeReason;
    constructor(transport: Transport, opts: SessionOptions);
    get ready(): boolean;
    /** Queues one text frame for handling. */
    receive(data: string): Promise<void>;
    /** Sends a message; `id` names it when the agent's ack must be matched to it. */
    send<T extends MessageType>(type: T, payload: Payloads[T], opts?: {
        replyTo?: string;
        id?: string;
    }): void;
    /** Closes from our side, with a protocol close code and a reason the agent logs. */
    close(code: CloseCode, reason: string, offlineReason?: AgentOfflineReason): void;
    /** The transport is gone (either side closed it). */
    closed(): Promise<void>;
    private handle;
    private handshake;
    private resetHeartbeatTimer;
    private sendError;
}
