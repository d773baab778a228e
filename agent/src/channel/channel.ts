import { EventEmitter } from 'node:events';
import { CloseCode, frame, type HostFacts, type Message, MessageType, type Payloads, parseFrame } from '@hss/schema';
import WebSocket from 'ws';
import type { Spool } from './spool.js';

export interface Credentials {
  agentId: string;
  credential: string;
}

export interface ChannelOptions {
  url: string;
  host: HostFacts;
  spool: Spool;
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
 * 'fatal' ({ code, reason }), 'disconnected' ({ code, reason }).
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

  constructor(
    private readonly credentials: Credentials,
    private readonly opts: ChannelOptions,
  ) {
    super();
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
      this.send(frame(MessageType.AUTHENTICATE, { ...this.credentials, host: this.opts.host }));
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
      case MessageType.ERROR:
        // An answered report stays in the spool and is sent again after the next reconnect.
        if (message.payload.ackId) this.inFlight.delete(message.payload.ackId);
        this.log('warn', 'the control plane answered with an error', { ...message.payload });
        return;
      default:
        this.log('warn', 'unexpected message from the control plane', { type: message.type });
    }
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

  private send(message: Message): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
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
