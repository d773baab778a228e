import { FindingAction, FindingStatus, type MessageType, type Payloads, Severity } from '@hss/schema';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import { firstDelivery } from '../agents/agent-messages.js';
import type { AuditService } from '../audit/audit.service.js';
import { authorize, Permission } from '../auth/permissions.js';
import { badInput, notFound } from '../common/errors.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Server } from '../servers/server.entity.js';
import { Finding } from './finding.entity.js';
import { type FindingFilter, FindingTrendPoint, type HandleFindingsInput } from './finding.inputs.js';

const STATUS_FOR: Record<FindingAction, FindingStatus> = {
  [FindingAction.HANDLE]: FindingStatus.HANDLED,
  [FindingAction.IGNORE]: FindingStatus.IGNORED,
  [FindingAction.REOPEN]: FindingStatus.OPEN,
};

import { publishDetectionChanges, refreshRiskScores } from './risk.js';

type ScanReport = Payloads[MessageType.FINDINGS];

export class FindingService {
  constructor(
    private readonly events: EventBus,
    private readonly audit: AuditService,
  ) {}

  /**
   * A person handles, ignores or reopens findings, all or nothing. A FIXED finding is settled by
   * the agent's own scans and cannot be handled; handled and ignored ones stay so across scans.
   */
  async handleFindings(ctx: RequestContext, input: HandleFindingsInput): Promise<Finding[]> {
    const viewer = authorize(ctx.viewer, Permission.HANDLE_ALARMS);
    const ids = [...new Set(input.findingIds)];
    const status = STATUS_FOR[input.action];
    const note = input.note?.trim() || null;
    const result = await ctx.em.transactional(async (tx: EntityManager) => {
      const findings = await tx.find(
        Finding,
        { id: { $in: ids }, account: viewer.accountId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
      );
      const missing = ids.find((id) => !findings.some((f) => f.id === id));
      if (missing) throw notFound('Finding', missing);
      const fixed = findings.find((f) => f.status === FindingStatus.FIXED);
      if (fixed)
        throw badInput(`Finding ${fixed.id} is already FIXED (its last scan no longer reported it); nothing to handle.`, {
          id: fixed.id,
        });
      for (const finding of findings) {
        const before = finding.status;
        finding.status = status;
        // Moving between HANDLED and IGNORED keeps the day it was resolved, which findingTrend counts by.
        if (status === FindingStatus.OPEN) finding.resolvedAt = null;
        else if (before === FindingStatus.OPEN || !finding.resolvedAt) finding.resolvedAt = new Date();
        this.audit.record(tx, ctx, viewer.accountId, {
          action: `${input.action}_FINDING`,
          targetType: 'Finding',
          targetId: finding.id,
          before: { status: before },
          after: { status, ...(note ? { note } : {}) },
        });
      }
      await tx.flush();
      const changes = await refreshRiskScores(tx, viewer.accountId, [...new Set(findings.map((f) => f.server.id))]);
      return { findings, changes };
    });
    publishDetectionChanges(this.events, viewer.accountId, result.changes);
    return result.findings;
  }

  /**
   * Open findings at the end of each of the last `days` days (UTC), by severity: a finding
   * counts from when it was first seen until it was fixed, handled or ignored.
   */
  async trend(ctx: RequestContext, days: number, regionId?: string | null): Promise<FindingTrendPoint[]> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const rows = await ctx.em.execute<{ day: string; severity: Severity | null; n: string }[]>(
      `select to_char(d.day, 'YYYY-MM-DD') as day, f.severity, count(f.id) as n
         from generate_series(date_trunc('day', now() at time zone 'UTC') - (? - 1) * interval '1 day',
                              date_trunc('day', now() at time zone 'UTC'), interval '1 day') as d(day)
         left join finding f
           on f.account_id = ?
          and f.first_seen_at < (d.day + interval '1 day') at time zone 'UTC'
          and (f.resolved_at is null or f.resolved_at >= (d.day + interval '1 day') at time zone 'UTC')
          and (?::uuid is null or f.server_id in (select id from server where region_id = ?::uuid))
        group by d.day, f.severity
        order by d.day`,
      [days, viewer.accountId, regionId ?? null, regionId ?? null],
    );
    const points = new Map<string, FindingTrendPoint>();
    for (const row of rows) {
      let point = points.get(row.day);
      if (!point) {
        point = Object.assign(new FindingTrendPoint(), { day: row.day });
        points.set(row.day, point);
      }
      if (!row.severity) continue;
      const n = Number(row.n);
      const key = {
        [Severity.CRITICAL]: 'critical',
        [Severity.HIGH]: 'high',
        [Severity.MEDIUM]: 'medium',
        [Severity.LOW]: 'low',
      } as const;
      point[key[row.severity]] += n;
      point.total += n;
    }
    return [...points.values()];
  }

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
