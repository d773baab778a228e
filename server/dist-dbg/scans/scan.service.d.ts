import { type MessageType, type Payloads, ScanTrigger } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Server } from '../servers/server.entity.js';
import { ScanTask } from './scan-task.entity.js';
type ProgressReport = Payloads[MessageType.SCAN_PROGRESS];
/**
 * Scan tasks: queued here (on enable, on demand, daily), delivered by the agent gateway when
 * the agent is online, moved along by the agent's progress reports, timed out when silent.
 */
export declare class ScanService {
    private readonly audit;
    private readonly events;
    constructor(audit: AuditService, events: EventBus);
    /** Queues a full scan in the caller's transaction, unless one is already waiting. */
    queueFullScan(tx: EntityManager, server: Server, trigger: ScanTrigger): Promise<ScanTask>;
    /** "Scan now": a full scan of a protected server; kept QUEUED while its agent is offline. */
    startScan(ctx: RequestContext, serverId: string): Promise<ScanTask>;
    recent(ctx: RequestContext, serverId: string, last: number): Promise<ScanTask[]>;
    /** Tasks waiting for the agent of `serverId`; marks them sent. */
    takeQueued(em: EntityManager, serverId: string): Promise<ScanTask[]>;
    /** Applies a progress report from the agent; returns false for a resent or unknown one. */
    recordProgress(em: EntityManager, identity: AgentIdentity, messageId: string, report: ProgressReport): Promise<boolean>;
    /**
     * Queues the DAILY scan of `day` (YYYY-MM-DD in HSS_SCAN_TZ) for every protected server. A
     * unique index on (server, day) makes it happen once, however many control planes run it.
     */
    scheduleDaily(em: EntityManager, day: string): Promise<number>;
    /** Tasks RUNNING longer than `timeoutMs` become TIMED_OUT. */
    timeOutStale(em: EntityManager, timeoutMs: number): Promise<number>;
    private publish;
}
export {};
