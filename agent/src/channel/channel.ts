import { EventEmitter } from 'node:events';
import { CloseCode, frame, type HostFacts, type Message, MessageType, type Payloads, parseFrame } from '@hss/schema';
import WebSocket from 'ws';
import { SequenceCounter } from './sequence.js';
import type { Spool } from './spool.js';

export interface Credentials {
  agentId: string;
  credential: string;
}

export interface ChannelOptions {
  url: string;
  host: HostFacts;
  spool: Spool;
  /** Numbers every frame sent (default: in memory, kept in line by welcome.lastSeq). */
  sequence?: SequenceCounter;
  /**
   * Stores a new credential from the control plane durably, before it is acknowledged (the
   * old one stays valid until then). Without it the credential is kept in memory only.
   */
  storeCredential?: (credential: string) => void | Promise<void>;
  /** PEM of the CA that signed the gateway's certificate (wss://). */
  ca?: Buffer | undefined;
  /** Reports in flight at once; the rest wait in the spool. */
  window?: number;
  backoff?: { initialMs: number; maxMs: number };
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

type ReportType = MessageType.INVENTORY | MessageType.FINDINGS | MessageType.ALARM | MessageType.SCAN_PROGRESS;

/** Close codes after which reconnecting with the same credential is pointless. */
const FATAL = new Set<number>([CloseCode.REVOKED, CloseCode.AUTH_FAILED, CloseCode.UNSUPPORTED_VERSION]);

/**
 * The agent's side of the agent channel: authenticates, keeps the connection up (exponential
 * backoff with full jitter), heartbeats, and delivers the spool in order, removing each report
 * only when the control plane acknowledges it.
 *
 * Events: 'welcome' (payload), 'scan_task' (payload), 'policy' (message), 'ack' (id),
 * 'credential_rotated', 'fatal' ({ code, reason }), 'disconnected' ({ code, reason }).
 */
export class AgentChannel extends EventEmitter {
  private socket: WebSocket | null = null;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private stopped = false;
  private ready = false;
  private inFlight = new Set<string>();
  private flushing = false;
  private readonly startedAt = Date.now();
  private readonly sequence: SequenceCounter;

  /** `credentials` may be a function: read again for every connection (a rotation may change them). */
  constructor(
    private credentials: Credentials | (() => Credentials),
    private readonly opts: ChannelOptions,
  ) {
    super();
    this.sequence = opts.sequence ?? SequenceCounter.inMemory();
  }

  get connected(): boolean {
    return this.ready;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeat);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'agent stopping');
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 2000).unref();
    });
  }

  /** Stores a report in the spool (durably) and sends it when connected. */
  async report<T extends ReportType>(type: T, payload: Payloads[T]): Promise<string> {
    const message = frame(type, payload) as Message;
    await this.opts.spool.append(message);
    void this.flush();
    return message.id;
  }

  /** Acknowledges a control-plane message (a policy the agent applied). */
  ack(id: string): void {
    this.send(frame(MessageType.ACK, { ackId: id }));
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.opts.url, { ...(this.opts.ca ? { ca: this.opts.ca } : {}), handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => {
      const { agentId, credential } = typeof this.credentials === 'function' ? this.credentials() : this.credentials;
      this.send(frame(MessageType.AUTHENTICATE, { agentId, credential, host: this.opts.host }));
    });
    socket.on('message', (data) => this.receive(data.toString()));
    socket.on('error', (err) => this.log('warn', 'connection error', { error: err.message }));
    socket.on('close', (code, reasonBuffer) => {
      const reason = reasonBuffer.toString();
      clearInterval(this.heartbeat);
      this.ready = false;
      this.inFlight.clear();
      if (this.socket === socket) this.socket = null;
      if (FATAL.has(code)) {
        this.log('error', 'the control plane refused this agent; not reconnecting', { code, reason });
        this.stopped = true;
        this.emit('fatal', { code, reason });
        return;
      }
      this.emit('disconnected', { code, reason });
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const { initialMs, maxMs } = this.opts.backoff ?? { initialMs: 1000, maxMs: 60_000 };
    // Full jitter: thousands of agents that lost the same control plane do not return together.
    const ceiling = Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), Math.random() * ceiling);
  }

  private receive(text: string): void {
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      this.log('warn', 'dropped a frame from the control plane', { error: parsed.error });
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case MessageType.WELCOME:
        if (message.payload.lastSeq !== undefined) this.sequence.continueAbove(message.payload.lastSeq);
        this.ready = true;
        this.attempt = 0;
        clearInterval(this.heartbeat);
        this.heartbeat = setInterval(() => this.sendHeartbeat(), message.payload.heartbeatIntervalSeconds * 1000);
        this.emit('welcome', message.payload);
        void this.flush();
        return;
      case MessageType.ACK:
        this.inFlight.delete(message.payload.ackId);
        void this.opts.spool.acknowledge(message.payload.ackId).then(() => {
          this.emit('ack', message.payload.ackId);
          void this.flush();
        });
        return;
      case MessageType.SCAN_TASK:
        this.emit('scan_task', message.payload);
        return;
      case MessageType.POLICY:
        this.emit('policy', message as Message<MessageType.POLICY>);
        return;
      case MessageType.ROTATE_CREDENTIAL:
        void this.takeCredential(message as Message<MessageType.ROTATE_CREDENTIAL>);
        return;
      case MessageType.ERROR:
        // An answered report stays in the spool and is sent again after the next reconnect.
        if (message.payload.ackId) this.inFlight.delete(message.payload.ackId);
        this.log('warn', 'the control plane answered with an error', { ...message.payload });
        return;
      default:
        this.log('warn', 'unexpected message from the control plane', { type: message.type });
    }
  }

  /**
   * Stores the new credential first and acknowledges it only then: until the ack the control
   * plane accepts the old one too, so a crash in between never locks the agent out.
   */
  private async takeCredential(message: Message<MessageType.ROTATE_CREDENTIAL>): Promise<void> {
    const current = typeof this.credentials === 'function' ? this.credentials() : this.credentials;
    try {
      await this.opts.storeCredential?.(message.payload.credential);
    } catch (err) {
      this.log('error', 'could not store the new credential; keeping the old one', { error: (err as Error).message });
      return;
    }
    if (typeof this.credentials !== 'function') this.credentials = { ...current, credential: message.payload.credential };
    this.ack(message.id);
    this.log('info', 'took a new credential from the control plane');
    this.emit('credential_rotated');
  }

  /** Sends spooled reports in order, keeping at most `window` unacknowledged on the wire. */
  private async flush(): Promise<void> {
    if (this.flushing || !this.ready) return;
    this.flushing = true;
    try {
      const window = this.opts.window ?? 16;
      for await (const message of this.opts.spool.pending()) {
        if (!this.ready) return;
        if (this.inFlight.has(message.id)) continue;
        if (this.inFlight.size >= window) return;
        this.inFlight.add(message.id);
        this.send(message);
      }
    } finally {
      this.flushing = false;
    }
  }

  private sendHeartbeat(): void {
    this.send(
      frame(MessageType.HEARTBEAT, {
        uptimeSeconds: (Date.now() - this.startedAt) / 1000,
        spoolDropped: this.opts.spool.dropped,
      }),
    );
  }

  /**
   * Every frame gets the next sequence number as it goes out, resent reports too (they keep
   * their id, by which the control plane recognises them), so numbers rise on the wire.
   */
  private send(message: Message): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ ...message, seq: this.sequence.take() }));
  }

  private log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
    this.opts.log?.(level, message, fields);
  }
}

/** Enrolls with a token: one connection, one `enroll`, the credential from `welcome`. */
export async function enroll(
  url: string,
  token: string,
  host: HostFacts,
  ca?: Buffer,
): Promise<{ agentId: string; serverId: string; credential: string }> {
  const socket = new WebSocket(url, { ...(ca ? { ca } : {}), handshakeTimeout: 10_000 });
  try {
    return await new Promise((resolve, reject) => {
      socket.once('error', (err) => reject(new Error(`could not reach ${url}: ${err.message}`)));
      socket.once('open', () => socket.send(JSON.stringify(frame(MessageType.ENROLL, { token, host }))));
      socket.on('message', (data) => {
        const parsed = parseFrame(data.toString());
        if (!parsed.ok) return reject(new Error(parsed.error));
        const m = parsed.message;
        if (m.type === MessageType.WELCOME && m.payload.credential) {
          resolve({ agentId: m.payload.agentId, serverId: m.payload.serverId, credential: m.payload.credential });
        } else if (m.type === MessageType.ERROR) {
          reject(new Error(`enrollment refused: ${m.payload.message}`));
        }
      });
      socket.once('close', (code, reason) => reject(new Error(`enrollment connection closed (${code}) ${reason.toString()}`)));
    });
  } finally {
    socket.close(1000, 'enrolled');
  }
}

/**
 * Asks the control plane for a new credential (`hss-agent rotate`): authenticates, requests a
 * rotation, stores the new credential with `store` and only then acknowledges it. A running
 * agent on this host is replaced for a moment and reconnects with the stored credential.
 */
export async function requestRotation(
  url: string,
  credentials: Credentials,
  host: HostFacts,
  opts: { ca?: Buffer | undefined; sequence: SequenceCounter; store: (credential: string) => void | Promise<void> },
): Promise<void> {
  const socket = new WebSocket(url, { ...(opts.ca ? { ca: opts.ca } : {}), handshakeTimeout: 10_000 });
  const send = (message: Message) => socket.send(JSON.stringify({ ...message, seq: opts.sequence.take() }));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (err) => reject(new Error(`could not reach ${url}: ${err.message}`)));
      socket.once('open', () => send(frame(MessageType.AUTHENTICATE, { ...credentials, host })));
      socket.on('message', (data) => {
        const parsed = parseFrame(data.toString());
        if (!parsed.ok) return reject(new Error(parsed.error));
        const m = parsed.message;
        if (m.type === MessageType.WELCOME) {
          if (m.payload.lastSeq !== undefined) opts.sequence.continueAbove(m.payload.lastSeq);
          send(frame(MessageType.REQUEST_ROTATION, {}));
        } else if (m.type === MessageType.ROTATE_CREDENTIAL) {
          Promise.resolve(opts.store(m.payload.credential)).then(() => {
            send(frame(MessageType.ACK, { ackId: m.id }));
            resolve();
          }, reject);
        } else if (m.type === MessageType.ERROR) {
          reject(new Error(`the control plane refused: ${m.payload.message}`));
        }
      });
      socket.once('close', (code, reason) => reject(new Error(`connection closed (${code}) ${reason.toString()}`)));
    });
  } finally {
    socket.close(1000, 'credential rotated');
  }
}
