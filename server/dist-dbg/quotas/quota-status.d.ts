import { QuotaStatus } from '@hss/schema';
import type { Quota } from './quota.entity.js';
/**
 * A quota is EXPIRED from the moment its validity ends, even before the expiry sweep writes it:
 * the API never shows an expired quota as IDLE or lets one be bound.
 */
export declare function effectiveQuotaStatus(quota: Pick<Quota, 'status' | 'expiresAt'>, now: Date): QuotaStatus;
