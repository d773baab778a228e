/**
 * `npm run simulate -- --agents N --token T [--gateway URL]`: N simulated agents against a
 * running control plane, until Ctrl-C. Each enrolls once with the token, then behaves like an
 * agent (see sim-agent.ts). A status line every 5 s.
 */
import fs from 'node:fs';
import { type OptionSpec, parseArgs, UsageError, usage } from './args.js';
import { agentsPerClientProcess, loopbackSources, openFileLimit, sourcesFor } from './limits.js';
import { localControlPlaneCa } from './local-ca.js';
import { formatStatus, mergeStats } from './stats.js';
import { type ClientProcess, forkClients } from './worker/pool.js';

const OPTIONS = {
  agents: { type: 'number', help: 'simulated agents', default: 10 },
  token: { type: 'string', help: 'enrollment token (createEnrollmentToken, or the Install agent page)' },
  gateway: { type: 'string', help: 'agent gateway URL', default: 'wss://127.0.0.1:10180' },
  ca: {
    type: 'string',
    help: "PEM file of the gateway's CA (default for wss:// to this machine: the local control plane's, .hss/tls/ca.pem)",
  },
  'heartbeat-jitter': { type: 'number', help: 'heartbeat interval varies by ± this fraction (0–0.5)', default: 0.1 },
  'alarm-every': { type: 'number', help: 'mean seconds between brute-force alarms per agent; 0: none', default: 300 },
  'source-ips': {
    type: 'number',
    help: 'spread connections over 127.0.0.1…N (loopback gateways only); 0: as needed',
    default: 0,
  },
  prefix: { type: 'string', help: 'host name prefix: <prefix>-00001 …', default: 'sim' },
  first: { type: 'number', help: 'first host number (to run several simulators side by side)', default: 1 },
  concurrency: { type: 'number', help: 'handshakes in flight while connecting', default: 200 },
  quiet: { type: 'boolean', help: 'only the status lines; no per-agent messages' },
  help: { type: 'boolean', help: 'this text' },
} satisfies Record<string, OptionSpec>;

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseArgs<typeof OPTIONS>>;
  let ca: string | undefined;
  try {
    opts = parseArgs(process.argv.slice(2), OPTIONS);
    if (opts.help) {
      console.log(usage('npm run simulate --', OPTIONS));
      return;
    }
    if (!opts.token) throw new UsageError('--token is required: an enrollment token from createEnrollmentToken.');
    if (!Number.isInteger(opts.agents) || opts.agents < 1) throw new UsageError('--agents must be a positive integer.');
    const caFile = opts.ca ?? localControlPlaneCa(opts.gateway);
    if (caFile) {
      try {
        ca = fs.readFileSync(caFile, 'utf8');
      } catch {
        throw new UsageError(`--ca ${caFile} cannot be read.`);
      }
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${usage('npm run simulate --', OPTIONS)}`);
    process.exit(2);
  }

  const loopback = /^wss?:\/\/(127\.|localhost[:/])/.test(opts.gateway);
  let sources = opts['source-ips'] || (loopback ? sourcesFor(opts.agents) : 1);
  if (sources > 1 && !loopback) {
    console.error('--source-ips spreads connections over 127.0.0.x and needs a gateway on a loopback address; ignoring it.');
    sources = 1;
  }
  const perProcess = agentsPerClientProcess();
  const processes = Math.ceil(opts.agents / perProcess);
  const limit = openFileLimit();
  if (!opts.quiet) {
    console.error(
      `${opts.agents} agents → ${opts.gateway} in ${processes} client process(es) of ≤ ${perProcess} ` +
        `(open-file limit ${limit ? `${limit.soft}/${limit.hard}` : 'unknown'} per process)` +
        (sources > 1 ? `, from ${sources} source addresses 127.0.0.1–${sources}` : ''),
    );
  }

  const clients = forkClients(processes);
  const share = Math.ceil(opts.agents / processes);
  await Promise.all(
    clients.map((client, i) =>
      client.ask('start', {
        gatewayUrl: opts.gateway,
        ca,
        token: opts.token,
        prefix: opts.prefix,
        first: opts.first + i * share,
        count: Math.min(share, opts.agents - i * share),
        sourceAddresses: sources > 1 ? loopbackSources(sources) : [],
        heartbeatJitter: opts['heartbeat-jitter'],
        alarmEverySeconds: opts['alarm-every'],
        autoReports: true,
        retryReports: true,
        concurrency: Math.max(1, Math.ceil(opts.concurrency / processes)),
        verbose: !opts.quiet,
      }),
    ),
  );

  const status = async () => console.log(formatStatus(mergeStats(await Promise.all(clients.map((c) => c.ask('stats'))))));
  const timer = setInterval(() => void status().catch(() => {}), 5000);

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      console.error('Stopping now.');
      process.exit(130);
    }
    stopping = true;
    clearInterval(timer);
    console.error('\nStopping the simulated agents (Ctrl-C again to quit at once)…');
    await status().catch(() => {});
    await Promise.all(clients.map((c: ClientProcess) => c.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

await main();
