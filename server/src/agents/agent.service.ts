import { timingSafeEqual } from 'node:crypto';
import { AgentOfflineReason, AgentStatus, CloseCode, type HostFacts } from '@hss/schema';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { authorize, Permission } from '../auth/permissions.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import { notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Topic } from '../events/topics.js';
import { Server } from '../servers/server.entity.js';
import { Agent } from './agent.entity.js';
import { AgentRefused } from './agent.errors.js';
import { EnrollmentToken } from './enrollment-token.entity.js';

/** Who is on the other end of an authenticated agent connection. */
export interface AgentIdentity {
  agentId: string;
  serverId: string;
  accountId: string;
  regionId: string;
}

const HOUR_MS = 3600_000;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Agents' lives: enrollment tokens, enrollment, authentication, status, revocation. The agent
 * gateway calls the same service the GraphQL resolvers do; every status change commits first
 * and is published after.
 */
export class AgentService {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createEnrollmentToken(
    ctx: RequestContext,
    input: { regionId: string; expiresInHours?: number | null },
  ): Promise<{ token: string; expiresAt: Date; region: Region }> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_AGENTS);
    const region = await ctx.em.findOne(Region, { id: assertId(input.regionId, 'regionId'), account: viewer.accountId });
    if (!region) throw notFound('Region', input.regionId);
    const token = newSecret('hss_e');
    const row = new EnrollmentToken();
    row.account = region.account;
    row.region = ref(region);
    row.createdBy = ctx.em.getReference(User, viewer.userId, { wrapped: true });
    row.tokenHash = hashSecret(token);
    row.expiresAt = new Date(this.now().getTime() + (input.expiresInHours ?? 24) * HOUR_MS);
    await ctx.em.transactional(async (tx: EntityManager) => {
      tx.persist(row);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'CREATE_ENROLLMENT_TOKEN',
        targetType: 'Region',
        targetId: region.id,
        after: { enrollmentTokenId: row.id, expiresAt: row.expiresAt.toISOString() },
      });
    });
    return { token, expiresAt: row.expiresAt, region };
  }

  /**
   * Enrolls a host: finds its server (by machine id, else a pre-registered one by hostname or
   * IP, else a new one) and issues the agent's own credential, returned once.
   */
  async enroll(em: EntityManager, token: string, host: HostFacts): Promise<{ identity: AgentIdentity; credential: string }> {
    const now = this.now();
    const credential = newSecret('hss_a');
    const identity = await em.transactional(async (tx: EntityManager) => {
      const enrollment = await tx.findOne(EnrollmentToken, { tokenHash: hashSecret(token) });
      if (!enrollment || enrollment.expiresAt <= now) {
        throw new AgentRefused('The enrollment token is unknown or has expired. Create a new one on the Install agent page.');
      }
      const accountId = enrollment.account.id;
      const regionId = enrollment.region.id;
      let server = await tx.findOne(Server, { account: accountId, machineId: host.machineId });
      if (server && server.region.id !== regionId) {
        throw new AgentRefused(
          'This host is already registered in another region. Enroll it with a token of its own region, or remove it there first.',
        );
      }
      server ??= await tx.findOne(
        Server,
        {
          account: accountId,
          region: regionId,
          machineId: null,
          agentStatus: AgentStatus.NOT_INSTALLED,
          $or: [{ hostname: host.hostname.toLowerCase() }, ...(host.ips.length ? [{ ips: { $overlap: host.ips } }] : [])],
        },
        { orderBy: { createdAt: 'asc' } },
      );
      if (!server) {
        server = new Server();
        server.account = enrollment.account;
        server.region = enrollment.region;
        server.name = host.hostname;
        tx.persist(server);
      }
      server.hostname = host.hostname.toLowerCase();
      server.machineId = host.machineId;
      server.ips = host.ips;
      server.osName = host.osName;
      server.osVersion = host.osVersion;
      server.architecture = host.architecture;
      let agent = await tx.findOne(Agent, { server: server.id });
      if (!agent) {
        agent = new Agent();
        agent.account = enrollment.account;
        agent.server = ref(server);
        tx.persist(agent);
      }
      agent.version = host.agentVersion;
      agent.credentialHash = hashSecret(credential);
      agent.enrolledAt = now;
      agent.revokedAt = null;
      enrollment.uses += 1;
      enrollment.lastUsedAt = now;
      this.audit.record(tx, null, accountId, {
        action: 'ENROLL_AGENT',
        targetType: 'Server',
        targetId: server.id,
        after: { agentId: agent.id, hostname: server.hostname, machineId: host.machineId, enrollmentTokenId: enrollment.id },
      });
      return { agentId: agent.id, serverId: server.id, accountId, regionId };
    });
    return { identity, credential };
  }

  async authenticate(em: EntityManager, agentId: string, credential: string): Promise<AgentIdentity> {
    const agent = await em.findOne(Agent, { id: agentId }, { populate: ['server'] });
    if (!agent || !sameSecret(agent.credentialHash, hashSecret(credential))) {
      throw new AgentRefused('The agent id or credential is not valid. Enroll the agent again with a fresh token.');
    }
    if (agent.revokedAt) {
      throw new AgentRefused(
        `This agent was revoked on ${agent.revokedAt.toISOString()}. Enroll it again with a fresh token.`,
        CloseCode.REVOKED,
      );
    }
    const server = agent.server.getEntity();
    return { agentId: agent.id, serverId: server.id, accountId: agent.account.id, regionId: server.region.id };
  }

  /** The agent is on `connectionId` now; any older connection is asked to close. */
  async markOnline(em: EntityManager, identity: AgentIdentity, connectionId: string): Promise<void> {
    const now = this.now();
    const changed = await em.transactional(async (tx: EntityManager) => {
      await tx.nativeUpdate(Agent, { id: identity.agentId }, { connectionId, lastSeenAt: now });
      return tx.nativeUpdate(
        Server,
        { id: identity.serverId, agentStatus: { $ne: AgentStatus.ONLINE } },
        { agentStatus: AgentStatus.ONLINE, agentOfflineReason: null, agentStatusSince: now },
      );
    });
    const scope = { accountId: identity.accountId, regionId: identity.regionId, serverId: identity.serverId };
    this.events.publish(Topic.AGENT_DISCONNECT_REQUESTED, {
      ...scope,
      agentId: identity.agentId,
      reason: AgentOfflineReason.REPLACED,
      keepConnectionId: connectionId,
    });
    if (changed) {
      this.events.publish(Topic.AGENT_STATUS_CHANGED, {
        ...scope,
        status: AgentStatus.ONLINE,
        offlineReason: null,
        since: now.toISOString(),
      });
    }
  }

  /**
   * Marks agents OFFLINE, unless they are already on another connection: one statement for the
   * whole batch, so that a network drop that closes thousands of connections at once costs a
   * handful of transactions rather than one each. Returns how many servers went OFFLINE.
   */
  async markOffline(
    em: EntityManager,
    closed: { identity: AgentIdentity; connectionId: string; reason: AgentOfflineReason }[],
  ): Promise<number> {
    if (!closed.length) return 0;
    const now = this.now();
    const rows = await em.execute<{ id: string; reason: AgentOfflineReason }[]>(
      `with closing as (
         select * from jsonb_to_recordset(?::jsonb) as c(agent_id uuid, connection_id text, reason text)),
       released as (
         update agent a set connection_id = null, last_seen_at = ?
           from closing c where a.id = c.agent_id and a.connection_id = c.connection_id
         returning a.server_id, c.reason)
       update server s set agent_status = ?, agent_offline_reason = r.reason, agent_status_since = ?
         from released r where s.id = r.server_id and s.agent_status = ?
       returning s.id, r.reason`,
      [
        JSON.stringify(closed.map((c) => ({ agent_id: c.identity.agentId, connection_id: c.connectionId, reason: c.reason }))),
        now,
        AgentStatus.OFFLINE,
        now,
        AgentStatus.ONLINE,
      ],
    );
    const byServer = new Map(closed.map((c) => [c.identity.serverId, c.identity]));
    for (const row of rows) this.publishOffline(byServer.get(row.id)!, row.reason, now);
    return rows.length;
  }

  /** Revocation is immediate: the credential is refused from now on and the socket is closed. */
  async revokeAgent(ctx: RequestContext, serverId: string): Promise<Server> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_AGENTS);
    const now = this.now();
    const { server, agent } = await ctx.em.transactional(async (tx: EntityManager) => {
      const server = await tx.findOne(Server, { id: assertId(serverId, 'serverId'), account: viewer.accountId });
      if (!server) throw notFound('Server', serverId);
      const agent = await tx.findOne(Agent, { server: server.id });
      if (!agent) throw notFound('Agent of server', serverId);
      const before = { agentStatus: server.agentStatus, revokedAt: agent.revokedAt?.toISOString() ?? null };
      agent.revokedAt = now;
      agent.connectionId = null;
      if (server.agentStatus !== AgentStatus.NOT_INSTALLED) {
        server.agentStatus = AgentStatus.OFFLINE;
        server.agentOfflineReason = AgentOfflineReason.REVOKED;
        server.agentStatusSince = now;
      }
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'REVOKE_AGENT',
        targetType: 'Server',
        targetId: server.id,
        before,
        after: { agentStatus: server.agentStatus, revokedAt: now.toISOString() },
      });
      return { server, agent };
    });
    const identity = { agentId: agent.id, serverId: server.id, accountId: viewer.accountId, regionId: server.region.id };
    this.events.publish(Topic.AGENT_DISCONNECT_REQUESTED, {
      accountId: identity.accountId,
      regionId: identity.regionId,
      serverId: identity.serverId,
      agentId: agent.id,
      reason: AgentOfflineReason.REVOKED,
      keepConnectionId: null,
    });
    this.publishOffline(identity, AgentOfflineReason.REVOKED, now);
    return server;
  }

  /** Writes the last-seen times gathered since the last flush, in one statement. */
  async flushLastSeen(em: EntityManager, seen: Map<string, Date>): Promise<void> {
    if (!seen.size) return;
    const values = [...seen].flat();
    await em.execute(
      `update agent a set last_seen_at = v.seen from (values ${[...seen].map(() => '(?::uuid, ?::timestamptz)').join(', ')}) as v(id, seen)
        where a.id = v.id and (a.last_seen_at is null or a.last_seen_at < v.seen)`,
      values,
    );
  }

  /**
   * Agents marked ONLINE that nobody has heard from within `timeoutMs` become OFFLINE: a
   * connection lost without a close, or a control plane that crashed and restarted.
   */
  async sweepSilentAgents(em: EntityManager, timeoutMs: number): Promise<number> {
    const now = this.now();
    const cutoff = new Date(now.getTime() - timeoutMs);
    const rows = await em.transactional((tx: EntityManager) =>
      tx.execute<{ id: string; account_id: string; region_id: string; agent_id: string }[]>(
        `with silent as (
           select s.id, a.id as agent_id from server s join agent a on a.server_id = s.id
            where s.agent_status = 'ONLINE' and (a.last_seen_at is null or a.last_seen_at < ?)
            for update of s skip locked),
         released as (update agent a set connection_id = null from silent where a.id = silent.agent_id)
         update server s set agent_status = 'OFFLINE', agent_offline_reason = ?, agent_status_since = ?
           from silent where s.id = silent.id
         returning s.id, s.account_id, s.region_id, silent.agent_id`,
        [cutoff, AgentOfflineReason.HEARTBEAT_TIMEOUT, now],
      ),
    );
    for (const row of rows) {
      const identity = { agentId: row.agent_id, serverId: row.id, accountId: row.account_id, regionId: row.region_id };
      this.publishOffline(identity, AgentOfflineReason.HEARTBEAT_TIMEOUT, now);
    }
    return rows.length;
  }

  private publishOffline(identity: AgentIdentity, reason: AgentOfflineReason, at: Date): void {
    this.events.publish(Topic.AGENT_STATUS_CHANGED, {
      accountId: identity.accountId,
      regionId: identity.regionId,
      serverId: identity.serverId,
      status: AgentStatus.OFFLINE,
      offlineReason: reason,
      since: at.toISOString(),
    });
  }
}
