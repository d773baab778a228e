import type { AuditService } from '../audit/audit.service.js';
import { type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Server } from './server.entity.js';
import { type RegisterServersInput, type ServerFilter, type ServerOrder } from './server.inputs.js';
export declare class ServerService {
    private readonly audit;
    private readonly events;
    constructor(audit: AuditService, events: EventBus);
    list(ctx: RequestContext, filter: ServerFilter, order: ServerOrder, page: PageRequest): Promise<Page<Server>>;
    get(ctx: RequestContext, id: string): Promise<Server>;
    /** Pre-registers servers that have no agent yet, as an import from a CMDB would. */
    register(ctx: RequestContext, input: RegisterServersInput): Promise<Server[]>;
}
