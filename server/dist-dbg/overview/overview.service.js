import { AgentStatus, DetectionResult, ProtectionStatus } from '@hss/schema';
import { authorize, Permission } from '../auth/permissions.js';
import { assertId } from '../common/ids.js';
import { Overview } from './overview.types.js';
export class OverviewService {
    async overview(ctx, regionId, now = new Date()) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        const region = regionId != null ? assertId(regionId, 'regionId') : null;
        const scope = `account_id = ? and (?::uuid is null or region_id = ?::uuid)`;
        const params = [viewer.accountId, region, region];
        const [servers] = await ctx.em.execute(`select count(*) as total,
        count(*) filter (where agent_status = '${AgentStatus.NOT_INSTALLED}') as not_installed,
        count(*) filter (where agent_status = '${AgentStatus.ONLINE}') as online,
        count(*) filter (where agent_status = '${AgentStatus.OFFLINE}') as offline,
        count(*) filter (where protection_status = '${ProtectionStatus.ENABLED}') as enabled,
        count(*) filter (where protection_status = '${ProtectionStatus.DISABLED}') as disabled,
        count(*) filter (where protection_status = '${ProtectionStatus.INTERRUPTED}') as interrupted,
        count(*) filter (where detection_result = '${DetectionResult.RISKY}') as risky,
        count(*) filter (where detection_result = '${DetectionResult.SAFE}') as safe,
        count(*) filter (where detection_result = '${DetectionResult.PENDING}') as pending
       from server where ${scope}`, params);
        // Past-expiry quotas count as EXPIRED, as the quota list reports them.
        const quotas = await ctx.em.execute(`select edition_code as edition,
              case when status <> 'EXPIRED' and expires_at <= ? then 'EXPIRED' else status end as status,
              count(*) as n
         from quota where ${scope} group by 1, 2 order by 1, 2`, [now, ...params]);
        const n = (key) => Number(servers?.[key] ?? 0);
        const overview = new Overview();
        overview.serverCount = n('total');
        overview.agentStatus = { notInstalled: n('not_installed'), online: n('online'), offline: n('offline') };
        overview.protectionStatus = { enabled: n('enabled'), disabled: n('disabled'), interrupted: n('interrupted') };
        overview.detectionResult = { risky: n('risky'), safe: n('safe'), pending: n('pending') };
        overview.quotas = quotas.map((q) => ({ edition: q.edition, status: q.status, count: Number(q.n) }));
        return overview;
    }
}
//# sourceMappingURL=overview.service.js.map