import { BillingMode, ProtectionStatus, QuotaStatus } from '@hss/schema';
import { LockMode } from '@mikro-orm/core';
import { Region } from '../accounts/region.entity.js';
import { authorize, Permission } from '../auth/permissions.js';
import { badInput, notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import { keysetPage, OrderDirection } from '../common/pagination.js';
import { Edition } from '../editions/edition.entity.js';
import { Topic } from '../events/topics.js';
import { Server } from '../servers/server.entity.js';
import { Quota } from './quota.entity.js';
function addMonths(date, months) {
    const d = new Date(date);
    d.setUTCMonth(d.getUTCMonth() + months);
    return d;
}
export class QuotaService {
    constructor(audit, events, now = () => new Date()) {
        this.audit = audit;
        this.events = events;
        this.now = now;
    }
    async list(ctx, filter, page) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        const now = this.now();
        const qb = ctx.em.createQueryBuilder(Quota, 'q').where({ account: viewer.accountId });
        if (filter.regionId)
            qb.andWhere({ region: filter.regionId });
        if (filter.edition?.length)
            qb.andWhere({ edition: { $in: filter.edition } });
        if (filter.status?.length) {
            // Filter on the status the API reports, which counts an unswept past-expiry quota as EXPIRED.
            const or = [];
            for (const status of new Set(filter.status)) {
                if (status === QuotaStatus.EXPIRED)
                    or.push({ status: QuotaStatus.EXPIRED }, { expiresAt: { $lte: now } });
                else
                    or.push({ status, expiresAt: { $gt: now } });
            }
            qb.andWhere({ $or: or });
        }
        return keysetPage(qb, 'q', { name: 'CREATED_AT', property: 'createdAt', column: 'created_at', cast: 'timestamptz', valueOf: (q) => q.createdAt }, OrderDirection.ASC, page);
    }
    async get(ctx, id) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        const quota = await ctx.em.findOne(Quota, { id: assertId(id, 'id'), account: viewer.accountId });
        if (!quota)
            throw notFound('Quota', id);
        return quota;
    }
    async purchase(ctx, input) {
        const viewer = authorize(ctx.viewer, Permission.MANAGE_QUOTAS);
        if (input.billingMode !== BillingMode.YEARLY_MONTHLY) {
            throw badInput('Only YEARLY_MONTHLY quotas are purchased. ON_DEMAND protection is billed per use: enable it directly with enableProtection.', {
                field: 'billingMode',
            });
        }
        const now = this.now();
        return ctx.em.transactional(async (tx) => {
            const region = await tx.findOne(Region, { id: input.regionId, account: viewer.accountId });
            if (!region)
                throw notFound('Region', input.regionId);
            const edition = tx.getReference(Edition, input.edition, { wrapped: true });
            const quotas = Array.from({ length: input.count }, () => {
                const quota = new Quota();
                quota.account = region.account;
                quota.region = tx.getReference(Region, region.id, { wrapped: true });
                quota.edition = edition;
                quota.billingMode = BillingMode.YEARLY_MONTHLY;
                quota.expiresAt = addMonths(now, input.months);
                tx.persist(quota);
                return quota;
            });
            this.audit.record(tx, ctx, viewer.accountId, {
                action: 'PURCHASE_QUOTAS',
                targetType: 'Region',
                targetId: region.id,
                after: { edition: input.edition, months: input.months, count: input.count, quotaIds: quotas.map((q) => q.id) },
            });
            return quotas;
        });
    }
    /**
     * Writes EXPIRED on every quota whose time is up. An expired quota stops protecting its
     * server: the server's protection becomes INTERRUPTED with the cause, so that the operator
     * sees why and binds another quota. Run by the scheduler; returns how many quotas expired.
     */
    async expireDue(em) {
        const now = this.now();
        const { expired, interrupted } = await em.transactional(async (tx) => {
            // SKIP LOCKED: replicas sweeping at the same minute split the work instead of repeating it.
            const due = await tx.find(Quota, { status: { $ne: QuotaStatus.EXPIRED }, expiresAt: { $lte: now } }, { limit: 1000, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
            const interrupted = [];
            for (const quota of due) {
                const serverId = quota.server?.id;
                quota.status = QuotaStatus.EXPIRED;
                quota.server = null;
                quota.boundAt = null;
                if (serverId) {
                    const server = await tx.findOneOrFail(Server, serverId);
                    const before = { protectionStatus: server.protectionStatus, edition: server.edition?.code ?? null, quotaId: quota.id };
                    server.protectionStatus = ProtectionStatus.INTERRUPTED;
                    server.protectionInterruptedCause = `Quota ${quota.id} expired on ${quota.expiresAt.toISOString()}. Bind another quota to resume protection.`;
                    server.edition = null;
                    server.billingMode = null;
                    interrupted.push(server);
                    this.audit.record(tx, null, quota.account.id, {
                        action: 'QUOTA_EXPIRED',
                        targetType: 'Server',
                        targetId: server.id,
                        before,
                        after: { protectionStatus: server.protectionStatus, quotaId: null },
                    });
                }
            }
            return { expired: due.length, interrupted };
        });
        for (const server of interrupted) {
            this.events.publish(Topic.SERVER_CHANGED, {
                accountId: server.account.id,
                regionId: server.region.id,
                serverId: server.id,
                change: 'QUOTA_EXPIRED',
                protectionStatus: server.protectionStatus,
            });
        }
        return expired;
    }
}
//# sourceMappingURL=quota.service.js.map