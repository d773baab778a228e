import { QuotaStatus } from '@hss/schema';
/**
 * A quota is EXPIRED from the moment its validity ends, even before the expiry sweep writes it:
 * the API never shows an expired quota as IDLE or lets one be bound.
 */
export function effectiveQuotaStatus(quota, now) {
    if (quota.status !== QuotaStatus.EXPIRED && quota.expiresAt <= now)
        return QuotaStatus.EXPIRED;
    return quota.status;
}
//# sourceMappingURL=quota-status.js.map