import { timingSafeEqual } from 'node:crypto';
import { AgentOfflineReason, AgentStatus, CloseCode, type HostFacts } from '@hss/schema';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { authorize, Permission } from '../auth/permissions.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import { badInput, notFound } from '../common/errors.js';
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

/** An authenticated (or just enrolled) agent, and what the gateway needs to serve it. */
export interface AuthenticatedAgent {
  identity: AgentIdentity;
  /** The highest frame sequence number accepted from the agent so far. */
  lastSeq: number;
  /** A new credential is waiting to be handed over on this connection. */
  rotationDue: boolean;
}

/** The host that holds the credential's live connection, when another host presents it too. */
export interface CredentialInUse {
  machineId: string;
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
    input: { regionId: string; expiresInHours?: number | null; maxUses?: number | null },
  ): Promise<{ token: string; expiresAt: Date; maxUses: number | null; region: Region }> {
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
    row.maxUses = input.maxUses ?? null;
    await ctx.em.transactional(async (tx: EntityManager) => {
      tx.persist(row);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'CREATE_ENROLLMENT_TOKEN',
        targetType: 'Region',
        targetId: region.id,
        after: { enrollmentTokenId: row.id, expiresAt: row.expiresAt.toISOString(), maxUses: row.maxUses },
      });
    });
    return { token, expiresAt: row.expiresAt, maxUses: row.maxUses, region };
  }

  /**
   * Enrolls a host: finds its server (by machine id, else a pre-registered one by hostname or
   * IP, else a new one) and issues the agent's own credential, returned once.
   */
  async enroll(em: EntityManager, token: string, host: HostFacts): Promise<AuthenticatedAgent & { credential: string }> {
    const now = this.now();
    const credential = newSecret('hss_a');
    const identity = await em.transactional(async (tx: EntityManager) => {
      const enrollment = await tx.findOne(EnrollmentToken, { tokenHash: hashSecret(token) });
      if (!enrollment || enrollment.expiresAt <= now) {
        throw new AgentRefused('The enrollment token is unknown or has expired. Create a new one on the Install agent page.');
      }
      // Counted in the database, not from the row read above: of two hosts racing for the last
      // use, the second waits on the first one's row lock and then finds none left.
      const counted = await tx.execute<{ uses: number }[]>(
        `update enrollment_token set uses = uses + 1, last_used_at = ?
          where id = ? and (max_uses is null or uses < max_uses) returning uses`,
        [now, enrollment.id],
      );
      if (!counted.length) {
        throw new AgentRefused(
          `This enrollment token has been used for all of its ${enrollment.maxUses} enrollment(s). Create a new token on the Install agent page.`,
        );
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
      agent.pendingCredentialHash = null;
      agent.credentialRotationRequestedAt = null;
      agent.enrolledAt = now;
      agent.revokedAt = null;
      // A new credential starts a new sequence: the re-installed agent counts from the start.
      agent.lastSeq = 0;
      this.audit.record(tx, null, accountId, {
        action: 'ENROLL_AGENT',
        targetType: 'Server',
        targetId: server.id,
        after: { agentId: agent.id, hostname: server.hostname, machineId: host.machineId, enrollmentTokenId: enrollment.id },
      });
      return { agentId: agent.id, serverId: server.id, accountId, regionId };
    });
    return { identity, credential, lastSeq: 0, rotationDue: false };
  }

  /**
   * Checks an agent's credential. During a rotation the new credential is accepted too, and
   * presenting it completes the rotation: the agent stored it, only its acknowledgement was lost.
   */
  async authenticate(em: EntityManager, agentId: string, credential: string): Promise<AuthenticatedAgent> {
    const agent = await em.findOne(Agent, { id: agentId }, { populate: ['server'] });
    const hash = hashSecret(credential);
    const current = agent !== null && sameSecret(agent.credentialHash, hash);
    const rotated = agent?.pendingCredentialHash != null && sameSecret(agent.pendingCredentialHash, hash);
    if (!agent || (!current && !rotated)) {
      throw new AgentRefused('The agent id or credential is not valid. Enroll the agent again with a fresh token.');
    }
    if (agent.revokedAt) {
      throw new AgentRefused(
        `This agent was revoked on ${agent.revokedAt.toISOString()}. Enroll it again with a fresh token.`,
        CloseCode.REVOKED,
      );
    }
    const server = agent.server.getEntity();
    const identity = { agentId: agent.id, serverId: server.id, accountId: agent.account.id, regionId: server.region.id };
    if (rotated) await this.completeRotation(em, identity, hash);
    return {
      identity,
      lastSeq: agent.lastSeq,
      // Authenticated with the old credential while a new one was out: the agent never stored
      // it, so a fresh one is handed over.
      rotationDue: !rotated && (agent.credentialRotationRequestedAt !== null || agent.pendingCredentialHash !== null),
    };
  }

  /**
   * The agent is on `connectionId` now; any older connection is asked to close. Unless another
   * machine holds the credential's live connection: then nothing changes, and the caller refuses
   * the newcomer (the same machine reconnecting after a network flap simply replaces its old one).
   */
  async markOnline(
    em: EntityManager,
    identity: AgentIdentity,
    connectionId: string,
    machineId: string,
  ): Promise<CredentialInUse | null> {
    const now = this.now();
    const outcome = await em.transactional(async (tx: EntityManager) => {
      const [live] = await tx.execute<{ connection_id: string | null; connection_machine_id: string | null }[]>(
        'select connection_id, connection_machine_id from agent where id = ? for update',
        [identity.agentId],
      );
      if (live?.connection_id && live.connection_machine_id && live.connection_machine_id !== machineId) {
        return { inUse: { machineId: live.connection_machine_id }, changed: 0 };
      }
      await tx.nativeUpdate(Agent, { id: identity.agentId }, { connectionId, connectionMachineId: machineId, lastSeenAt: now });
      const changed = await tx.nativeUpdate(
        Server,
        { id: identity.serverId, agentStatus: { $ne: AgentStatus.ONLINE } },
        { agentStatus: AgentStatus.ONLINE, agentOfflineReason: null, agentStatusSince: now },
      );
      return { inUse: null, changed };
    });
    if (outcome.inUse) return outcome.inUse;
    const scope = { accountId: identity.accountId, regionId: identity.regionId, serverId: identity.serverId };
    this.events.publish(Topic.AGENT_DISCONNECT_REQUESTED, {
      ...scope,
      agentId: identity.agentId,
      reason: AgentOfflineReason.REPLACED,
      keepConnectionId: connectionId,
    });
    if (outcome.changed) {
      this.events.publish(Topic.AGENT_STATUS_CHANGED, {
        ...scope,
        status: AgentStatus.ONLINE,
        offlineReason: null,
        since: now.toISOString(),
      });
    }
    return null;
  }

  /**
   * An operator asks for a new agent credential. It is created and handed over by the gateway
   * that holds the agent's connection (now, or on its next connection), so the secret never
   * travels through the event bus.
   */
  async requestCredentialRotation(ctx: RequestContext, serverId: string): Promise<{ server: Server; delivering: boolean }> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_AGENTS);
    const now = this.now();
    const { server, agent } = await ctx.em.transactional(async (tx: EntityManager) => {
      const server = await tx.findOne(Server, { id: assertId(serverId, 'serverId'), account: viewer.accountId });
      if (!server) throw notFound('Server', serverId);
      const agent = await tx.findOne(Agent, { server: server.id });
      if (!agent) throw notFound('Agent of server', serverId);
      if (agent.revokedAt) {
        throw badInput('This agent was revoked; it has no credential to rotate. Enroll the host again with a fresh token.');
      }
      agent.credentialRotationRequestedAt = now;
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'ROTATE_AGENT_CREDENTIAL',
        targetType: 'Server',
        targetId: server.id,
        before: { credentialRotatedAt: agent.credentialRotatedAt?.toISOString() ?? null },
        after: { agentId: agent.id, credentialRotationRequestedAt: now.toISOString() },
      });
      return { server, agent };
    });
    this.events.publish(Topic.AGENT_CREDENTIAL_ROTATION_REQUESTED, {
      accountId: viewer.accountId,
      regionId: server.region.id,
      serverId: server.id,
      agentId: agent.id,
    });
    return { server, delivering: server.agentStatus === AgentStatus.ONLINE };
  }

  /**
   * Creates the agent's next credential and keeps its hash beside the current one; returns the
   * credential to send over the agent's authenticated connection.
   */
  async beginRotation(em: EntityManager, identity: AgentIdentity): Promise<{ credential: string; hash: string } | null> {
    const credential = newSecret('hss_a');
    const hash = hashSecret(credential);
    const updated = await em.nativeUpdate(Agent, { id: identity.agentId, revokedAt: null }, { pendingCredentialHash: hash });
    return updated ? { credential, hash } : null;
  }

  /**
   * The agent stored its new credential (it acknowledged it, or authenticated with it): from now
   * on only the new one is accepted. False when that credential is no longer the pending one.
   */
  async completeRotation(em: EntityManager, identity: AgentIdentity, hash: string): Promise<boolean> {
    const now = this.now();
    const done = await em.transactional(async (tx: EntityManager) => {
      const rows = await tx.execute(
        `update agent set credential_hash = pending_credential_hash, pending_credential_hash = null,
                credential_rotation_requested_at = null, credential_rotated_at = ?
          where id = ? and pending_credential_hash = ? returning id`,
        [now, identity.agentId, hash],
      );
      if (!rows.length) return false;
      this.audit.record(tx, null, identity.accountId, {
        action: 'AGENT_CREDENTIAL_ROTATED',
        targetType: 'Server',
        targetId: identity.serverId,
        after: { agentId: identity.agentId, credentialRotatedAt: now.toISOString() },
      });
      return true;
    });
    return done;
  }

  /** Whether a report with this message id was stored before (a resend, not a replay). */
  async delivered(em: EntityManager, agentId: string, messageId: string): Promise<boolean> {
    const rows = await em.execute('select 1 from agent_message where agent_id = ? and message_id = ?', [agentId, messageId]);
    return rows.length > 0;
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

  /**
   * Writes the last-seen times and highest sequence numbers gathered since the last flush, in
   * one statement.
   */
  async flushLastSeen(em: EntityManager, seen: Map<string, { at: Date; seq: number }>): Promise<void> {
    if (!seen.size) return;
    const values = [...seen].flatMap(([id, { at, seq }]) => [id, at, seq]);
    await em.execute(
      `update agent a set last_seen_at = greatest(a.last_seen_at, v.seen), last_seq = greatest(a.last_seq, v.seq)
         from (values ${[...seen].map(() => '(?::uuid, ?::timestamptz, ?::bigint)').join(', ')}) as v(id, seen, seq)
        where a.id = v.id`,
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
            for update of s, a skip locked),
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
