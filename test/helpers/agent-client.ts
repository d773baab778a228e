import { frame, type HostFacts, type Message, MessageType, type Payloads } from '@hss/schema';
import WebSocket from 'ws';
import { recordSecretsIn } from './secrets.js';

export interface AgentClient {
  socket: WebSocket;
  /**
   * Sends one message; returns its envelope id. `seq` defaults to the next number of a counter
   * shared by every client of the test process (so it keeps rising across an agent's
   * reconnects, as a real agent's does); null leaves it out.
   */
  send<T extends MessageType>(type: T, payload: Payloads[T], opts?: { id?: string; seq?: number | null }): string;
  /** Sends raw data, for malformed-frame tests. */
  sendRaw(data: string | Buffer): void;
  /** The next message received (of `type`, when given), or a rejection after 10 s. */
  next<T extends MessageType>(type?: T): Promise<Message<T>>;
  /** Resolves with the close code and reason when the connection ends. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

let seqCounter = 0;
/** The next sequence number of the shared counter (for tests that build frames themselves). */
export const nextSeq = (): number => ++seqCounter;

/** A bare protocol client: what a real agent sends, frame by frame, with nothing hidden. */
export async function connectAgent(url: string, options: WebSocket.ClientOptions = {}): Promise<AgentClient> {
  const socket = new WebSocket(url, options);
  const inbox: Message[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    // Enrollment answers with the agent's credential: it must never reach a log (log-scan.setup.ts).
    recordSecretsIn(data.toString());
    const message = JSON.parse(data.toString()) as Message;
    // Like a real agent, continue above what the control plane last accepted.
    if (message.type === MessageType.WELCOME && typeof message.payload.lastSeq === 'number') {
      seqCounter = Math.max(seqCounter, message.payload.lastSeq);
    }
    inbox.push(message);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    send(type, payload, opts = {}) {
      const { seq, ...rest } = opts;
      const message = frame(type, payload, seq === null ? rest : { ...rest, seq: seq ?? nextSeq() });
      const text = JSON.stringify(message);
      recordSecretsIn(text);
      socket.send(text);
      return message.id;
    },
    sendRaw: (data) => socket.send(data),
    async next(type) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const index = inbox.findIndex((m) => !type || m.type === type);
        if (index >= 0) return inbox.splice(index, 1)[0] as never;
        if (socket.readyState === WebSocket.CLOSED) throw new Error(`connection closed before a ${type ?? 'message'} arrived`);
        if (Date.now() > deadline) throw new Error(`no ${type ?? 'message'} within 10 s`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
    closed,
    close: () => socket.close(),
  };
}

let hostSeq = 0;
export function hostFacts(overrides: Partial<HostFacts> = {}): HostFacts {
  const n = ++hostSeq;
  return {
    hostname: `host-${n}-${Math.random().toString(36).slice(2, 6)}`,
    machineId: `${Math.random().toString(16).slice(2)}${n}`.padEnd(32, '0'),
    ips: [`192.0.2.${n % 250}`],
    osName: 'Debian GNU/Linux',
    osVersion: '12',
    kernel: '6.1.0-18-amd64',
    architecture: 'X86_64' as HostFacts['architecture'],
    agentVersion: '0.1.0',
    ...overrides,
  };
}
