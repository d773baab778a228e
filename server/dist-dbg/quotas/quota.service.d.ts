import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service.js';
import { type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Quota } from './quota.entity.js';
import type { PurchaseQuotasInput, QuotaFilter } from './quota.inputs.js';
export declare class QuotaService {
    private readonly audit;
    private readonly events;
    private readonly now;
    constructor(audit: AuditService, events: EventBus, now?: () => Date);
    list(ctx: RequestContext, filter: QuotaFilter, page: PageRequest): Promise<Page<Quota>>;
    get(ctx: RequestContext, id: string): Promise<Quota>;
    purchase(ctx: RequestContext, input: PurchaseQuotasInput): Promise<Quota[]>;
    /**
     * Writes EXPIRED on every quota whose time is up. An expired quota stops protecting its
     * server: the server's protection becomes INTERRUPTED with the cause, so that the operator
     * sees why and binds another quota. Run by the scheduler; returns how many quotas expired.
     */
    expireDue(em: EntityManager): Promise<number>;
}
