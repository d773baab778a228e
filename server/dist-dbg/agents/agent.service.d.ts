import { AgentOfflineReason, type HostFacts } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Region } from '../accounts/region.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Server } from '../servers/server.entity.js';
/** Who is on the other end of an authenticated agent connection. */
export interface AgentIdentity {
    agentId: string;
    serverId: string;
    accountId: string;
    regionId: string;
}
/**
 * Agents' lives: enrollment tokens, enrollment, authentication, status, revocation. The agent
 * gateway calls the same service the GraphQL resolvers do; every status change commits first
 * and is published after.
 */
export declare class AgentService {
    private readonly audit;
    private readonly events;
    private readonly now;
    constructor(audit: AuditService, events: EventBus, now?: () => Date);
    createEnrollmentToken(ctx: RequestContext, input: {
        regionId: string;
        expiresInHours?: number | null;
    }): Promise<{
        token: string;
        expiresAt: Date;
        region: Region;
    }>;
    /**
     * Enrolls a host: finds its server (by machine id, else a pre-registered one by hostname or
     * IP, else a new one) and issues the agent's own credential, returned once.
     */
    enroll(em: EntityManager, token: string, host: HostFacts): Promise<{
        identity: AgentIdentity;
        credential: string;
    }>;
    authenticate(em: EntityManager, agentId: string, credential: string): Promise<AgentIdentity>;
    /** The agent is on `connectionId` now; any older connection is asked to close. */
    markOnline(em: EntityManager, identity: AgentIdentity, connectionId: string): Promise<void>;
    /** Marks the agent OFFLINE, unless it is already on another connection. */
    markOffline(em: EntityManager, identity: AgentIdentity, connectionId: string, reason: AgentOfflineReason): Promise<boolean>;
    /** Revocation is immediate: the credential is refused from now on and the socket is closed. */
    revokeAgent(ctx: RequestContext, serverId: string): Promise<Server>;
    /** Writes the last-seen times gathered since the last flush, in one statement. */
    flushLastSeen(em: EntityManager, seen: Map<string, Date>): Promise<void>;
    /**
     * Agents marked ONLINE that nobody has heard from within `timeoutMs` become OFFLINE: a
     * connection lost without a close, or a control plane that crashed and restarted.
     */
    sweepSilentAgents(em: EntityManager, timeoutMs: number): Promise<number>;
    private publishOffline;
}
