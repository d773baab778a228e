import { ErrorCode, type MessageType, type Payloads, ProtectionStatus, ScanStatus, ScanTrigger } from '@hss/schema';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import { firstDelivery } from '../agents/agent-messages.js';
import type { AuditService } from '../audit/audit.service.js';
import { authorize, Permission } from '../auth/permissions.js';
import { DomainError, notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Topic } from '../events/topics.js';
import { Server } from '../servers/server.entity.js';
import { ScanTask } from './scan-task.entity.js';

type ProgressReport = Payloads[MessageType.SCAN_PROGRESS];

/**
 * Scan tasks: queued here (on enable, on demand, daily), delivered by the agent gateway when
 * the agent is online, moved along by the agent's progress reports, timed out when silent.
 */
export class ScanService {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** Queues a full scan in the caller's transaction, unless one is already waiting. */
  async queueFullScan(tx: EntityManager, server: Server, trigger: ScanTrigger): Promise<ScanTask> {
    const waiting = await tx.findOne(ScanTask, { server: server.id, status: ScanStatus.QUEUED });
    if (waiting) return waiting;
    const task = new ScanTask();
    task.account = server.account;
    task.server = ref(server);
    task.trigger = trigger;
    tx.persist(task);
    return task;
  }

  /** "Scan now": a full scan of a protected server; kept QUEUED while its agent is offline. */
  async startScan(ctx: RequestContext, serverId: string): Promise<ScanTask> {
    const viewer = authorize(ctx.viewer, Permission.RUN_SCANS);
    const { server, task } = await ctx.em.transactional(async (tx: EntityManager) => {
      const server = await tx.findOne(Server, { id: assertId(serverId, 'serverId'), account: viewer.accountId });
      if (!server) throw notFound('Server', serverId);
      if (server.protectionStatus !== ProtectionStatus.ENABLED) {
        throw new DomainError(ErrorCode.NOT_PROTECTED, `Server ${server.name} is not protected; enable protection to scan it.`);
      }
      const task = await this.queueFullScan(tx, server, ScanTrigger.MANUAL);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'START_SCAN',
        targetType: 'Server',
        targetId: server.id,
        after: { scanTaskId: task.id },
      });
      return { server, task };
    });
    this.announceQueued(viewer.accountId, server.region.id, task);
    return task;
  }

  async recent(ctx: RequestContext, serverId: string, last: number): Promise<ScanTask[]> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const id = assertId(serverId, 'serverId');
    if (!(await ctx.em.count(Server, { id, account: viewer.accountId }))) throw notFound('Server', serverId);
    const limit = Math.min(Math.max(last, 1), 100);
    return ctx.em.find(
      ScanTask,
      { server: id, account: viewer.accountId },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit },
    );
  }

  /** Tasks waiting for the agent of `serverId`; marks them sent. */
  async takeQueued(em: EntityManager, serverId: string): Promise<ScanTask[]> {
    const tasks = await em.find(ScanTask, { server: serverId, status: ScanStatus.QUEUED }, { orderBy: { createdAt: 'asc' } });
    if (tasks.length) await em.nativeUpdate(ScanTask, { id: { $in: tasks.map((t) => t.id) } }, { sentAt: new Date() });
    return tasks;
  }

  /** Applies a progress report from the agent; returns false for a resent or unknown one. */
  async recordProgress(em: EntityManager, identity: AgentIdentity, messageId: string, report: ProgressReport): Promise<boolean> {
    const task = await em.transactional(async (tx: EntityManager) => {
      if (!(await firstDelivery(tx, identity.agentId, messageId))) return null;
      const task = await tx.findOne(ScanTask, { id: report.scanTaskId, server: identity.serverId });
      if (!task || [ScanStatus.DONE, ScanStatus.FAILED, ScanStatus.TIMED_OUT].includes(task.status)) return null;
      const now = new Date();
      task.status = report.status;
      task.progress = report.status === ScanStatus.DONE ? 100 : report.progress;
      task.startedAt ??= now;
      if (report.status !== ScanStatus.RUNNING) {
        task.finishedAt = now;
        task.error = report.error ?? null;
      }
      return task;
    });
    if (!task) return false;
    this.publish(identity.accountId, identity.regionId, task);
    return true;
  }

  /**
   * Queues the DAILY scan of `day` (YYYY-MM-DD in HSS_SCAN_TZ) for every protected server. A
   * unique index on (server, day) makes it happen once, however many control planes run it.
   */
  async scheduleDaily(em: EntityManager, day: string): Promise<number> {
    const rows = await em.execute<{ id: string; account_id: string; server_id: string; region_id: string }[]>(
      `insert into scan_task (id, account_id, server_id, trigger, status, progress, scheduled_for, created_at)
       select gen_random_uuid(), s.account_id, s.id, 'DAILY', 'QUEUED', 0, ?::date, now()
         from server s where s.protection_status = 'ENABLED'
       on conflict (server_id, scheduled_for) where trigger = 'DAILY' do nothing
       returning id, account_id, server_id, (select region_id from server where id = server_id) as region_id`,
      [day],
    );
    for (const row of rows) {
      const scope = { accountId: row.account_id, regionId: row.region_id, serverId: row.server_id };
      this.events.publish(Topic.SCAN_QUEUED, { ...scope, scanTaskId: row.id });
      this.events.publish(Topic.SCAN_PROGRESS, { ...scope, scanTaskId: row.id, status: ScanStatus.QUEUED, progress: 0 });
    }
    return rows.length;
  }

  /** Tasks RUNNING longer than `timeoutMs` become TIMED_OUT. */
  async timeOutStale(em: EntityManager, timeoutMs: number): Promise<number> {
    const rows = await em.execute<{ id: string; account_id: string; server_id: string; region_id: string }[]>(
      `update scan_task t set status = 'TIMED_OUT', finished_at = now(), error = 'The agent reported no end within the scan timeout.'
         from server s
        where s.id = t.server_id and t.status = 'RUNNING' and t.started_at < ?
       returning t.id, t.account_id, t.server_id, s.region_id`,
      [new Date(Date.now() - timeoutMs)],
    );
    for (const row of rows) {
      this.events.publish(Topic.SCAN_PROGRESS, {
        accountId: row.account_id,
        regionId: row.region_id,
        serverId: row.server_id,
        scanTaskId: row.id,
        status: ScanStatus.TIMED_OUT,
        progress: 0,
      });
    }
    return rows.length;
  }

  /** After the commit that queued `task`: the gateway delivers it, subscribers see it QUEUED. */
  announceQueued(accountId: string, regionId: string, task: ScanTask): void {
    this.publish(accountId, regionId, task, true);
  }

  private publish(accountId: string, regionId: string, task: ScanTask, queued = false): void {
    const scope = { accountId, regionId, serverId: task.server.id };
    if (queued) this.events.publish(Topic.SCAN_QUEUED, { ...scope, scanTaskId: task.id });
    this.events.publish(Topic.SCAN_PROGRESS, { ...scope, scanTaskId: task.id, status: task.status, progress: task.progress });
  }
}
