import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { type AddressInfo, isIP } from 'node:net';
import {
  AgentOfflineReason,
  AlarmType,
  CloseCode,
  frame,
  type HostFacts,
  MAX_FRAME_BYTES,
  MessageType,
  ProtocolErrorCode,
  Severity,
} from '@hss/schema';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { type RawData, WebSocketServer } from 'ws';
import type { AgentIdentity } from '../agents/agent.service.js';
import type { EventBus } from '../events/event-bus.js';
import { Topic, type TopicPayloads } from '../events/topics.js';
import type { Services } from '../services.js';
import { AgentSession } from './agent-session.js';
import { OfflineBatcher } from './offline-batcher.js';
import { createReportRouter } from './report-router.js';

export interface GatewayOptions {
  orm: MikroORM;
  services: Services;
  events: EventBus;
  log: Logger;
  port: number;
  tls?: { certFile: string; keyFile: string } | undefined;
  heartbeatIntervalSeconds: number;
  heartbeatTimeoutMs: number;
  authTimeoutMs: number;
  /** Sustained messages per second per connection, and the burst allowed above it. */
  messageRate: { perSecond: number; burst: number };
  /** How often last-seen times are written, and silent agents swept. */
  flushIntervalMs: number;
}

export interface Gateway {
  url: string;
  sessionCount(): number;
  stop(): Promise<void>;
}

/** A token bucket per connection: cheap, and fair to agents that burst after a reconnect. */
class RateLimiter {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly rate: { perSecond: number; burst: number }) {
    this.tokens = rate.burst;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * The agent channel's listener: its own port, WebSocket with TLS when configured, one
 * AgentSession per connection. Also the gateway's background work: batched last-seen writes,
 * the sweep of silent agents, and closing connections that were replaced or revoked anywhere.
 */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const { log, services } = opts;
  const em = () => opts.orm.em.fork();
  const storeReport = createReportRouter(services, em);
  const offline = new OfflineBatcher((batch) => services.agents.markOffline(em(), batch), log);
  const server = opts.tls
    ? https.createServer({ cert: fs.readFileSync(opts.tls.certFile), key: fs.readFileSync(opts.tls.keyFile) })
    : http.createServer();
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('This port speaks the HSS agent protocol over WebSocket.\n');
  });
  const wss = new WebSocketServer({ server, maxPayload: MAX_FRAME_BYTES });
  const sessions = new Set<AgentSession>();
  const byAgent = new Map<string, Set<AgentSession>>();
  const byServer = new Map<string, AgentSession>();

  /** Hands the server's queued scan tasks to its agent. */
  const deliverScans = async (session: AgentSession) => {
    for (const task of await services.scans.takeQueued(em(), session.identity!.serverId)) {
      session.send(MessageType.SCAN_TASK, { scanTaskId: task.id, kind: 'FULL' });
    }
  };
  /** Sends the region's current policy; the agent's ack (to `policy.v<version>…`) is recorded. */
  const pushPolicy = async (session: AgentSession) => {
    const { accountId, regionId } = session.identity!;
    const current = await services.policies.current(em(), accountId, regionId);
    session.send(
      MessageType.POLICY,
      { version: current.version, policy: current.document as unknown as Record<string, unknown> },
      { id: `policy.v${current.version}.${session.connectionId.slice(0, 8)}` },
    );
  };
  const onAgentAck = async (session: AgentSession, ackId: string) => {
    const version = /^policy\.v(\d+)\./.exec(ackId)?.[1];
    if (version !== undefined) await services.policies.recordAck(em(), session.identity!.agentId, Number(version));
  };
  const background = (what: string, work: () => Promise<void>) =>
    void work().catch((err) => log.error({ err, what }, 'agent gateway background work failed'));
  let seen = new Map<string, { at: Date; seq: number }>();
  /** Batches being written: until they commit, the database does not know these seqs yet. */
  const flushing = new Set<Map<string, { at: Date; seq: number }>>();
  const knownSeq = (agentId: string) => {
    let seq = seen.get(agentId)?.seq ?? 0;
    for (const batch of flushing) seq = Math.max(seq, batch.get(agentId)?.seq ?? 0);
    for (const s of byAgent.get(agentId) ?? []) seq = Math.max(seq, s.lastSeq);
    return seq;
  };
  /**
   * One CREDENTIAL_REUSE alarm per server per hour at most: the hour is the alarm's message id,
   * and a message id is stored once (the same rule that deduplicates agents' resent reports).
   */
  const raiseCredentialReuse = async (
    identity: AgentIdentity,
    newcomer: { host: HostFacts; remoteAddress: string | null },
  ): Promise<void> => {
    const now = new Date();
    const hour = now
      .toISOString()
      .slice(0, 13)
      .replace(/[^0-9]/g, '');
    const sourceIp = newcomer.remoteAddress && isIP(newcomer.remoteAddress) ? newcomer.remoteAddress : undefined;
    await services.alarms
      .raise(em(), identity, `credential-reuse.${hour}`, {
        type: AlarmType.CREDENTIAL_REUSE,
        severity: Severity.HIGH,
        title: `This server's agent credential was presented by another host (${newcomer.host.hostname}${sourceIp ? `, ${sourceIp}` : ''})`,
        ...(sourceIp ? { sourceIp } : {}),
        occurredAt: now.toISOString(),
        detail: {
          hostname: newcomer.host.hostname,
          machineId: newcomer.host.machineId,
          ips: newcomer.host.ips,
          agentVersion: newcomer.host.agentVersion,
          remoteAddress: newcomer.remoteAddress,
        },
      })
      .catch((err) => log.error({ err, serverId: identity.serverId }, 'could not raise the credential reuse alarm'));
  };

  wss.on('connection', (socket, request) => {
    const limiter = new RateLimiter(opts.messageRate);
    const session = new AgentSession(
      {
        send: (data) => socket.send(data),
        close: (code, reason) => socket.close(code, reason),
        remoteAddress: request.socket.remoteAddress,
      },
      {
        agents: services.agents,
        em,
        storeReport,
        onAgentAck,
        markOffline: (closed) => offline.add(closed),
        log,
        heartbeatIntervalSeconds: opts.heartbeatIntervalSeconds,
        heartbeatTimeoutMs: opts.heartbeatTimeoutMs,
        authTimeoutMs: opts.authTimeoutMs,
        onReady: (s) => {
          const { agentId, serverId } = s.identity!;
          if (!byAgent.has(agentId)) byAgent.set(agentId, new Set());
          byAgent.get(agentId)!.add(s);
          byServer.set(serverId, s);
          background('deliver policy and scans', async () => {
            await pushPolicy(s);
            await deliverScans(s);
          });
        },
        onSeen: (s) => seen.set(s.identity!.agentId, { at: new Date(), seq: s.lastSeq }),
        knownSeq,
        onCredentialInUse: raiseCredentialReuse,
        onClosed: (s) => {
          sessions.delete(s);
          if (!s.identity) return;
          byAgent.get(s.identity.agentId)?.delete(s);
          if (byServer.get(s.identity.serverId) === s) byServer.delete(s.identity.serverId);
        },
      },
    );
    sessions.add(session);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!limiter.take()) {
        const reason = `More than ${opts.messageRate.perSecond} messages per second; slow down.`;
        socket.send(JSON.stringify(frame(MessageType.ERROR, { code: ProtocolErrorCode.RATE_LIMITED, message: reason })));
        session.close(CloseCode.RATE_LIMITED, reason);
        return;
      }
      if (isBinary) {
        const reason = 'Frames must be text (JSON).';
        socket.send(JSON.stringify(frame(MessageType.ERROR, { code: ProtocolErrorCode.INVALID_FRAME, message: reason })));
        session.close(CloseCode.PROTOCOL_ERROR, reason);
        return;
      }
      void session.receive(data.toString());
    });
    socket.on('close', () => void session.closed());
    socket.on('error', (err) => {
      // ws closes with 1009 itself on an oversized frame; say which limit it was.
      log.debug({ err: { message: err.message }, connectionId: session.connectionId }, 'agent socket error');
    });
  });

  const listeners = [
    listen(opts.events, Topic.AGENT_DISCONNECT_REQUESTED, log, async (request) => {
      for (const s of byAgent.get(request.agentId) ?? []) {
        if (s.connectionId === request.keepConnectionId) continue;
        if (request.reason === AgentOfflineReason.REVOKED) {
          s.close(CloseCode.REVOKED, 'This agent was revoked by an operator.', AgentOfflineReason.REVOKED);
        } else {
          s.close(CloseCode.REPLACED, 'Another connection authenticated with this credential.', AgentOfflineReason.REPLACED);
        }
      }
    }),
    listen(opts.events, Topic.AGENT_CREDENTIAL_ROTATION_REQUESTED, log, async (requested) => {
      for (const s of byAgent.get(requested.agentId) ?? []) await s.rotateCredential();
    }),
    listen(opts.events, Topic.SCAN_QUEUED, log, async (queued) => {
      const session = byServer.get(queued.serverId);
      if (session?.ready) await deliverScans(session);
    }),
    listen(opts.events, Topic.POLICY_CHANGED, log, async (changed) => {
      for (const session of byServer.values()) {
        const id = session.identity;
        if (session.ready && id?.accountId === changed.accountId && id.regionId === changed.regionId) await pushPolicy(session);
      }
    }),
  ];

  const housekeeping = setInterval(async () => {
    const batch = seen;
    seen = new Map();
    flushing.add(batch);
    try {
      await services.agents.flushLastSeen(em(), batch);
      await services.agents.sweepSilentAgents(em(), opts.heartbeatTimeoutMs);
    } catch (err) {
      log.error({ err }, 'agent last-seen flush or sweep failed');
    } finally {
      flushing.delete(batch);
    }
  }, opts.flushIntervalMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'wss' : 'ws'}://127.0.0.1:${port}`;
  log.info({ port, tls: Boolean(opts.tls) }, `agent gateway on ${url}`);

  return {
    url,
    sessionCount: () => sessions.size,
    async stop() {
      clearInterval(housekeeping);
      for (const stop of listeners) await stop();
      for (const s of sessions) {
        s.close(
          CloseCode.GOING_AWAY,
          'The control plane is shutting down; reconnect later.',
          AgentOfflineReason.CONTROL_PLANE_RESTART,
        );
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.agents.flushLastSeen(em(), seen).catch(() => {});
      await offline.drain();
    },
  };
}

/** Runs `handle` for every event of `topic` until the returned stop function is called. */
function listen<T extends Topic>(
  events: EventBus,
  topic: T,
  log: Logger,
  handle: (payload: TopicPayloads[T]) => Promise<void>,
): () => Promise<void> {
  const iterator = events.subscribe(topic)[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      await handle(next.value).catch((err) => log.error({ err, topic }, 'agent gateway event handling failed'));
    }
  })();
  return async () => {
    await iterator.return?.();
  };
}
