import type { MessageType, Payloads } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import { firstDelivery } from '../agents/agent-messages.js';
import { authorize, Permission } from '../auth/permissions.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Server } from '../servers/server.entity.js';
import { Finding } from './finding.entity.js';
import type { FindingFilter } from './finding.inputs.js';
import { publishDetectionChanges, refreshRiskScores } from './risk.js';

type ScanReport = Payloads[MessageType.FINDINGS];

export class FindingService {
  constructor(private readonly events: EventBus) {}

  /** Newest first: what a person wants to see on top. */
  async list(ctx: RequestContext, filter: FindingFilter, page: PageRequest): Promise<Page<Finding>> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const qb = ctx.em.createQueryBuilder(Finding, 'f').where({ account: viewer.accountId });
    if (filter.serverId) qb.andWhere({ server: filter.serverId });
    if (filter.severity?.length) qb.andWhere({ severity: { $in: filter.severity } });
    if (filter.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter.type?.length) qb.andWhere({ type: { $in: filter.type } });
    return keysetPage(
      qb,
      'f',
      { name: 'LAST_SEEN_AT', property: 'lastSeenAt', column: 'last_seen_at', cast: 'timestamptz', valueOf: (f) => f.lastSeenAt },
      OrderDirection.DESC,
      page,
    );
  }

  /**
   * Stores the full result of one scan: findings are upserted by fingerprint (new → OPEN, seen
   * again → updated, FIXED and seen again → OPEN), open ones missing from the scan become FIXED,
   * and those a person handled or ignored stay so. A server whose detection result changed is
   * published after the commit. Returns false for a resent message (stored before).
   */
  async ingestScanReport(em: EntityManager, identity: AgentIdentity, messageId: string, report: ScanReport): Promise<boolean> {
    const scannedAt = new Date(report.scannedAt);
    const changes = await em.transactional(async (tx: EntityManager) => {
      if (!(await firstDelivery(tx, identity.agentId, messageId))) return null;
      await tx.execute(
        `with incoming as (
           select * from jsonb_to_recordset(?::jsonb)
             as r(fingerprint text, type text, severity text, title text, remediation text, detail jsonb)),
         upserted as (
           insert into finding (id, account_id, server_id, type, severity, status, fingerprint, title, remediation, detail, first_seen_at, last_seen_at)
           select gen_random_uuid(), ?, ?, type, severity, 'OPEN', fingerprint, title, remediation, detail, ?, ? from incoming
           on conflict (server_id, fingerprint) do update set
             type = excluded.type, severity = excluded.severity, title = excluded.title,
             remediation = excluded.remediation, detail = excluded.detail, last_seen_at = excluded.last_seen_at,
             status = case when finding.status = 'FIXED' then 'OPEN' else finding.status end,
             resolved_at = case when finding.status = 'FIXED' then null else finding.resolved_at end
           returning 1)
         update finding set status = 'FIXED', resolved_at = ?
          where server_id = ? and status = 'OPEN' and fingerprint not in (select fingerprint from incoming)`,
        [
          JSON.stringify(report.findings),
          identity.accountId,
          identity.serverId,
          scannedAt,
          scannedAt,
          scannedAt,
          identity.serverId,
        ],
      );
      await tx.nativeUpdate(Server, { id: identity.serverId }, { lastScanAt: scannedAt });
      return refreshRiskScores(tx, identity.accountId, [identity.serverId]);
    });
    if (!changes) return false;
    publishDetectionChanges(this.events, identity.accountId, changes);
    return true;
  }
}
