/**
 * The agent channel's wire protocol (see schema/AGENT_PROTOCOL.md). Both ends validate every
 * frame with these schemas: the gateway in the control plane and the agent on the host.
 */
import { z } from 'zod';
import { AlarmType, Architecture, FindingType, ScanStatus, Severity } from './enums.js';

export const PROTOCOL_VERSION = 1;
/** Largest frame either side accepts, in bytes. Inventories are the largest messages. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export enum MessageType {
  // agent → control plane
  ENROLL = 'enroll',
  AUTHENTICATE = 'authenticate',
  HEARTBEAT = 'heartbeat',
  INVENTORY = 'inventory',
  FINDINGS = 'findings',
  ALARM = 'alarm',
  SCAN_PROGRESS = 'scan_progress',
  /** Asks for a new credential (`hss-agent rotate`); answered with ROTATE_CREDENTIAL. */
  REQUEST_ROTATION = 'request_rotation',
  // control plane → agent
  WELCOME = 'welcome',
  SCAN_TASK = 'scan_task',
  POLICY = 'policy',
  /** A new credential; the old one stays valid until the agent acknowledges this message. */
  ROTATE_CREDENTIAL = 'rotate_credential',
  // both ways
  ACK = 'ack',
  ERROR = 'error',
}

/** WebSocket close codes of the agent channel, with the reason a peer logs. */
export enum CloseCode {
  /** The control plane is shutting down; reconnect with backoff. */
  GOING_AWAY = 1001,
  /** A frame was not JSON or failed its schema. */
  PROTOCOL_ERROR = 4400,
  /** The envelope's protocol version is not spoken here. */
  UNSUPPORTED_VERSION = 4401,
  /** No enroll or authenticate frame arrived in time. */
  AUTH_TIMEOUT = 4408,
  /** The enrollment token or the credential was refused. */
  AUTH_FAILED = 4403,
  /** The agent was revoked by an operator; do not reconnect with this credential. */
  REVOKED = 4410,
  /** Another connection authenticated with the same credential. */
  REPLACED = 4409,
  /** More messages than the per-connection rate allows. */
  RATE_LIMITED = 4429,
  /** A frame larger than MAX_FRAME_BYTES. */
  FRAME_TOO_LARGE = 4413,
  /** Nothing arrived from the agent within the heartbeat timeout. */
  HEARTBEAT_TIMEOUT = 4411,
  /** The credential is in use by another host's live connection; that one keeps it. */
  CREDENTIAL_IN_USE = 4412,
}

export enum ProtocolErrorCode {
  INVALID_FRAME = 'INVALID_FRAME',
  UNSUPPORTED_VERSION = 'UNSUPPORTED_VERSION',
  NOT_AUTHENTICATED = 'NOT_AUTHENTICATED',
  AUTH_FAILED = 'AUTH_FAILED',
  UNEXPECTED_MESSAGE = 'UNEXPECTED_MESSAGE',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A frame whose `seq` is not above the last one accepted from this agent: dropped. */
  OUT_OF_SEQUENCE = 'OUT_OF_SEQUENCE',
  /** The credential is in use by another host's live connection. */
  CREDENTIAL_IN_USE = 'CREDENTIAL_IN_USE',
  INTERNAL = 'INTERNAL',
}

/** The largest `seq` either end accepts: JSON numbers are exact up to here. */
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const text = (max: number) => z.string().max(max);
const timestamp = z.iso.datetime({ offset: true });
const uuid = z.uuid();

export const HostFacts = z.object({
  hostname: text(253).min(1),
  machineId: text(128).min(1),
  ips: z.array(z.union([z.ipv4(), z.ipv6()])).max(64),
  osName: text(128),
  osVersion: text(64),
  kernel: text(128),
  architecture: z.enum(Architecture),
  agentVersion: text(32).min(1),
});
export type HostFacts = z.infer<typeof HostFacts>;

const Software = z.object({
  name: text(256).min(1),
  version: text(128),
  architecture: text(32).optional(),
  source: z.enum(['dpkg', 'rpm']),
});
const Port = z.object({
  protocol: z.enum(['tcp', 'tcp6', 'udp', 'udp6']),
  address: text(64),
  port: z.number().int().min(0).max(65535),
  pid: z.number().int().positive().optional(),
  process: text(256).optional(),
});
const Process = z.object({
  pid: z.number().int().positive(),
  name: text(256),
  commandLine: text(4096),
  user: text(64),
  executable: text(1024).optional(),
  startedAt: timestamp.optional(),
});
const HostAccount = z.object({
  name: text(64).min(1),
  uid: z.number().int().min(0),
  gid: z.number().int().min(0),
  shell: text(256),
  home: text(1024),
  loginShell: z.boolean(),
  sudo: z.boolean(),
  emptyPassword: z.boolean(),
  passwordChangedAt: z.iso.date().optional(),
});
const AutostartItem = z.object({
  kind: z.enum(['systemd', 'cron']),
  name: text(512).min(1),
  command: text(4096).optional(),
  user: text(64).optional(),
});

export const FindingReport = z.object({
  fingerprint: text(256).min(1),
  type: z.enum(FindingType),
  severity: z.enum(Severity),
  title: text(512).min(1),
  remediation: text(4096).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

const payloads = {
  [MessageType.ENROLL]: z.object({ token: text(256).min(1), host: HostFacts }),
  [MessageType.AUTHENTICATE]: z.object({ agentId: uuid, credential: text(256).min(1), host: HostFacts }),
  [MessageType.HEARTBEAT]: z.object({
    uptimeSeconds: z.number().nonnegative().optional(),
    /** Reports the agent had to drop because its on-disk spool was full, since it was installed. */
    spoolDropped: z.number().int().nonnegative().optional(),
  }),
  [MessageType.INVENTORY]: z.object({
    collectedAt: timestamp,
    software: z.array(Software).max(50_000),
    ports: z.array(Port).max(10_000),
    processes: z.array(Process).max(20_000),
    accounts: z.array(HostAccount).max(10_000),
    autostart: z.array(AutostartItem).max(10_000),
  }),
  [MessageType.FINDINGS]: z.object({
    scanTaskId: uuid.optional(),
    scannedAt: timestamp,
    /** The full set of one scan: findings missing from it are FIXED. */
    findings: z.array(FindingReport).max(20_000),
  }),
  [MessageType.ALARM]: z.object({
    type: z.enum(AlarmType),
    severity: z.enum(Severity),
    title: text(512).min(1),
    sourceIp: z.union([z.ipv4(), z.ipv6()]).optional(),
    occurredAt: timestamp,
    detail: z.record(z.string(), z.unknown()).optional(),
  }),
  [MessageType.SCAN_PROGRESS]: z.object({
    scanTaskId: uuid,
    status: z.enum([ScanStatus.RUNNING, ScanStatus.DONE, ScanStatus.FAILED]),
    progress: z.number().int().min(0).max(100),
    error: text(1024).optional(),
  }),
  [MessageType.WELCOME]: z.object({
    agentId: uuid,
    serverId: uuid,
    /** Only in the answer to `enroll`: the agent's own secret, shown once. */
    credential: text(256).optional(),
    heartbeatIntervalSeconds: z.number().int().positive(),
    /** The last `seq` the control plane accepted from this agent; the agent continues above it. */
    lastSeq: z.number().int().nonnegative().max(MAX_SEQ).optional(),
  }),
  [MessageType.REQUEST_ROTATION]: z.object({}),
  [MessageType.ROTATE_CREDENTIAL]: z.object({ credential: text(256).min(1) }),
  [MessageType.SCAN_TASK]: z.object({ scanTaskId: uuid, kind: z.literal('FULL') }),
  [MessageType.POLICY]: z.object({ version: z.number().int().nonnegative(), policy: z.record(z.string(), z.unknown()) }),
  [MessageType.ACK]: z.object({ ackId: id }),
  [MessageType.ERROR]: z.object({
    code: z.enum(ProtocolErrorCode),
    message: text(1024),
    /** The message this error answers, when there is one. */
    ackId: id.optional(),
  }),
} as const;

export type Payloads = { [K in MessageType]: z.infer<(typeof payloads)[K]> };

const envelopeBase = z.object({
  v: z.number().int(),
  id,
  ts: timestamp,
  /**
   * Required on every agent frame after the handshake: strictly increasing per agent, across
   * connections and restarts (replay protection; see AGENT_PROTOCOL.md).
   */
  seq: z.number().int().nonnegative().max(MAX_SEQ).optional(),
});

export const Envelope = z.discriminatedUnion(
  'type',
  Object.values(MessageType).map((type) =>
    envelopeBase.extend({ type: z.literal(type), payload: payloads[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export type Message<T extends MessageType = MessageType> = {
  [K in T]: { v: number; id: string; ts: string; seq?: number; type: K; payload: Payloads[K] };
}[T];

export type ParseResult =
  | { ok: true; message: Message }
  | { ok: false; code: ProtocolErrorCode; close: CloseCode; error: string; id?: string };

/** Parses and validates one text frame. Never throws: a bad frame becomes an error to send back. */
export function parseFrame(data: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { ok: false, code: ProtocolErrorCode.INVALID_FRAME, close: CloseCode.PROTOCOL_ERROR, error: 'The frame is not JSON.' };
  }
  const frameId =
    typeof (raw as { id?: unknown })?.id === 'string' ? ((raw as { id: string }).id.slice(0, 64) as string) : undefined;
  const version = (raw as { v?: unknown })?.v;
  if (typeof raw === 'object' && raw !== null && 'v' in raw && version !== PROTOCOL_VERSION) {
    return {
      ok: false,
      code: ProtocolErrorCode.UNSUPPORTED_VERSION,
      close: CloseCode.UNSUPPORTED_VERSION,
      error: `Protocol version ${JSON.stringify(version)} is not supported; this control plane speaks version ${PROTOCOL_VERSION}. Upgrade the agent.`,
      ...(frameId ? { id: frameId } : {}),
    };
  }
  const parsed = Envelope.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(frame)'}: ${i.message}`)
      .join('; ');
    return {
      ok: false,
      code: ProtocolErrorCode.INVALID_FRAME,
      close: CloseCode.PROTOCOL_ERROR,
      error: `The frame failed its schema: ${issues}.`,
      ...(frameId ? { id: frameId } : {}),
    };
  }
  return { ok: true, message: parsed.data as Message };
}

let counter = 0;
/** Builds an envelope; `id` defaults to a fresh unique id. */
export function frame<T extends MessageType>(
  type: T,
  payload: Payloads[T],
  opts: { id?: string; seq?: number } = {},
): Message<T> {
  return {
    v: PROTOCOL_VERSION,
    id: opts.id ?? `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    ts: new Date().toISOString(),
    ...(opts.seq !== undefined ? { seq: opts.seq } : {}),
    type,
    payload,
  } as Message<T>;
}
