import { AlarmAction, AlarmStatus, type MessageType, type Payloads } from '@hss/schema';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import type { AgentIdentity } from '../agents/agent.service.js';
import { firstDelivery } from '../agents/agent-messages.js';
import type { AuditService } from '../audit/audit.service.js';
import { authorize, Permission } from '../auth/permissions.js';
import { notFound } from '../common/errors.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Topic } from '../events/topics.js';
import { publishDetectionChanges, refreshRiskScores } from '../findings/risk.js';
import { Server } from '../servers/server.entity.js';
import { Alarm } from './alarm.entity.js';
import type { AlarmFilter, HandleAlarmsInput, HandleAlarmsPayload } from './alarm.inputs.js';
import { AlarmWhitelistEntry } from './alarm-whitelist.entity.js';

const STATUS_FOR: Record<AlarmAction, AlarmStatus> = {
  [AlarmAction.HANDLE]: AlarmStatus.HANDLED,
  [AlarmAction.IGNORE]: AlarmStatus.IGNORED,
  [AlarmAction.WHITELIST]: AlarmStatus.WHITELISTED,
};

/** The file an alarm is about (FIM, web tamper, malicious program), when the agent said. */
function alarmPath(alarm: { detail: Record<string, unknown> | null }): string | null {
  const path = alarm.detail?.path;
  return typeof path === 'string' ? path : null;
}

type AlarmReport = Payloads[MessageType.ALARM];

export class AlarmService {
  constructor(private readonly events: EventBus) {}

  /**
   * Stores an alarm an agent raised, recomputes the server's risk, and publishes it after the
   * commit. Returns false for a resent message (stored before, nothing published).
   */
  async raise(em: EntityManager, identity: AgentIdentity, messageId: string, report: AlarmReport): Promise<boolean> {
    const result = await em.transactional(async (tx: EntityManager) => {
      if (!(await firstDelivery(tx, identity.agentId, messageId))) return null;
      const alarm = new Alarm();
      alarm.account = tx.getReference(Account, identity.accountId, { wrapped: true });
      alarm.server = tx.getReference(Server, identity.serverId, { wrapped: true });
      alarm.type = report.type;
      alarm.severity = report.severity;
      alarm.title = report.title;
      alarm.sourceIp = report.sourceIp ?? null;
      alarm.detail = report.detail ?? null;
      alarm.occurredAt = new Date(report.occurredAt);
      if (await this.isWhitelisted(tx, identity.regionId, alarm)) {
        alarm.status = AlarmStatus.WHITELISTED;
        alarm.handledAt = new Date();
      }
      tx.persist(alarm);
      await tx.flush();
      if (alarm.status === AlarmStatus.WHITELISTED) return { alarm, changes: [] };
      const changes = await refreshRiskScores(tx, identity.accountId, [identity.serverId]);
      return { alarm, changes };
    });
    if (!result) return false;
    if (result.alarm.status === AlarmStatus.WHITELISTED) return true;
    const scope = { accountId: identity.accountId, regionId: identity.regionId, serverId: identity.serverId };
    this.events.publish(Topic.ALARM_RAISED, { ...scope, alarmId: result.alarm.id, severity: result.alarm.severity });
    publishDetectionChanges(this.events, identity.accountId, result.changes);
    return true;
  }

  private async isWhitelisted(tx: EntityManager, regionId: string, alarm: Alarm): Promise<boolean> {
    const [row] = await tx.execute<{ n: number }[]>(
      `select 1 as n from alarm_whitelist_entry
        where region_id = ? and type = ?
          and (source_ip is null or source_ip = ?) and (path is null or path = ?)
        limit 1`,
      [regionId, alarm.type, alarm.sourceIp, alarmPath(alarm)],
    );
    return Boolean(row);
  }

  /** Most recent first. */
  async list(ctx: RequestContext, filter: AlarmFilter, page: PageRequest): Promise<Page<Alarm>> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const qb = ctx.em.createQueryBuilder(Alarm, 'a').where({ account: viewer.accountId });
    if (filter.serverId) qb.andWhere({ server: filter.serverId });
    if (filter.severity?.length) qb.andWhere({ severity: { $in: filter.severity } });
    if (filter.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter.type?.length) qb.andWhere({ type: { $in: filter.type } });
    return keysetPage(
      qb,
      'a',
      { name: 'OCCURRED_AT', property: 'occurredAt', column: 'occurred_at', cast: 'timestamptz', valueOf: (a) => a.occurredAt },
      OrderDirection.DESC,
      page,
    );
  }

  async get(ctx: RequestContext, id: string): Promise<Alarm | null> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    return ctx.em.findOne(Alarm, { id, account: viewer.accountId });
  }
}

/** Handling, ignoring and whitelisting alarms: the operator's side of the alarm list. */
export class AlarmHandling {
  constructor(
    private readonly events: EventBus,
    private readonly audit: AuditService,
  ) {}

  /**
   * Applies one action to a set of alarms of the caller's account, all or nothing. WHITELIST
   * also stores a rule per distinct (region, type, source IP, path), reusing an identical one.
   * Risk scores are recomputed in the same transaction and detection changes published after it.
   */
  async handleAlarms(ctx: RequestContext, input: HandleAlarmsInput): Promise<HandleAlarmsPayload> {
    const viewer = authorize(ctx.viewer, Permission.HANDLE_ALARMS);
    const ids = [...new Set(input.alarmIds)];
    const note = input.note?.trim() || null;
    const result = await ctx.em.transactional(async (tx: EntityManager) => {
      const alarms = await tx.find(
        Alarm,
        { id: { $in: ids }, account: viewer.accountId },
        { populate: ['server'], lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
      );
      const missing = ids.find((id) => !alarms.some((a) => a.id === id));
      if (missing) throw notFound('Alarm', missing);
      const status = STATUS_FOR[input.action];
      const whitelistEntries =
        input.action === AlarmAction.WHITELIST
          ? await this.whitelistRules(tx, viewer.accountId, viewer.userId, alarms, note)
          : [];
      for (const alarm of alarms) {
        const before = alarm.status;
        alarm.status = status;
        alarm.handledAt = new Date();
        this.audit.record(tx, ctx, viewer.accountId, {
          action: `${input.action}_ALARM`,
          targetType: 'Alarm',
          targetId: alarm.id,
          before: { status: before },
          after: { status, ...(note ? { note } : {}) },
        });
      }
      await tx.flush();
      const serverIds = [...new Set(alarms.map((a) => a.server.id))];
      const changes = await refreshRiskScores(tx, viewer.accountId, serverIds);
      return { alarms, whitelistEntries, changes };
    });
    publishDetectionChanges(this.events, viewer.accountId, result.changes);
    return { alarms: result.alarms, whitelistEntries: result.whitelistEntries };
  }

  async whitelist(ctx: RequestContext, regionId: string): Promise<AlarmWhitelistEntry[]> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    return ctx.em.find(
      AlarmWhitelistEntry,
      { account: viewer.accountId, region: regionId },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  async removeWhitelistEntry(ctx: RequestContext, id: string): Promise<AlarmWhitelistEntry> {
    const viewer = authorize(ctx.viewer, Permission.HANDLE_ALARMS);
    return ctx.em.transactional(async (tx: EntityManager) => {
      const entry = await tx.findOne(AlarmWhitelistEntry, { id, account: viewer.accountId });
      if (!entry) throw notFound('Alarm whitelist entry', id);
      const snapshot = { type: entry.type, sourceIp: entry.sourceIp, path: entry.path, regionId: entry.region.id };
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'REMOVE_ALARM_WHITELIST_ENTRY',
        targetType: 'AlarmWhitelistEntry',
        targetId: entry.id,
        before: snapshot,
      });
      tx.remove(entry);
      return entry;
    });
  }

  private async whitelistRules(
    tx: EntityManager,
    accountId: string,
    userId: string,
    alarms: Alarm[],
    note: string | null,
  ): Promise<AlarmWhitelistEntry[]> {
    const wanted = new Map<string, { regionId: string; alarm: Alarm }>();
    for (const alarm of alarms) {
      const regionId = alarm.server.getEntity().region.id;
      wanted.set(JSON.stringify([regionId, alarm.type, alarm.sourceIp, alarmPath(alarm)]), { regionId, alarm });
    }
    // Without it, two people whitelisting alarms of two servers of the region at once both miss
    // the other's uncommitted rule and store two. Regions in one order, so callers never deadlock.
    for (const regionId of [...new Set([...wanted.values()].map((w) => w.regionId))].sort()) {
      await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`alarm_whitelist_entry:${regionId}`]);
    }
    const entries: AlarmWhitelistEntry[] = [];
    for (const { regionId, alarm } of wanted.values()) {
      const match = { account: accountId, region: regionId, type: alarm.type, sourceIp: alarm.sourceIp, path: alarmPath(alarm) };
      let entry = await tx.findOne(AlarmWhitelistEntry, match);
      if (!entry) {
        entry = new AlarmWhitelistEntry();
        entry.account = tx.getReference(Account, accountId, { wrapped: true });
        entry.region = tx.getReference(Region, regionId, { wrapped: true });
        entry.type = alarm.type;
        entry.sourceIp = alarm.sourceIp;
        entry.path = alarmPath(alarm);
        entry.note = note;
        entry.createdBy = tx.getReference(User, userId, { wrapped: true });
        tx.persist(entry);
      }
      entries.push(entry);
    }
    return entries;
  }
}
