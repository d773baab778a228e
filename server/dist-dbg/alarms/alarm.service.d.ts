import type { MessageType, Payloads } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import type { EventBus } from '../events/event-bus.js';
import { type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Alarm } from './alarm.entity.js';
import type { AlarmFilter } from './alarm.inputs.js';
type AlarmReport = Payloads[MessageType.ALARM];
export declare class AlarmService {
    private readonly events;
    constructor(events: EventBus);
    /**
     * Stores an alarm an agent raised, recomputes the server's risk, and publishes it after the
     * commit. Returns false for a resent message (stored before, nothing published).
     */
    raise(em: EntityManager, identity: AgentIdentity, messageId: string, report: AlarmReport): Promise<boolean>;
    /** Most recent first. */
    list(ctx: RequestContext, filter: AlarmFilter, page: PageRequest): Promise<Page<Alarm>>;
    get(ctx: RequestContext, id: string): Promise<Alarm | null>;
}
export {};
