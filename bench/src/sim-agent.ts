import { CloseCode, frame, MAX_FRAME_BYTES, type Message, MessageType, type Payloads, parseFrame, ScanStatus } from '@hss/schema';
import WebSocket from 'ws';
import { simHostFacts } from './fixtures/host.js';
import { buildInventory, inventoryRows } from './fixtures/inventory.js';
import { buildBruteForceAlarm, buildFindings } from './fixtures/reports.js';
import { count, type SimStats } from './stats.js';

/** Milliseconds on a clock that every process of the benchmark shares (epoch-based, sub-ms). */
export const now = (): number => performance.timeOrigin + performance.now();

export interface SimAgentOptions {
  /** Host number: sim-00001 is index 1. */
  index: number;
  /** Host name prefix ("sim"). */
  prefix: string;
  gatewayUrl: string;
  /** PEM of the CA that signed the gateway's certificate (wss://). */
  ca?: string | undefined;
  /** Enrollment token, used on the first connection (and again if the credential is refused). */
  token: string;
  /** Source address for the TCP connection (127.0.0.x), to get past one address's ephemeral ports. */
  localAddress?: string | undefined;
  /** Heartbeat intervals vary by ± this fraction (0–0.5) so that agents do not beat in lockstep. */
  heartbeatJitter: number;
  /** Mean seconds between brute-force alarms; 0 turns alarms off. */
  alarmEverySeconds: number;
  /** Send an inventory and a findings report after connecting, as a real agent does. */
  autoReports: boolean;
  /** Keep reports that were not acknowledged and send them again later (a real agent does). */
  retryReports: boolean;
  stats: SimStats;
  log?: ((line: string) => void) | undefined;
}

type ReportType = MessageType.INVENTORY | MessageType.FINDINGS | MessageType.ALARM | MessageType.SCAN_PROGRESS;

export type ReportOutcome =
  | { ok: true; sentAt: number; at: number; rows: number }
  | { ok: false; code: string; message: string; sentAt: number; at: number; rows: number };

interface OutboxEntry {
  id: string;
  type: ReportType;
  payload: Payloads[ReportType];
  /** Inventory rows (for the benchmark's ingest rate); 0 for other reports. */
  rows: number;
  attempts: number;
  /** Not before this time (ms, `now()`), after a refusal. */
  due: number;
  inFlight: boolean;
  sentAt: number;
  waiters: ((outcome: ReportOutcome) => void)[];
}

const RECONNECT_BASE_MS = 1000;
const RECONNECT_MAX_MS = 60_000;
/** A connection that lasted this long resets the reconnect backoff. */
const STABLE_CONNECTION_MS = 30_000;
const REPORT_RETRY_BASE_MS = 30_000;
const REPORT_RETRY_MAX_MS = 10 * 60_000;
const MAX_QUEUED_ALARMS = 200;

let idCounter = 0;
function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(idCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * One simulated agent: enrolls once, keeps its credential in memory, authenticates on every
 * later connection, reconnects with exponential backoff and jitter, beats at the interval the
 * welcome gives, reports inventory, findings and alarms, and answers scan tasks and policies.
 * Reports wait in an outbox until the control plane acknowledges them; an `error` answer
 * (e.g. UNEXPECTED_MESSAGE from a control plane that does not store that kind yet) keeps them
 * for a later resend, as the protocol asks.
 */
export class SimAgent {
  readonly hostname: string;
  agentId: string | null = null;
  serverId: string | null = null;
  private credential: string | null = null;
  private socket: WebSocket | null = null;
  private ready = false;
  private stopped = false;
  private seq = 0;
  private attempts = 0;
  private connectedAt = 0;
  private heartbeatIntervalMs = 30_000;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private alarmTimer: NodeJS.Timeout | undefined;
  private outboxTimer: NodeJS.Timeout | undefined;
  private readonly outbox: OutboxEntry[] = [];
  /** Answers awaited by id (benchmark probes): resolved with the frame, or null if the connection ends. */
  private readonly replyWaiters = new Map<string, (reply: Message | null) => void>();
  private readonly scans = new Set<string>();
  private scanGeneration = 0;
  private alarmCount = 0;
  private policyVersion: number | null = null;
  private bootedAt = Date.now() - Math.floor(Math.random() * 90) * 86_400_000;
  private firstAttempt: ((ready: boolean) => void) | null = null;
  /** Resolves on the first welcome (true) or when the first connection fails (false). */
  readonly firstOutcome: Promise<boolean>;

  constructor(private readonly opts: SimAgentOptions) {
    this.hostname = simHostFacts(opts.prefix, opts.index).hostname;
    this.firstOutcome = new Promise((resolve) => {
      this.firstAttempt = resolve;
    });
  }

  get index(): number {
    return this.opts.index;
  }

  get prefix(): string {
    return this.opts.prefix;
  }

  get isReady(): boolean {
    return this.ready;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    this.opts.stats.agents++;
    this.scheduleAlarm(true);
    this.connect();
  }

  /** Closes for good (no reconnect); returns when the close started, on the shared clock. */
  stop(code = 1000, reason = 'agent stopped'): number {
    const closedAt = now();
    if (!this.stopped) {
      this.stopped = true;
      this.opts.stats.agents--;
    }
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.alarmTimer);
    clearTimeout(this.outboxTimer);
    this.socket?.close(code, reason);
    return closedAt;
  }

  /** Queues a report and sends it when connected; resolves with the control plane's first answer. */
  report<T extends ReportType>(type: T, payload: Payloads[T], rows = 0): Promise<ReportOutcome> {
    const entry: OutboxEntry = {
      id: newId(type.slice(0, 3)),
      type,
      payload,
      rows,
      attempts: 0,
      due: 0,
      inFlight: false,
      sentAt: 0,
      waiters: [],
    };
    const outcome = new Promise<ReportOutcome>((resolve) => entry.waiters.push(resolve));
    // A newer snapshot replaces an older one not sent yet: inventories and findings are full sets.
    if (type === MessageType.INVENTORY || (type === MessageType.FINDINGS && !(payload as Payloads['findings']).scanTaskId)) {
      for (let i = this.outbox.length - 1; i >= 0; i--) {
        const old = this.outbox[i]!;
        if (old.type === type && !old.inFlight && !(old.payload as { scanTaskId?: string }).scanTaskId) {
          this.outbox.splice(i, 1);
          this.settle(old, { ok: false, code: 'SUPERSEDED', message: 'A newer report replaced this one.' });
        }
      }
    }
    if (type === MessageType.ALARM) {
      const alarms = this.outbox.filter((e) => e.type === MessageType.ALARM && !e.inFlight);
      if (alarms.length >= MAX_QUEUED_ALARMS) {
        const oldest = alarms[0]!;
        this.outbox.splice(this.outbox.indexOf(oldest), 1);
        this.settle(oldest, { ok: false, code: 'DROPPED', message: 'Too many alarms queued.' });
      }
    }
    this.outbox.push(entry);
    this.flushOutbox();
    return outcome;
  }

  /** The agent's full inventory report, counted in rows; resolves with the answer. */
  reportInventory(): Promise<ReportOutcome> {
    const inventory = buildInventory(this.opts.prefix, this.opts.index);
    return this.report(MessageType.INVENTORY, inventory, inventoryRows(inventory));
  }

  /** The next sequence number of this agent (it rises across reconnects), for frames the benchmark builds itself. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** A frame with this agent's next sequence number, serialised, for the benchmark's raw sends. */
  rawFrame<T extends MessageType>(type: T, payload: Payloads[T], id?: string): string {
    return JSON.stringify(frame(type, payload, { seq: ++this.seq, ...(id ? { id } : {}) }));
  }

  sendRaw(data: string): boolean {
    if (!this.ready || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(data);
    return true;
  }

  /** Resolves with the frame that answers `id` (its payload.ackId), or null if the connection ends first. */
  expectReply(id: string): Promise<Message | null> {
    return new Promise((resolve) => this.replyWaiters.set(id, resolve));
  }

  private log(line: string): void {
    this.opts.log?.(`${this.hostname}: ${line}`);
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.opts.gatewayUrl, {
      perMessageDeflate: false,
      handshakeTimeout: 15_000,
      maxPayload: MAX_FRAME_BYTES,
      ...(this.opts.localAddress ? { localAddress: this.opts.localAddress } : {}),
      ...(this.opts.ca ? { ca: this.opts.ca } : {}),
    });
    this.socket = socket;
    socket.on('open', () => this.hello());
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onFrame(data.toString());
    });
    socket.on('error', (err) => {
      // 'close' follows; the reason is worth a line only when nothing else explains the failure.
      if (!this.ready) this.log(`connection error: ${err.message}`);
    });
    socket.on('close', (code, reason) => this.onClose(socket, code, reason.toString()));
  }

  private hello(): void {
    const host = simHostFacts(this.opts.prefix, this.opts.index);
    if (this.agentId && this.credential) {
      this.send(MessageType.AUTHENTICATE, { agentId: this.agentId, credential: this.credential, host });
    } else {
      this.send(MessageType.ENROLL, { token: this.opts.token, host });
    }
  }

  private send<T extends MessageType>(type: T, payload: Payloads[T], id?: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(this.rawFrame(type, payload, id));
    return true;
  }

  private onFrame(data: string): void {
    const parsed = parseFrame(data);
    if (!parsed.ok) {
      this.log(`unreadable frame from the control plane: ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    const replyTo = message.type === MessageType.ACK || message.type === MessageType.ERROR ? message.payload.ackId : undefined;
    const waiter = replyTo ? this.replyWaiters.get(replyTo) : undefined;
    if (replyTo && waiter) {
      this.replyWaiters.delete(replyTo);
      waiter(message);
      return;
    }
    switch (message.type) {
      case MessageType.WELCOME:
        this.onWelcome(message.payload);
        return;
      case MessageType.ACK:
        this.opts.stats.acks++;
        this.onAnswer(message.payload.ackId, null);
        return;
      case MessageType.ERROR:
        this.opts.stats.errors++;
        count(this.opts.stats.errorCodes, message.payload.code);
        if (message.payload.ackId) this.onAnswer(message.payload.ackId, message.payload);
        else this.log(`error ${message.payload.code}: ${message.payload.message}`);
        return;
      case MessageType.SCAN_TASK:
        this.runScan(message.payload.scanTaskId);
        return;
      case MessageType.ROTATE_CREDENTIAL:
        // Kept in memory, as the credential is; acknowledged once "stored".
        this.credential = message.payload.credential;
        this.send(MessageType.ACK, { ackId: message.id });
        return;
      case MessageType.POLICY:
        this.opts.stats.policies++;
        this.policyVersion = message.payload.version;
        this.send(MessageType.ACK, { ackId: message.id });
        return;
      default:
        this.log(`unexpected ${message.type} frame from the control plane`);
    }
  }

  private onWelcome(welcome: Payloads[MessageType.WELCOME]): void {
    const enrolled = !this.credential;
    if (welcome.credential) this.credential = welcome.credential;
    // Continue above what the control plane accepted last (frames it dropped are not counted).
    if (welcome.lastSeq !== undefined) this.seq = Math.max(this.seq, welcome.lastSeq);
    this.agentId = welcome.agentId;
    this.serverId = welcome.serverId;
    if (enrolled && this.credential) this.opts.stats.enrolled++;
    this.opts.stats.welcomes++;
    this.opts.stats.connected++;
    this.ready = true;
    this.connectedAt = now();
    this.heartbeatIntervalMs = welcome.heartbeatIntervalSeconds * 1000;
    this.firstAttempt?.(true);
    this.firstAttempt = null;
    // The first beat comes at a random point of the interval, so that a thousand agents that
    // connected together do not beat together forever.
    this.scheduleHeartbeat(Math.random() * this.heartbeatIntervalMs);
    if (this.opts.autoReports) {
      void this.reportInventory();
      void this.report(MessageType.FINDINGS, buildFindings(this.opts.index, this.scanGeneration));
    }
    this.flushOutbox();
  }

  private onAnswer(ackId: string, error: Payloads[MessageType.ERROR] | null): void {
    const entry = this.outbox.find((e) => e.id === ackId);
    if (!entry) return;
    entry.inFlight = false;
    if (!error) {
      this.outbox.splice(this.outbox.indexOf(entry), 1);
      this.settle(entry, { ok: true });
      return;
    }
    if (!this.opts.retryReports) this.outbox.splice(this.outbox.indexOf(entry), 1);
    else {
      // Keep it and try again later, more slowly each time (a control plane that refuses a
      // kind of report today may accept it after an upgrade).
      const delay = Math.min(REPORT_RETRY_MAX_MS, REPORT_RETRY_BASE_MS * 2 ** entry.attempts);
      entry.due = now() + delay * (0.5 + Math.random() / 2);
    }
    this.settle(entry, { ok: false, code: error.code, message: error.message });
    this.flushOutbox();
  }

  private settle(entry: OutboxEntry, result: { ok: true } | { ok: false; code: string; message: string }): void {
    const outcome = { ...result, sentAt: entry.sentAt, at: now(), rows: entry.rows } as ReportOutcome;
    for (const w of entry.waiters.splice(0)) w(outcome);
  }

  /** Sends every report that is due; schedules itself for the next one that is not. */
  private flushOutbox(): void {
    clearTimeout(this.outboxTimer);
    if (!this.ready || this.stopped) return;
    const t = now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.outbox) {
      if (entry.inFlight) continue;
      if (entry.due > t) {
        next = Math.min(next, entry.due);
        continue;
      }
      entry.inFlight = true;
      entry.attempts++;
      entry.sentAt = now();
      this.send(entry.type, entry.payload as never, entry.id);
      this.opts.stats.reportsSent++;
    }
    if (next !== Number.POSITIVE_INFINITY) this.outboxTimer = setTimeout(() => this.flushOutbox(), next - t);
  }

  private scheduleHeartbeat(delayMs: number): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      if (!this.ready) return;
      this.send(MessageType.HEARTBEAT, { uptimeSeconds: Math.floor((Date.now() - this.bootedAt) / 1000) });
      this.opts.stats.heartbeats++;
      const jitter = Math.min(0.5, Math.max(0, this.opts.heartbeatJitter));
      this.scheduleHeartbeat(this.heartbeatIntervalMs * (1 + jitter * (2 * Math.random() - 1)));
    }, delayMs);
  }

  /** Alarms happen whether or not the agent is connected: they wait in the outbox. */
  private scheduleAlarm(first: boolean): void {
    const every = this.opts.alarmEverySeconds * 1000;
    if (!every || this.stopped) return;
    const delay = first ? Math.random() * every : every * (0.5 + Math.random());
    this.alarmTimer = setTimeout(() => {
      void this.report(MessageType.ALARM, buildBruteForceAlarm(this.opts.index, ++this.alarmCount));
      this.scheduleAlarm(false);
    }, delay);
  }

  /** A FULL scan: progress 0 → 50 → 100, DONE, then the new findings with the task's id. */
  private runScan(scanTaskId: string): void {
    if (this.scans.has(scanTaskId)) return;
    this.scans.add(scanTaskId);
    this.opts.stats.scans++;
    const progress = (status: ScanStatus.RUNNING | ScanStatus.DONE, percent: number) =>
      void this.report(MessageType.SCAN_PROGRESS, { scanTaskId, status, progress: percent });
    const step = () => 1000 + Math.random() * 2000;
    progress(ScanStatus.RUNNING, 0);
    setTimeout(() => {
      progress(ScanStatus.RUNNING, 50);
      setTimeout(() => {
        progress(ScanStatus.RUNNING, 100);
        progress(ScanStatus.DONE, 100);
        void this.report(MessageType.FINDINGS, buildFindings(this.opts.index, ++this.scanGeneration, scanTaskId));
        this.scans.delete(scanTaskId);
      }, step());
    }, step());
  }

  private onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    const wasReady = this.ready;
    this.ready = false;
    this.socket = null;
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.outboxTimer);
    count(this.opts.stats.closes, code);
    if (wasReady) this.opts.stats.connected--;
    else {
      this.opts.stats.connectFailures++;
      this.firstAttempt?.(false);
      this.firstAttempt = null;
    }
    for (const [id, waiter] of this.replyWaiters) {
      this.replyWaiters.delete(id);
      waiter(null);
    }
    // Reports in flight got no answer: send them again on the next connection (or give up on
    // them, for the benchmark, which counts them as lost).
    for (const entry of [...this.outbox]) {
      if (!entry.inFlight) continue;
      entry.inFlight = false;
      if (!this.opts.retryReports) {
        this.outbox.splice(this.outbox.indexOf(entry), 1);
        this.settle(entry, { ok: false, code: 'CLOSED', message: `connection closed (${code})` });
      }
    }
    if (this.stopped) return;
    const fatal =
      code === CloseCode.REVOKED
        ? `revoked by an operator (${reason}); not reconnecting`
        : code === CloseCode.UNSUPPORTED_VERSION
          ? `protocol version refused (${reason})`
          : code === CloseCode.AUTH_FAILED && !this.credential
            ? `enrollment refused (${reason})`
            : null;
    if (fatal) {
      this.giveUp(fatal);
      return;
    }
    if (code === CloseCode.AUTH_FAILED) {
      // The credential is no longer valid (e.g. the server was deleted): enroll again.
      this.log(`credential refused (${reason}); enrolling again with the token`);
      this.credential = null;
      this.agentId = null;
    }
    if (wasReady && now() - this.connectedAt > STABLE_CONNECTION_MS) this.attempts = 0;
    const cap = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** this.attempts);
    this.attempts++;
    // "Equal jitter": between half and all of the capped exponential delay.
    const delay = cap / 2 + (Math.random() * cap) / 2;
    if (wasReady) this.log(`connection closed (${code} ${reason}); reconnecting in ${(delay / 1000).toFixed(1)} s`);
    this.reconnectTimer = setTimeout(() => {
      this.opts.stats.reconnects++;
      this.connect();
    }, delay);
  }

  private giveUp(why: string): void {
    this.log(why);
    this.stopped = true;
    this.opts.stats.agents--;
    this.opts.stats.stopped++;
    clearTimeout(this.alarmTimer);
  }

  /** For the status line and tests: what the agent knows of its policy. */
  get currentPolicyVersion(): number | null {
    return this.policyVersion;
  }
}
