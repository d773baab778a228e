import { randomUUID } from 'node:crypto';
import {
  AgentOfflineReason,
  CloseCode,
  frame,
  type HostFacts,
  type Message,
  MessageType,
  type Payloads,
  ProtocolErrorCode,
  parseFrame,
} from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { AgentRefused } from '../agents/agent.errors.js';
import type { AgentIdentity, AgentService, AuthenticatedAgent } from '../agents/agent.service.js';
import { REPORT_TYPES, type ReportMessage } from './report-router.js';

/** What a session needs from its connection; the WebSocket adapter provides it. */
export interface Transport {
  send(data: string): void;
  close(code: CloseCode, reason: string): void;
  /** The peer's IP address, for alarms about it. */
  readonly remoteAddress?: string | undefined;
}

export interface SessionOptions {
  agents: AgentService;
  em: () => EntityManager;
  log: Logger;
  heartbeatIntervalSeconds: number;
  heartbeatTimeoutMs: number;
  authTimeoutMs: number;
  /** Called once the agent is authenticated and marked ONLINE. */
  onReady(session: AgentSession): void;
  /** Called for every frame of an authenticated agent (for batched last-seen times). */
  onSeen(session: AgentSession): void;
  /** Stores a report; resolves once it is committed, when it is acknowledged. */
  storeReport(identity: AgentIdentity, message: ReportMessage): Promise<void>;
  /** The connection of an authenticated agent ended: it is marked OFFLINE (in batches). */
  markOffline(closed: { identity: AgentIdentity; connectionId: string; reason: AgentOfflineReason }): Promise<void>;
  /** The agent acknowledged one of our messages (a policy). */
  onAgentAck(session: AgentSession, ackId: string): Promise<void>;
  onClosed(session: AgentSession): void;
  /** The highest seq this gateway accepted from the agent and may not have written yet. */
  knownSeq(agentId: string): number;
  /** Another machine presented the credential of a live connection: it is refused; raise the alarm. */
  onCredentialInUse(identity: AgentIdentity, newcomer: { host: HostFacts; remoteAddress: string | null }): Promise<void>;
}

type State = 'awaiting-auth' | 'authenticating' | 'ready' | 'closed';

/**
 * One agent connection, independent of the transport (graphql-ws's `server.ts` is the model):
 * it validates every frame, runs the handshake, and turns what happens into domain calls.
 * Frames are handled one at a time, in order.
 */
export class AgentSession {
  readonly connectionId = randomUUID();
  identity: AgentIdentity | null = null;
  /** The highest frame sequence number accepted from this agent, on any connection. */
  lastSeq = 0;
  private state: State = 'awaiting-auth';
  /** A new credential sent and not acknowledged yet: the frame id the ack names, and its hash. */
  private rotation: { frameId: string; hash: string } | null = null;
  private rotationStarting = false;
  private queue: Promise<void> = Promise.resolve();
  private authTimer: NodeJS.Timeout;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** Why we closed, when we did; a close by the peer is CONNECTION_CLOSED. */
  private closeReason: AgentOfflineReason | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly opts: SessionOptions,
  ) {
    this.authTimer = setTimeout(
      () => this.close(CloseCode.AUTH_TIMEOUT, `Authenticate or enroll within ${opts.authTimeoutMs} ms of connecting.`),
      opts.authTimeoutMs,
    );
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Queues one text frame for handling. */
  receive(data: string): Promise<void> {
    this.queue = this.queue
      .then(() => this.handle(data))
      .catch((err) => {
        this.opts.log.error({ err, connectionId: this.connectionId }, 'agent frame handling failed');
        this.sendError(ProtocolErrorCode.INTERNAL, 'The control plane could not handle this frame; it will be retried.');
      });
    return this.queue;
  }

  /** Sends a message; `id` names it when the agent's ack must be matched to it. */
  send<T extends MessageType>(type: T, payload: Payloads[T], opts: { replyTo?: string; id?: string } = {}): void {
    if (this.state === 'closed') return;
    const id = opts.id ?? (opts.replyTo ? `${opts.replyTo}.r` : undefined);
    this.transport.send(JSON.stringify(frame(type, payload, id ? { id } : {})));
  }

  /** Closes from our side, with a protocol close code and a reason the agent logs. */
  close(code: CloseCode, reason: string, offlineReason: AgentOfflineReason = AgentOfflineReason.CONNECTION_CLOSED): void {
    if (this.state === 'closed') return;
    this.closeReason = offlineReason;
    this.transport.close(code, reason.slice(0, 120));
    void this.closed();
  }

  /** The transport is gone (either side closed it). */
  async closed(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.authTimer);
    clearTimeout(this.heartbeatTimer);
    this.opts.onClosed(this);
    const reason = this.closeReason ?? AgentOfflineReason.CONNECTION_CLOSED;
    // Replaced and revoked agents are accounted for by whoever replaced or revoked them; on a
    // shutdown, agents get the heartbeat timeout to reconnect before the sweep marks them.
    const settledElsewhere = [AgentOfflineReason.REPLACED, AgentOfflineReason.REVOKED, AgentOfflineReason.CONTROL_PLANE_RESTART];
    if (this.identity && !settledElsewhere.includes(reason)) {
      await this.queue;
      await this.opts.markOffline({ identity: this.identity, connectionId: this.connectionId, reason });
    }
  }

  private async handle(data: string): Promise<void> {
    if (this.state === 'closed') return;
    const parsed = parseFrame(data);
    if (!parsed.ok) {
      this.sendError(parsed.code, parsed.error, parsed.id);
      this.close(parsed.close, parsed.error);
      return;
    }
    const message = parsed.message;
    if (this.state === 'awaiting-auth') return this.handshake(message);
    if (this.state !== 'ready') return;
    if (message.seq === undefined) {
      const error = `Every frame after the handshake needs "seq", a number above the last one sent (welcome.lastSeq is ${this.lastSeq}).`;
      this.sendError(ProtocolErrorCode.INVALID_FRAME, error, message.id);
      this.close(CloseCode.PROTOCOL_ERROR, error);
      return;
    }
    if (message.seq <= this.lastSeq) return this.outOfSequence(message, message.seq);
    this.lastSeq = message.seq;
    this.resetHeartbeatTimer();
    this.opts.onSeen(this);
    switch (message.type) {
      case MessageType.HEARTBEAT:
        return;
      case MessageType.INVENTORY:
      case MessageType.FINDINGS:
      case MessageType.ALARM:
      case MessageType.SCAN_PROGRESS:
        // Acknowledged only after the commit: until then the agent keeps the report on disk.
        await this.opts.storeReport(this.identity!, message);
        this.send(MessageType.ACK, { ackId: message.id }, { replyTo: message.id });
        return;
      case MessageType.ACK:
        if (this.rotation?.frameId === message.payload.ackId) {
          const { hash } = this.rotation;
          this.rotation = null;
          if (await this.opts.agents.completeRotation(this.opts.em(), this.identity!, hash)) {
            this.opts.log.info(
              { agentId: this.identity!.agentId, serverId: this.identity!.serverId },
              'agent credential rotated',
            );
          }
          return;
        }
        await this.opts.onAgentAck(this, message.payload.ackId);
        return;
      case MessageType.REQUEST_ROTATION:
        await this.rotateCredential();
        return;
      case MessageType.ENROLL:
      case MessageType.AUTHENTICATE:
        this.sendError(ProtocolErrorCode.UNEXPECTED_MESSAGE, 'This connection is already authenticated.', message.id);
        return;
      default:
        this.sendError(ProtocolErrorCode.UNEXPECTED_MESSAGE, `Agents do not send "${message.type}" messages.`, message.id);
    }
  }

  /**
   * Sends the agent a new credential. Its hash is kept beside the current one until the agent
   * acknowledges this frame, which it does only after storing the credential on disk.
   */
  async rotateCredential(): Promise<void> {
    // One at a time: two overlapping ones could leave the agent holding a credential whose hash
    // the other one overwrote.
    if (this.state !== 'ready' || this.rotation || this.rotationStarting) return;
    this.rotationStarting = true;
    try {
      const next = await this.opts.agents.beginRotation(this.opts.em(), this.identity!);
      if (!next || this.state !== 'ready') return;
      const frameId = `rotate.${randomUUID()}`;
      this.rotation = { frameId, hash: next.hash };
      this.send(MessageType.ROTATE_CREDENTIAL, { credential: next.credential }, { id: frameId });
    } finally {
      this.rotationStarting = false;
    }
  }

  /**
   * A frame whose seq is not above the last accepted one. A report stored before is a
   * retransmission and is acknowledged again (nothing is stored twice); anything else is a
   * replay or a broken counter: dropped, logged, answered, and the connection closed, so that
   * the agent reconnects and continues above `welcome.lastSeq`.
   */
  private async outOfSequence(message: Message, seq: number): Promise<void> {
    const identity = this.identity!;
    if (REPORT_TYPES.has(message.type) && (await this.opts.agents.delivered(this.opts.em(), identity.agentId, message.id))) {
      this.send(MessageType.ACK, { ackId: message.id }, { replyTo: message.id });
      return;
    }
    this.opts.log.warn(
      {
        agentId: identity.agentId,
        serverId: identity.serverId,
        connectionId: this.connectionId,
        type: message.type,
        messageId: message.id,
        seq,
        lastSeq: this.lastSeq,
      },
      'dropped an agent frame out of sequence (a replay, or a counter that went back)',
    );
    const error = `Frame seq ${seq} is not above ${this.lastSeq}, the last accepted from this agent; it was dropped. Reconnect and number frames above welcome.lastSeq.`;
    this.sendError(ProtocolErrorCode.OUT_OF_SEQUENCE, error, message.id);
    this.close(CloseCode.PROTOCOL_ERROR, error);
  }

  private async handshake(message: Message): Promise<void> {
    if (message.type !== MessageType.ENROLL && message.type !== MessageType.AUTHENTICATE) {
      const error = `The first frame must be "enroll" or "authenticate", not "${message.type}".`;
      this.sendError(ProtocolErrorCode.NOT_AUTHENTICATED, error, message.id);
      this.close(CloseCode.PROTOCOL_ERROR, error);
      return;
    }
    this.state = 'authenticating';
    const host = message.payload.host;
    try {
      let credential: string | undefined;
      let agent: AuthenticatedAgent;
      // Taken before the database is read: a seq this gateway holds is then either still held
      // here or already committed when the read starts.
      let heldSeq = 0;
      if (message.type === MessageType.ENROLL) {
        const enrolled = await this.opts.agents.enroll(this.opts.em(), message.payload.token, host);
        agent = enrolled;
        credential = enrolled.credential;
      } else {
        heldSeq = this.opts.knownSeq(message.payload.agentId);
        agent = await this.opts.agents.authenticate(this.opts.em(), message.payload.agentId, message.payload.credential);
      }
      this.identity = agent.identity;
      this.lastSeq = Math.max(agent.lastSeq, heldSeq);
      if (this.state !== 'authenticating') return;
      const inUse = await this.opts.agents.markOnline(this.opts.em(), agent.identity, this.connectionId, host.machineId);
      if (inUse) {
        const identity = agent.identity;
        this.identity = null;
        this.opts.log.warn(
          { agentId: identity.agentId, serverId: identity.serverId, hostname: host.hostname, remoteAddress: this.remoteAddress },
          'refused an agent credential presented by a second machine while its own connection is live',
        );
        await this.opts.onCredentialInUse(identity, { host, remoteAddress: this.remoteAddress });
        const error =
          'This credential is in use by another host that is connected now; it keeps it. If this host is a copy of that one, enroll it with its own token.';
        this.sendError(ProtocolErrorCode.CREDENTIAL_IN_USE, error, message.id);
        this.close(CloseCode.CREDENTIAL_IN_USE, error);
        return;
      }
      if (this.state !== 'authenticating') return;
      clearTimeout(this.authTimer);
      this.state = 'ready';
      this.resetHeartbeatTimer();
      this.opts.onReady(this);
      this.send(
        MessageType.WELCOME,
        {
          agentId: agent.identity.agentId,
          serverId: agent.identity.serverId,
          ...(credential ? { credential } : {}),
          heartbeatIntervalSeconds: this.opts.heartbeatIntervalSeconds,
          lastSeq: this.lastSeq,
        },
        { replyTo: message.id },
      );
      if (agent.rotationDue) await this.rotateCredential();
    } catch (err) {
      if (!(err instanceof AgentRefused)) throw err;
      this.identity = null;
      this.sendError(err.code, err.message, message.id);
      this.close(err.close, err.message);
    }
  }

  /** The peer's address without the IPv4-mapped prefix. */
  private get remoteAddress(): string | null {
    const address = this.transport.remoteAddress;
    return address ? address.replace(/^::ffff:(?=\d+\.)/, '') : null;
  }

  private resetHeartbeatTimer(): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(
      () =>
        this.close(
          CloseCode.HEARTBEAT_TIMEOUT,
          `Nothing received for ${this.opts.heartbeatTimeoutMs} ms.`,
          AgentOfflineReason.HEARTBEAT_TIMEOUT,
        ),
      this.opts.heartbeatTimeoutMs,
    );
  }

  private sendError(code: ProtocolErrorCode, message: string, ackId?: string): void {
    this.send(
      MessageType.ERROR,
      { code, message: message.slice(0, 1024), ...(ackId ? { ackId } : {}) },
      ackId ? { replyTo: ackId } : {},
    );
  }
}
