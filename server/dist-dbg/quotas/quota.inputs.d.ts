import { BillingMode, EditionCode, QuotaStatus } from '@hss/schema';
import { Quota } from './quota.entity.js';
export declare class QuotaFilter {
    regionId?: string;
    edition?: EditionCode[];
    status?: QuotaStatus[];
}
export declare const MAX_QUOTAS_PER_PURCHASE = 1000;
export declare const MAX_MONTHS = 36;
export declare class PurchaseQuotasInput {
    regionId: string;
    edition: EditionCode;
    billingMode: BillingMode;
    months: number;
    count: number;
}
export declare class PurchaseQuotasPayload {
    quotas: Quota[];
}
