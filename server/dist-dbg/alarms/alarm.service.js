import { Account } from '../accounts/account.entity.js';
import { firstDelivery } from '../agents/agent-messages.js';
import { Topic } from '../events/topics.js';
import { publishDetectionChanges, refreshRiskScores } from '../findings/risk.js';
import { Server } from '../servers/server.entity.js';
import { authorize, Permission } from '../auth/permissions.js';
import { keysetPage, OrderDirection } from '../common/pagination.js';
import { Alarm } from './alarm.entity.js';
export class AlarmService {
    constructor(events) {
        this.events = events;
    }
    /**
     * Stores an alarm an agent raised, recomputes the server's risk, and publishes it after the
     * commit. Returns false for a resent message (stored before, nothing published).
     */
    async raise(em, identity, messageId, report) {
        const result = await em.transactional(async (tx) => {
            if (!(await firstDelivery(tx, identity.agentId, messageId)))
                return null;
            const alarm = new Alarm();
            alarm.account = tx.getReference(Account, identity.accountId, { wrapped: true });
            alarm.server = tx.getReference(Server, identity.serverId, { wrapped: true });
            alarm.type = report.type;
            alarm.severity = report.severity;
            alarm.title = report.title;
            alarm.sourceIp = report.sourceIp ?? null;
            alarm.detail = report.detail ?? null;
            alarm.occurredAt = new Date(report.occurredAt);
            tx.persist(alarm);
            await tx.flush();
            const changes = await refreshRiskScores(tx, identity.accountId, [identity.serverId]);
            return { alarm, changes };
        });
        if (!result)
            return false;
        const scope = { accountId: identity.accountId, regionId: identity.regionId, serverId: identity.serverId };
        this.events.publish(Topic.ALARM_RAISED, { ...scope, alarmId: result.alarm.id, severity: result.alarm.severity });
        publishDetectionChanges(this.events, identity.accountId, result.changes);
        return true;
    }
    /** Most recent first. */
    async list(ctx, filter, page) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        const qb = ctx.em.createQueryBuilder(Alarm, 'a').where({ account: viewer.accountId });
        if (filter.serverId)
            qb.andWhere({ server: filter.serverId });
        if (filter.severity?.length)
            qb.andWhere({ severity: { $in: filter.severity } });
        if (filter.status?.length)
            qb.andWhere({ status: { $in: filter.status } });
        if (filter.type?.length)
            qb.andWhere({ type: { $in: filter.type } });
        return keysetPage(qb, 'a', { name: 'OCCURRED_AT', property: 'occurredAt', column: 'occurred_at', cast: 'timestamptz', valueOf: (a) => a.occurredAt }, OrderDirection.DESC, page);
    }
    async get(ctx, id) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        return ctx.em.findOne(Alarm, { id, account: viewer.accountId });
    }
}
//# sourceMappingURL=alarm.service.js.map