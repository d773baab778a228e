import { AgentStatus } from '@hss/schema';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import { Agent } from '../agents/agent.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { authorize, Permission } from '../auth/permissions.js';
import { badInput, notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import { keysetPage, OrderDirection, type Page, type SortKey } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { uuid } from '../db/columns.js';
import type { EventBus } from '../events/event-bus.js';
import { Topic } from '../events/topics.js';
import { Server } from '../servers/server.entity.js';
import { DEFAULT_POLICY, type PolicyDocument } from './policy.document.js';
import { Policy } from './policy.entity.js';
import type { PolicyAgentStatus, PolicyAgentsArgs, PolicyView, UpdatePolicyInput } from './policy.inputs.js';

export interface CurrentPolicy {
  version: number;
  document: PolicyDocument;
  /** Null while the region has the defaults. */
  updatedAt: Date | null;
  updatedById: string | null;
}

const BY_SERVER_NAME: SortKey<Server> = { name: 'NAME', property: 'name', column: 'name', cast: 'text', valueOf: (s) => s.name };

/** Policies per region: read and changed through GraphQL, pushed by the gateway to agents. */
export class PolicyService {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** The region's policy; the defaults (version 0) until someone changes it. */
  async current(em: EntityManager, accountId: string, regionId: string): Promise<CurrentPolicy> {
    const policy = await em.findOne(Policy, { account: accountId, region: regionId });
    return policy
      ? {
          version: policy.version,
          document: policy.document,
          updatedAt: policy.updatedAt,
          updatedById: policy.updatedBy?.id ?? null,
        }
      : { version: 0, document: DEFAULT_POLICY, updatedAt: null, updatedById: null };
  }

  async get(ctx: RequestContext, regionId: string): Promise<PolicyView> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const region = await this.region(ctx, viewer.accountId, regionId);
    return this.view(ctx.em, viewer.accountId, region.id, await this.current(ctx.em, viewer.accountId, region.id));
  }

  async update(ctx: RequestContext, input: UpdatePolicyInput): Promise<PolicyView> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_PROTECTION);
    const region = await this.region(ctx, viewer.accountId, input.regionId);
    const saved = await ctx.em.transactional(async (tx: EntityManager): Promise<CurrentPolicy> => {
      // A region's first change creates its row. Creating it (as the defaults, version 0) before
      // taking the lock makes two first changes queue on that row like any later ones, instead
      // of both inserting; a refused change rolls it back with everything else.
      await tx.execute(
        'insert into policy (id, account_id, region_id, version, document) values (?, ?, ?, 0, ?::jsonb) on conflict (account_id, region_id) do nothing',
        [uuid(), viewer.accountId, region.id, JSON.stringify(DEFAULT_POLICY)],
      );
      // Held until commit: concurrent changes of this region run one after the other, each seeing the version the previous one saved.
      const policy = await tx.findOneOrFail(
        Policy,
        { account: viewer.accountId, region: region.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (input.expectedVersion != null && input.expectedVersion !== policy.version) {
        throw await this.conflict(tx, region, policy, input.expectedVersion);
      }
      const before = policy.document;
      const document: PolicyDocument = {
        loginProtection: input.loginProtection ? { ...input.loginProtection } : before.loginProtection,
        bruteForce: input.bruteForce ? { ...input.bruteForce } : before.bruteForce,
        fimPaths: input.fimPaths ?? before.fimPaths,
        webTamper: input.webTamper ? { ...input.webTamper } : before.webTamper,
        isolateMaliciousFiles: input.isolateMaliciousFiles ?? before.isolateMaliciousFiles,
      };
      policy.version += 1;
      policy.document = document;
      policy.updatedBy = tx.getReference(User, viewer.userId, { wrapped: true });
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'UPDATE_POLICY',
        targetType: 'Region',
        targetId: region.id,
        before: before as unknown as Record<string, unknown>,
        after: { ...document, version: policy.version },
      });
      // The time is set as the row is written; flushed here so the answer shows the stored one.
      await tx.flush();
      return { version: policy.version, document, updatedAt: policy.updatedAt, updatedById: viewer.userId };
    });
    this.events.publish(Topic.POLICY_CHANGED, { accountId: viewer.accountId, regionId: region.id, version: saved.version });
    return this.view(ctx.em, viewer.accountId, region.id, saved);
  }

  /**
   * The region's agents (revoked ones aside) by server name, with whether each runs `policy`'s
   * version. A page costs three statements however long it is: the servers, their count and
   * their agents.
   */
  async agents(ctx: RequestContext, policy: PolicyView, args: PolicyAgentsArgs): Promise<Page<PolicyAgentStatus>> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const qb = ctx.em.createQueryBuilder(Server, 's').where({ account: viewer.accountId, region: policy.regionId });
    if (args.agentStatus?.length) qb.andWhere({ agentStatus: { $in: args.agentStatus } });
    if (args.upToDate == null) {
      qb.andWhere('exists (select 1 from agent a where a.server_id = s.id and a.revoked_at is null)');
    } else {
      const applied = args.upToDate ? 'a.policy_version >= ?' : '(a.policy_version is null or a.policy_version < ?)';
      qb.andWhere(`exists (select 1 from agent a where a.server_id = s.id and a.revoked_at is null and ${applied})`, [
        policy.version,
      ]);
    }
    const page = await keysetPage(qb, 's', BY_SERVER_NAME, OrderDirection.ASC, args);
    const agents = page.nodes.length
      ? await ctx.em.find(Agent, { account: viewer.accountId, server: { $in: page.nodes.map((s) => s.id) } })
      : [];
    const byServer = new Map(agents.map((a) => [a.server.id, a]));
    return {
      ...page,
      nodes: page.nodes.map((server) => {
        const appliedVersion = byServer.get(server.id)?.policyVersion ?? null;
        return {
          server,
          agentStatus: server.agentStatus,
          appliedVersion,
          upToDate: appliedVersion !== null && appliedVersion >= policy.version,
        };
      }),
    };
  }

  /** The agent applied `version`; versions only move forward. */
  async recordAck(em: EntityManager, agentId: string, version: number): Promise<void> {
    await em.execute('update agent set policy_version = ? where id = ? and (policy_version is null or policy_version < ?)', [
      version,
      agentId,
      version,
    ]);
  }

  private async region(ctx: RequestContext, accountId: string, regionId: string): Promise<Region> {
    const region = await ctx.em.findOne(Region, { id: assertId(regionId, 'regionId'), account: accountId });
    if (!region) throw notFound('Region', regionId);
    return region;
  }

  private async conflict(tx: EntityManager, region: Region, policy: Policy, expected: number) {
    const author = policy.updatedBy ? await tx.findOne(User, { id: policy.updatedBy.id }) : null;
    return badInput(
      `The policy of region ${region.name} changed since you loaded it (now version ${policy.version}${author ? `, saved by ${author.displayName}` : ''}; you had ${expected}): reload it and apply your change again.`,
      { field: 'expectedVersion', currentVersion: policy.version },
    );
  }

  private async view(em: EntityManager, accountId: string, regionId: string, current: CurrentPolicy): Promise<PolicyView> {
    const acknowledgedBy = await em.count(Agent, {
      account: accountId,
      policyVersion: { $gte: current.version },
      server: { region: regionId, agentStatus: AgentStatus.ONLINE },
    });
    return {
      regionId,
      version: current.version,
      ...structuredClone(current.document),
      acknowledgedBy,
      updatedAt: current.updatedAt,
      updatedById: current.updatedById,
    };
  }
}
