/**
 * What the simulator and the benchmark ask of a client process, and what it answers. The
 * simulated agents live in child processes so that (1) one process's open-file limit does not
 * cap the number of agents and (2) the benchmark measures the control plane's memory and CPU
 * without the clients'.
 */
import type { SimStats } from '../stats.js';

export interface StartArgs {
  gatewayUrl: string;
  /** PEM of the CA that signed the gateway's certificate (wss://). */
  ca?: string | undefined;
  token: string;
  prefix: string;
  /** Host numbers first … first + count − 1. */
  first: number;
  count: number;
  /** Source addresses (127.0.0.x) used in turn by host number; empty: the system's choice. */
  sourceAddresses: string[];
  heartbeatJitter: number;
  alarmEverySeconds: number;
  autoReports: boolean;
  retryReports: boolean;
  /** Connections that may be opening (not yet welcomed or failed) at once. */
  concurrency: number;
  verbose: boolean;
}

export interface BlastArgs {
  /** Beat over the agents' own authenticated connections, or over plain sockets to an echo server. */
  target: 'agents' | 'echo';
  echoUrl?: string;
  connections: number;
  /** Heartbeats per round; each round ends with a probe whose answer confirms the whole round. */
  batch: number;
  /** Shared-clock time (ms) to start at, and how long to keep starting rounds. */
  startAt: number;
  windowMs: number;
  sourceAddresses: string[];
}

export interface BlastResult {
  connections: number;
  /** Heartbeats confirmed handled (their round's probe was answered). */
  heartbeats: number;
  rounds: number;
  /** Shared-clock time of the last answer. */
  endedAt: number;
  lostConnections: number;
}

export interface DisconnectResult {
  serverId: string;
  /** Shared-clock time just before the socket was closed. */
  closedAt: number;
}

export interface IngestPrepared {
  reports: number;
  rows: number;
}

export interface IngestResult {
  reports: number;
  rows: number;
  acked: number;
  ackedRows: number;
  /** Answers other than ack, by error code (CLOSED / TIMEOUT when there was none). */
  refused: Record<string, number>;
  firstSentAt: number;
  lastAnswerAt: number;
}

export type Request =
  | { cmd: 'start'; args: StartArgs }
  | { cmd: 'halt' }
  | { cmd: 'stats' }
  | { cmd: 'blast'; args: BlastArgs }
  | { cmd: 'disconnect' }
  | { cmd: 'ingest-prepare'; args: { count: number } }
  | { cmd: 'ingest-go'; args: { timeoutMs: number } }
  | { cmd: 'stop' };

export interface Replies {
  start: null;
  halt: null;
  /** `pending`: handshakes in flight; `launched`: agents created so far. */
  stats: SimStats & { pending: number; launched: number };
  blast: BlastResult;
  disconnect: DisconnectResult | null;
  'ingest-prepare': IngestPrepared;
  'ingest-go': IngestResult;
  stop: null;
}

export type Envelope = { id: number } & Request;
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
