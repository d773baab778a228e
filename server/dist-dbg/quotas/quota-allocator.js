import { ErrorCode, QuotaStatus } from '@hss/schema';
import { LockMode, ref } from '@mikro-orm/core';
import { badInput, DomainError, notFound } from '../common/errors.js';
import { Quota } from './quota.entity.js';
import { effectiveQuotaStatus } from './quota-status.js';
/**
 * Decides which quota protects a server. Every method runs inside the caller's transaction,
 * after the server row is locked: lock order is always server, then quota, so two requests
 * never deadlock, and an idle quota is taken with SKIP LOCKED, so two requests never take
 * the same one.
 */
export class QuotaAllocator {
    /** "Any quota": the idle quota of `edition` in the server's region that stays valid longest. */
    async claimAny(tx, server, edition, now) {
        const quota = await tx.findOne(Quota, {
            account: server.account.id,
            region: server.region.id,
            edition,
            status: QuotaStatus.IDLE,
            expiresAt: { $gt: now },
        }, { orderBy: [{ expiresAt: 'desc' }, { id: 'asc' }], lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
        if (!quota)
            throw await this.insufficient(tx, server, edition, now);
        this.bind(quota, server, now);
        return quota;
    }
    /** A quota the user chose by id; it must be idle, unexpired, of `edition` and in the server's region. */
    async claimNamed(tx, server, quotaId, edition, now) {
        const quota = await tx.findOne(Quota, { id: quotaId, account: server.account.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!quota)
            throw notFound('Quota', quotaId);
        if (quota.region.id !== server.region.id) {
            throw badInput(`Quota ${quota.id} belongs to another region than server ${server.name}; choose a quota of the server's region.`, {
                field: 'quotaId',
            });
        }
        if (edition && quota.edition.code !== edition) {
            throw new DomainError(ErrorCode.EDITION_MISMATCH, `Quota ${quota.id} is a ${quota.edition.code} quota, not ${edition}. Choose a ${edition} quota, or enable the ${quota.edition.code} edition.`, { quotaEdition: quota.edition.code, requestedEdition: edition });
        }
        const status = effectiveQuotaStatus(quota, now);
        if (status === QuotaStatus.EXPIRED) {
            throw new DomainError(ErrorCode.QUOTA_NOT_IDLE, `Quota ${quota.id} expired on ${quota.expiresAt.toISOString()} and cannot be bound. Purchase a new quota or choose another idle one.`, { quotaStatus: status });
        }
        if (status !== QuotaStatus.IDLE) {
            throw new DomainError(ErrorCode.QUOTA_NOT_IDLE, `Quota ${quota.id} is already in use by another server. Unbind it there first, or choose an idle quota.`, { quotaStatus: status });
        }
        this.bind(quota, server, now);
        return quota;
    }
    /** Returns the quota bound to `server` to the pool, or marks it EXPIRED when its time is up. */
    async release(tx, server, now) {
        const quota = await tx.findOne(Quota, { server: server.id, account: server.account.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!quota)
            return null;
        quota.server = null;
        quota.boundAt = null;
        quota.status = quota.expiresAt > now ? QuotaStatus.IDLE : QuotaStatus.EXPIRED;
        return quota;
    }
    bind(quota, server, now) {
        quota.status = QuotaStatus.IN_USE;
        quota.server = ref(server);
        quota.boundAt = now;
    }
    async insufficient(tx, server, edition, now) {
        const rows = await tx.execute(`select count(*) filter (where status = 'IDLE' and expires_at > ?) as idle,
              count(*) filter (where status = 'IN_USE') as in_use,
              count(*) filter (where status = 'EXPIRED' or expires_at <= ?) as expired
         from quota where account_id = ? and region_id = ? and edition_code = ?`, [now, now, server.account.id, server.region.id, edition]);
        const counts = {
            idle: Number(rows[0]?.idle ?? 0),
            inUse: Number(rows[0]?.in_use ?? 0),
            expired: Number(rows[0]?.expired ?? 0),
        };
        return new DomainError(ErrorCode.QUOTA_INSUFFICIENT, `No idle ${edition} quota is left in this region (${counts.idle} idle, ${counts.inUse} in use, ${counts.expired} expired). ` +
            `Purchase more with purchaseQuotas, or disable protection on a server to free its quota.`, { edition, idle: counts.idle, inUse: counts.inUse, expired: counts.expired });
    }
}
//# sourceMappingURL=quota-allocator.js.map