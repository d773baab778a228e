import type { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Quota } from '../quotas/quota.entity.js';
import type { QuotaAllocator } from '../quotas/quota-allocator.js';
import type { ScanService } from '../scans/scan.service.js';
import type { ScanTask } from '../scans/scan-task.entity.js';
import { Server } from '../servers/server.entity.js';
import type { BindQuotaInput, DisableProtectionInput, EnableProtectionInput, UnbindQuotaInput } from './protection.inputs.js';
/**
 * The rules of protection (DESIGN.md "Rules of protection"): who may protect which server,
 * with which edition and quota. Each rule that fails has its own error code.
 */
export declare class ProtectionService {
    private readonly quotas;
    private readonly scans;
    private readonly audit;
    private readonly events;
    private readonly now;
    constructor(quotas: QuotaAllocator, scans: ScanService, audit: AuditService, events: EventBus, now?: () => Date);
    enableProtection(ctx: RequestContext, input: EnableProtectionInput): Promise<{
        server: Server;
        quota: Quota | null;
        scanTask: ScanTask;
    }>;
    disableProtection(ctx: RequestContext, input: DisableProtectionInput): Promise<{
        server: Server;
        releasedQuota: Quota | null;
    }>;
    /** Binding a quota enables protection with the quota's edition. */
    bindQuota(ctx: RequestContext, input: BindQuotaInput): Promise<{
        server: Server;
        quota: Quota;
        scanTask: ScanTask;
    }>;
    /** Unbinding returns the quota to IDLE and disables protection on its server. */
    unbindQuota(ctx: RequestContext, input: UnbindQuotaInput): Promise<{
        server: Server;
        quota: Quota;
    }>;
    private lockServer;
    private assertProtectable;
    /** Only ENTERPRISE is paid on demand; BASIC has a free 30-day on-demand trial, once per server. */
    private startOnDemand;
    private protect;
    private unprotect;
    private publishChange;
}
