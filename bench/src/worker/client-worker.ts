/**
 * A client process: holds a share of the simulated agents and does what the parent (the
 * simulator or the benchmark) asks over IPC. Its stdout is the parent's stderr.
 */
import { MessageType } from '@hss/schema';
import { buildInventory, type Inventory, inventoryRows } from '../fixtures/inventory.js';
import { type ReportOutcome, SimAgent } from '../sim-agent.js';
import { count, newStats } from '../stats.js';
import { blast } from './blast.js';
import type { Envelope, IngestResult, Replies, Reply, StartArgs } from './protocol.js';

const stats = newStats();
const agents: SimAgent[] = [];
let halted = false;
let pending = 0;
let prepared: { agent: SimAgent; inventory: Inventory; rows: number }[] = [];
/** Agents the benchmark already used for something that changes them (disconnected, ingested). */
const used = new Set<SimAgent>();

async function startAgents(args: StartArgs): Promise<void> {
  const log = args.verbose ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  // Bounded ramp: at most `concurrency` handshakes in flight, so that the gateway's auth
  // timeout measures the gateway and not a queue we built ourselves.
  const freed: (() => void)[] = [];
  for (let i = 0; i < args.count && !halted; i++) {
    while (pending >= args.concurrency) await new Promise<void>((r) => freed.push(r));
    if (halted) break;
    const index = args.first + i;
    const agent = new SimAgent({
      index,
      prefix: args.prefix,
      gatewayUrl: args.gatewayUrl,
      ca: args.ca,
      token: args.token,
      localAddress: args.sourceAddresses.length ? args.sourceAddresses[index % args.sourceAddresses.length] : undefined,
      heartbeatJitter: args.heartbeatJitter,
      alarmEverySeconds: args.alarmEverySeconds,
      autoReports: args.autoReports,
      retryReports: args.retryReports,
      stats,
      log,
    });
    agents.push(agent);
    pending++;
    agent.start();
    void agent.firstOutcome.then(() => {
      pending--;
      freed.shift()?.();
    });
  }
}

function nextFree(): SimAgent | undefined {
  for (let i = agents.length - 1; i >= 0; i--) {
    const a = agents[i]!;
    if (a.isReady && !used.has(a)) return a;
  }
  return undefined;
}

async function handle(request: Envelope): Promise<unknown> {
  switch (request.cmd) {
    case 'start':
      halted = false;
      void startAgents(request.args);
      return null;
    case 'halt':
      halted = true;
      return null;
    case 'stats':
      return { ...stats, pending, launched: agents.length } satisfies Replies['stats'];
    case 'blast':
      return blast(request.args, agents);
    case 'disconnect': {
      const agent = nextFree();
      if (!agent?.serverId) return null;
      used.add(agent);
      return { serverId: agent.serverId, closedAt: agent.stop() } satisfies Replies['disconnect'];
    }
    case 'ingest-prepare': {
      prepared = [];
      while (prepared.length < request.args.count) {
        const agent = nextFree();
        if (!agent) break;
        used.add(agent);
        const inventory = buildInventory(agent.prefix, agent.index);
        prepared.push({ agent, inventory, rows: inventoryRows(inventory) });
      }
      return { reports: prepared.length, rows: prepared.reduce((n, p) => n + p.rows, 0) } satisfies Replies['ingest-prepare'];
    }
    case 'ingest-go':
      return ingest(request.args.timeoutMs);
    case 'stop':
      await stopAll();
      return null;
  }
}

async function ingest(timeoutMs: number): Promise<IngestResult> {
  const result: IngestResult = {
    reports: prepared.length,
    rows: 0,
    acked: 0,
    ackedRows: 0,
    refused: {},
    firstSentAt: Number.POSITIVE_INFINITY,
    lastAnswerAt: 0,
  };
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), timeoutMs).unref());
  const outcomes = prepared.map(({ agent, inventory, rows }) => {
    result.rows += rows;
    return Promise.race([agent.report(MessageType.INVENTORY, inventory, rows), timeout]);
  });
  for (const outcome of (await Promise.all(outcomes)) as (ReportOutcome | null)[]) {
    if (!outcome) {
      count(result.refused, 'TIMEOUT');
      continue;
    }
    result.firstSentAt = Math.min(result.firstSentAt, outcome.sentAt || outcome.at);
    result.lastAnswerAt = Math.max(result.lastAnswerAt, outcome.at);
    if (outcome.ok) {
      result.acked++;
      result.ackedRows += outcome.rows;
    } else count(result.refused, outcome.code);
  }
  prepared = [];
  return result;
}

async function stopAll(): Promise<void> {
  halted = true;
  for (const agent of agents) agent.stop(1001, 'simulator stopping');
  // Give the close frames a moment to leave before the process exits.
  await new Promise((r) => setTimeout(r, 300));
}

// Ctrl-C reaches the whole process group: the parent decides when we stop, not the signal.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.on('disconnect', () => {
  void stopAll().then(() => process.exit(0));
});
process.on('message', (request: Envelope) => {
  handle(request).then(
    (result) => process.send?.({ id: request.id, ok: true, result } satisfies Reply),
    (err: Error) => process.send?.({ id: request.id, ok: false, error: err.stack ?? err.message } satisfies Reply),
  );
});
