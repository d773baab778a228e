/**
 * `npm run bench [-- --quick]`: starts a control plane of its own (in this process, on a fresh
 * database), drives simulated agents at it from child processes, and prints one JSON object on
 * stdout with what it measured. Progress goes to stderr. Timings are reported, never asserted.
 */
import os from 'node:os';
import { type OptionSpec, parseArgs, UsageError, usage } from './args.js';
import { agentsPerClientProcess, ephemeralPorts, loopbackSources, openFileLimit, sourcesFor } from './limits.js';
import { connectAgents } from './measure/connect.js';
import { type BenchPlane, startControlPlane } from './measure/control-plane.js';
import { measureHeartbeats } from './measure/heartbeats.js';
import { measureIngest } from './measure/ingest.js';
import { measureServersPage } from './measure/servers-page.js';
import { measureStatus } from './measure/status.js';
import { progress, ratio, round, settledRss, sleep } from './measure/util.js';
import { type ClientProcess, forkClients } from './worker/pool.js';

const OPTIONS = {
  quick: { type: 'boolean', help: 'a small run (under a minute): 1,000 agents, 10,000 servers', default: false },
  agents: { type: 'number', help: 'agents to connect (default: 50,000, or what this process can hold; quick: 1,000)' },
  servers: { type: 'number', help: 'servers in the account for the servers page (default 100,000; quick: 10,000)' },
  help: { type: 'boolean', help: 'this text' },
} satisfies Record<string, OptionSpec>;

/** The goal the full run reaches for. */
const AGENT_GOAL = 50_000;
/** Descriptors the control plane needs besides agent sockets: database pool, API, subscriptions, files. */
const RESERVED_FDS = 300;

interface Plan {
  agents: number;
  agentsLimit: string | null;
  blastConnections: number;
  windowMs: number;
  batch: number;
  statusSamples: number;
  statusPaceMs: number;
  ingestReports: number;
  servers: number;
  pageSamples: number;
  connectBudgetMs: number;
}

function plan(quick: boolean, requested: number | undefined, servers: number | undefined): Plan {
  const limit = openFileLimit();
  // The gateway runs in this process: one descriptor per agent, and Node can go no higher
  // than the hard limit (it raises the soft one itself at start).
  const capacity = limit ? limit.hard - RESERVED_FDS : AGENT_GOAL;
  const wanted = requested ?? (quick ? 1000 : AGENT_GOAL);
  const agents = Math.min(wanted, capacity);
  const agentsLimit =
    agents < wanted
      ? `the open-file hard limit of this process is ${limit?.hard} (ulimit -Hn), so the gateway can hold about ${capacity} agent connections; ` +
        'raise it (e.g. LimitNOFILE= in systemd, docker run --ulimit nofile=…, or ulimit -Hn as root) to go further'
      : null;
  const base = quick
    ? {
        blastConnections: 200,
        windowMs: 3000,
        statusSamples: 50,
        statusPaceMs: 30,
        ingestReports: 100,
        servers: 10_000,
        pageSamples: 100,
        connectBudgetMs: 30_000,
      }
    : {
        blastConnections: 2000,
        windowMs: 10_000,
        statusSamples: 300,
        statusPaceMs: 40,
        ingestReports: 500,
        servers: 100_000,
        pageSamples: 300,
        connectBudgetMs: 300_000,
      };
  return {
    ...base,
    agents,
    agentsLimit,
    batch: 20,
    blastConnections: Math.min(base.blastConnections, agents),
    servers: servers ?? base.servers,
  };
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseArgs<typeof OPTIONS>>;
  try {
    opts = parseArgs(process.argv.slice(2), OPTIONS);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${usage('npm run bench --', OPTIONS)}`);
    process.exit(2);
  }
  if (opts.help) {
    console.error(usage('npm run bench --', OPTIONS));
    return;
  }
  const started = performance.now();
  const p = plan(opts.quick, opts.agents || undefined, opts.servers || undefined);
  if (p.agentsLimit) progress(`agents: ${p.agents} instead of ${opts.agents || AGENT_GOAL}: ${p.agentsLimit}`);
  const sources = loopbackSources(sourcesFor(p.agents + p.blastConnections));

  let plane: BenchPlane | undefined;
  let clients: ClientProcess[] = [];
  // The control plane first: its gateway closes every agent with GOING_AWAY, which agents take
  // as a restart (no OFFLINE writes). Stopping the agents first would queue one OFFLINE
  // transaction per agent and cut them off when the database pool closes.
  const cleanup = async () => {
    await plane?.app.stop();
    await Promise.all(clients.map((c) => c.stop()));
    clients = [];
    await plane?.stop();
    plane = undefined;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      progress(`${signal}: stopping`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    progress('starting a control plane on a fresh database');
    // The bench drives heartbeats as fast as the gateway takes them: no per-connection cap.
    plane = await startControlPlane({ messageRate: { perSecond: 1_000_000, burst: 1_000_000 } });
    const gatewayUrl = plane.app.gateway!.url;
    // At least two client processes: the generator must not be the single-core bottleneck.
    clients = forkClients(Math.max(2, Math.ceil(p.agents / agentsPerClientProcess())));
    await sleep(500);

    const rssBefore = await settledRss();
    progress(`connecting ${p.agents} agents from ${clients.length} client processes over ${sources.length} source address(es)`);
    const connect = await connectAgents(clients, {
      gatewayUrl,
      token: plane.enrollmentToken,
      target: p.agents,
      sourceAddresses: sources,
      concurrency: 100,
      budgetMs: p.connectBudgetMs,
      maxFailures: 200,
    });
    await sleep(2000);
    const rssAfter = await settledRss();
    progress(
      `${connect.connected} agents connected in ${connect.seconds.toFixed(1)} s; RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB`,
    );

    const heartbeats = await measureHeartbeats(clients, {
      connections: Math.min(p.blastConnections, connect.connected),
      windowMs: p.windowMs,
      batch: p.batch,
      sourceAddresses: sources,
    });
    const status = await measureStatus(clients, plane, { samples: p.statusSamples, paceMs: p.statusPaceMs });
    const ingest = await measureIngest(clients, plane, p.ingestReports);
    const page = await measureServersPage(plane, p.servers, p.pageSamples);

    const limit = openFileLimit();
    const result = {
      agents: connect.connected,
      agents_goal: AGENT_GOAL,
      agents_limit: p.agentsLimit ?? connect.stoppedBecause,
      connect_s: round(connect.seconds, 1),
      enrollments_per_s: round(connect.connected / connect.seconds, 0),
      connect_failures: connect.connectFailures,
      rss_bytes_per_agent: connect.connected ? Math.round((rssAfter - rssBefore) / connect.connected) : null,
      rss_before_bytes: rssBefore,
      rss_after_bytes: rssAfter,
      heartbeats_per_s: heartbeats.heartbeats_per_s,
      ws_echo_per_s: heartbeats.echo_per_s,
      heartbeats_ratio_vs_ws_echo: ratio(heartbeats.heartbeats_per_s, heartbeats.echo_per_s),
      // Server CPU per frame: on a small machine both runs can be client-bound, and then the
      // rates compare the clients while these compare the servers.
      heartbeat_cpu_us: heartbeats.cpu_us_per_heartbeat,
      ws_echo_cpu_us: heartbeats.echo_cpu_us_per_heartbeat,
      heartbeats_cpu_ratio_vs_ws_echo: ratio(heartbeats.cpu_us_per_heartbeat, heartbeats.echo_cpu_us_per_heartbeat),
      heartbeat_connections: heartbeats.connections,
      heartbeat_window_s: heartbeats.window_s,
      heartbeat_lost_connections: heartbeats.lost_connections,
      status_p50_ms: status.status_p50_ms,
      status_p99_ms: status.status_p99_ms,
      status_samples: status.samples,
      status_missed: status.missed,
      ...ingest,
      ...page,
      machine: {
        cpus: os.cpus().length,
        cpu_model: os.cpus()[0]?.model ?? null,
        memory_bytes: os.totalmem(),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        open_files_hard_limit: limit?.hard ?? null,
        ephemeral_ports: ephemeralPorts(),
        source_addresses: sources.length,
        client_processes: clients.length,
        database: plane.database,
        db_pool_max: plane.dbPoolMax,
      },
      quick: opts.quick,
      duration_s: 0,
    };
    await cleanup();
    result.duration_s = round((performance.now() - started) / 1000, 1) as number;
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (err) {
    progress(`failed: ${(err as Error).stack ?? err}`);
    await cleanup().catch(() => {});
    process.exitCode = 1;
  }
}

await main();
// Nothing should keep us alive after the result (sockets of stopped children, timers).
process.exit(process.exitCode ?? 0);
