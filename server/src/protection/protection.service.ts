import { AgentStatus, BillingMode, DetectionResult, EditionCode, ErrorCode, ProtectionStatus, ScanTrigger } from '@hss/schema';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service.js';
import { authorize, Permission, type Viewer } from '../auth/permissions.js';
import { badInput, DomainError, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { Edition } from '../editions/edition.entity.js';
import type { EventBus } from '../events/event-bus.js';
import { Topic } from '../events/topics.js';
import { Quota } from '../quotas/quota.entity.js';
import type { QuotaAllocator } from '../quotas/quota-allocator.js';
import type { ScanService } from '../scans/scan.service.js';
import type { ScanTask } from '../scans/scan-task.entity.js';
import { Server } from '../servers/server.entity.js';
import type { BindQuotaInput, DisableProtectionInput, EnableProtectionInput, UnbindQuotaInput } from './protection.inputs.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the audit log records of a server's protection, before and after a change. */
function protectionSnapshot(server: Server, quota: Quota | null): Record<string, unknown> {
  return {
    protectionStatus: server.protectionStatus,
    edition: server.edition?.code ?? null,
    billingMode: server.billingMode,
    quotaId: quota?.id ?? null,
  };
}

/**
 * The rules of protection (DESIGN.md "Rules of protection"): who may protect which server,
 * with which edition and quota. Each rule that fails has its own error code.
 */
export class ProtectionService {
  constructor(
    private readonly quotas: QuotaAllocator,
    private readonly scans: ScanService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enableProtection(
    ctx: RequestContext,
    input: EnableProtectionInput,
  ): Promise<{ server: Server; quota: Quota | null; scanTask: ScanTask }> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_PROTECTION);
    if (!input.acceptDisclaimer) {
      throw new DomainError(
        ErrorCode.DISCLAIMER_NOT_ACCEPTED,
        'Read and accept the HSS disclaimer (acceptDisclaimer: true) to enable protection.',
      );
    }
    if (input.billingMode === BillingMode.ON_DEMAND && input.quotaId) {
      throw badInput('ON_DEMAND protection uses no quota; leave quotaId out, or choose YEARLY_MONTHLY.', { field: 'quotaId' });
    }
    const now = this.now();
    const result = await ctx.em.transactional(async (tx: EntityManager) => {
      const server = await this.lockServer(tx, viewer, input.serverId);
      this.assertProtectable(server);
      const before = protectionSnapshot(server, null);
      let quota: Quota | null = null;
      if (input.billingMode === BillingMode.YEARLY_MONTHLY) {
        quota = input.quotaId
          ? await this.quotas.claimNamed(tx, server, input.quotaId, input.edition, now)
          : await this.quotas.claimAny(tx, server, input.edition, now);
      } else {
        await this.startOnDemand(tx, server, input.edition, now);
      }
      this.protect(tx, server, input.edition, input.billingMode);
      const scanTask = await this.scans.queueFullScan(tx, server, ScanTrigger.PROTECTION_ENABLED);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'ENABLE_PROTECTION',
        targetType: 'Server',
        targetId: server.id,
        before,
        after: protectionSnapshot(server, quota),
      });
      return { server, quota, scanTask };
    });
    this.publishChange(viewer, result.server, 'PROTECTION_ENABLED', result.scanTask);
    return result;
  }

  async disableProtection(
    ctx: RequestContext,
    input: DisableProtectionInput,
  ): Promise<{ server: Server; releasedQuota: Quota | null }> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_PROTECTION);
    const result = await ctx.em.transactional(async (tx: EntityManager) => {
      const server = await this.lockServer(tx, viewer, input.serverId);
      if (server.protectionStatus === ProtectionStatus.DISABLED) {
        throw new DomainError(ErrorCode.NOT_PROTECTED, `Protection is already disabled on server ${server.name}.`);
      }
      const releasedQuota = await this.quotas.release(tx, server, this.now());
      const before = protectionSnapshot(server, releasedQuota);
      this.unprotect(server);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'DISABLE_PROTECTION',
        targetType: 'Server',
        targetId: server.id,
        before,
        after: protectionSnapshot(server, null),
      });
      return { server, releasedQuota };
    });
    this.publishChange(viewer, result.server, 'PROTECTION_DISABLED');
    return result;
  }

  /** Binding a quota enables protection with the quota's edition. */
  async bindQuota(ctx: RequestContext, input: BindQuotaInput): Promise<{ server: Server; quota: Quota; scanTask: ScanTask }> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_QUOTAS);
    const now = this.now();
    const result = await ctx.em.transactional(async (tx: EntityManager) => {
      const server = await this.lockServer(tx, viewer, input.serverId);
      // Not found is answered before any rule, so that nothing hints at another account's quota.
      if (!(await tx.count(Quota, { id: input.quotaId, account: viewer.accountId }))) throw notFound('Quota', input.quotaId);
      this.assertProtectable(server);
      const before = protectionSnapshot(server, null);
      const quota = await this.quotas.claimNamed(tx, server, input.quotaId, null, now);
      this.protect(tx, server, quota.edition.code, BillingMode.YEARLY_MONTHLY);
      const scanTask = await this.scans.queueFullScan(tx, server, ScanTrigger.PROTECTION_ENABLED);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'BIND_QUOTA',
        targetType: 'Quota',
        targetId: quota.id,
        before,
        after: { ...protectionSnapshot(server, quota), serverId: server.id },
      });
      return { server, quota, scanTask };
    });
    this.publishChange(viewer, result.server, 'QUOTA_BOUND', result.scanTask);
    return result;
  }

  /** Unbinding returns the quota to IDLE and disables protection on its server. */
  async unbindQuota(ctx: RequestContext, input: UnbindQuotaInput): Promise<{ server: Server; quota: Quota }> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_QUOTAS);
    const result = await ctx.em.transactional(async (tx: EntityManager) => {
      const found = await tx.findOne(Quota, { id: input.quotaId, account: viewer.accountId });
      if (!found) throw notFound('Quota', input.quotaId);
      if (!found.server) {
        throw new DomainError(
          ErrorCode.NOT_PROTECTED,
          `Quota ${found.id} is not bound to any server; there is nothing to unbind.`,
        );
      }
      const server = await this.lockServer(tx, viewer, found.server.id);
      const quota = await this.quotas.release(tx, server, this.now());
      // A concurrent unbind or disable got there first.
      if (!quota || quota.id !== found.id) {
        throw new DomainError(
          ErrorCode.NOT_PROTECTED,
          `Quota ${found.id} is not bound to any server; there is nothing to unbind.`,
        );
      }
      const before = { ...protectionSnapshot(server, quota), serverId: server.id };
      this.unprotect(server);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'UNBIND_QUOTA',
        targetType: 'Quota',
        targetId: quota.id,
        before,
        after: { ...protectionSnapshot(server, null), serverId: null, quotaStatus: quota.status },
      });
      return { server, quota };
    });
    this.publishChange(viewer, result.server, 'QUOTA_UNBOUND');
    return result;
  }

  private async lockServer(tx: EntityManager, viewer: Viewer, serverId: string): Promise<Server> {
    const server = await tx.findOne(
      Server,
      { id: serverId, account: viewer.accountId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!server) throw notFound('Server', serverId);
    return server;
  }

  private assertProtectable(server: Server): void {
    if (server.protectionStatus === ProtectionStatus.ENABLED) {
      throw new DomainError(
        ErrorCode.ALREADY_PROTECTED,
        `Server ${server.name} is already protected by the ${server.edition?.code} edition. Disable protection first to change edition or quota.`,
      );
    }
    if (server.agentStatus !== AgentStatus.ONLINE) {
      const why =
        server.agentStatus === AgentStatus.NOT_INSTALLED
          ? 'has no agent installed; install the agent (Install agent page) and wait until it is ONLINE'
          : `has its agent OFFLINE${server.agentOfflineReason ? ` (${server.agentOfflineReason})` : ''}; bring the agent back online`;
      throw new DomainError(ErrorCode.AGENT_OFFLINE, `Server ${server.name} ${why}, then enable protection.`, {
        agentStatus: server.agentStatus,
      });
    }
  }

  /** Only ENTERPRISE is paid on demand; BASIC has a free 30-day on-demand trial, once per server. */
  private async startOnDemand(tx: EntityManager, server: Server, code: EditionCode, now: Date): Promise<void> {
    const edition = await tx.findOneOrFail(Edition, { code });
    if (!edition.supportsOnDemand) {
      throw new DomainError(
        ErrorCode.EDITION_NOT_ON_DEMAND,
        `The ${code} edition cannot be billed on demand. Choose YEARLY_MONTHLY with a ${code} quota, or the ENTERPRISE edition on demand.`,
        { edition: code },
      );
    }
    if (edition.freeTrialDays === null) return;
    if (server.trialEndsAt && server.trialEndsAt <= now) {
      throw new DomainError(
        ErrorCode.EDITION_NOT_ON_DEMAND,
        `The free ${edition.freeTrialDays}-day ${code} trial of server ${server.name} ended on ${server.trialEndsAt.toISOString()}. ` +
          `Purchase a YEARLY_MONTHLY ${code} quota, or choose ENTERPRISE on demand.`,
        { edition: code, trialEndedAt: server.trialEndsAt.toISOString() },
      );
    }
    server.trialEndsAt ??= new Date(now.getTime() + edition.freeTrialDays * DAY_MS);
  }

  private protect(tx: EntityManager, server: Server, edition: EditionCode, billingMode: BillingMode): void {
    server.protectionStatus = ProtectionStatus.ENABLED;
    server.protectionInterruptedCause = null;
    server.edition = tx.getReference(Edition, edition, { wrapped: true });
    server.billingMode = billingMode;
    server.detectionResult = DetectionResult.PENDING;
  }

  private unprotect(server: Server): void {
    server.protectionStatus = ProtectionStatus.DISABLED;
    server.protectionInterruptedCause = null;
    server.edition = null;
    server.billingMode = null;
    server.detectionResult = DetectionResult.PENDING;
  }

  private publishChange(viewer: Viewer, server: Server, change: string, scanTask?: ScanTask): void {
    const scope = { accountId: viewer.accountId, regionId: server.region.id, serverId: server.id };
    this.events.publish(Topic.SERVER_CHANGED, { ...scope, change, protectionStatus: server.protectionStatus });
    if (scanTask) this.scans.announceQueued(viewer.accountId, server.region.id, scanTask);
  }
}
