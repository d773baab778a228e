import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { type PolicyDocument } from './policy.document.js';
import type { PolicyView, UpdatePolicyInput } from './policy.inputs.js';
export interface CurrentPolicy {
    version: number;
    document: PolicyDocument;
}
/** Policies per region: read and changed through GraphQL, pushed by the gateway to agents. */
export declare class PolicyService {
    private readonly audit;
    private readonly events;
    constructor(audit: AuditService, events: EventBus);
    /** The region's policy; the defaults (version 0) until someone changes it. */
    current(em: EntityManager, accountId: string, regionId: string): Promise<CurrentPolicy>;
    get(ctx: RequestContext, regionId: string): Promise<PolicyView>;
    update(ctx: RequestContext, input: UpdatePolicyInput): Promise<PolicyView>;
    /** The agent applied `version`; versions only move forward. */
    recordAck(em: EntityManager, agentId: string, version: number): Promise<void>;
    private region;
    private view;
}
