import { BillingMode, EditionCode } from '@hss/schema';
import { Quota } from '../quotas/quota.entity.js';
import { ScanTask } from '../scans/scan-task.entity.js';
import { Server } from '../servers/server.entity.js';
export declare class EnableProtectionInput {
    serverId: string;
    edition: EditionCode;
    billingMode: BillingMode;
    quotaId?: string | null;
    acceptDisclaimer: boolean;
}
export declare class DisableProtectionInput {
    serverId: string;
}
export declare class BindQuotaInput {
    quotaId: string;
    serverId: string;
}
export declare class UnbindQuotaInput {
    quotaId: string;
}
export declare class EnableProtectionPayload {
    server: Server;
    quota: Quota | null;
    scanTask: ScanTask;
}
export declare class DisableProtectionPayload {
    server: Server;
    releasedQuota: Quota | null;
}
export declare class BindQuotaPayload {
    quota: Quota;
    server: Server;
    scanTask: ScanTask;
}
export declare class UnbindQuotaPayload {
    quota: Quota;
    server: Server;
}
