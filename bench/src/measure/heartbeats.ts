import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { now } from '../sim-agent.js';
import type { ClientProcess } from '../worker/pool.js';
import type { BlastArgs, BlastResult } from '../worker/protocol.js';
import { progress, round } from './util.js';

export interface HeartbeatResult {
  heartbeats_per_s: number | null;
  echo_per_s: number | null;
  /** Server CPU (user + system) per heartbeat handled, in µs: what a frame costs, whoever is the bottleneck. */
  cpu_us_per_heartbeat: number | null;
  echo_cpu_us_per_heartbeat: number | null;
  connections: number;
  window_s: number;
  lost_connections: number;
}

/**
 * Every client process blasts over its share of the connections, all starting at the same
 * instant (echo connections are opened first, so the window holds frames only). `cpu` reads
 * the server's CPU time (µs) at the start of the window and at its end.
 */
async function run(
  clients: ClientProcess[],
  args: Omit<BlastArgs, 'startAt' | 'connections'> & { connections: number },
  cpu: () => Promise<number>,
) {
  const startAt = now() + (args.target === 'echo' ? 3000 : 500);
  const share = Math.ceil(args.connections / clients.length);
  let cpuAtStart = 0;
  const sample = new Promise<void>((resolve) =>
    setTimeout(async () => {
      cpuAtStart = await cpu();
      resolve();
    }, startAt - now()),
  );
  const results: BlastResult[] = await Promise.all(
    clients.map((c, i) =>
      c.ask('blast', { ...args, startAt, connections: Math.max(0, Math.min(share, args.connections - i * share)) }),
    ),
  );
  await sample;
  const cpuUs = (await cpu()) - cpuAtStart;
  const heartbeats = results.reduce((n, r) => n + r.heartbeats, 0);
  const endedAt = Math.max(...results.map((r) => r.endedAt));
  return {
    perSecond: heartbeats / ((endedAt - startAt) / 1000),
    cpuPerHeartbeat: heartbeats ? cpuUs / heartbeats : null,
    connections: results.reduce((n, r) => n + r.connections, 0),
    lost: results.reduce((n, r) => n + r.lostConnections, 0),
  };
}

const ownCpu = async () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function startEchoServer(): Promise<{ url: string; cpu(): Promise<number>; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./echo-server.js', import.meta.url)), [], { stdio: ['ignore', 2, 2, 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`echo server exited (${code})`)));
  });
  return {
    url: `ws://127.0.0.1:${port}`,
    cpu: () =>
      new Promise((resolve) => {
        child.once('message', (m: { cpuUs: number }) => resolve(m.cpuUs));
        child.send('cpu');
      }),
    stop: () => child.kill('SIGKILL'),
  };
}

/**
 * Heartbeats the gateway handles per second when agents send them as fast as it takes them,
 * against the same clients sending the same frames to a bare ws echo server for the same window.
 */
export async function measureHeartbeats(
  clients: ClientProcess[],
  opts: { connections: number; windowMs: number; batch: number; sourceAddresses: string[] },
): Promise<HeartbeatResult> {
  progress(`heartbeats: ${opts.connections} agents beat as fast as the gateway takes it for ${opts.windowMs / 1000} s`);
  const hss = await run(clients, { target: 'agents', ...opts }, ownCpu);
  progress(`heartbeats: gateway ${hss.perSecond.toFixed(0)}/s over ${hss.connections} connections; now the ws echo baseline`);
  const echo = await startEchoServer();
  try {
    const baseline = await run(clients, { target: 'echo', echoUrl: echo.url, ...opts }, echo.cpu);
    progress(`heartbeats: echo ${baseline.perSecond.toFixed(0)}/s over ${baseline.connections} connections`);
    return {
      heartbeats_per_s: round(hss.perSecond, 0),
      echo_per_s: round(baseline.perSecond, 0),
      cpu_us_per_heartbeat: round(hss.cpuPerHeartbeat, 2),
      echo_cpu_us_per_heartbeat: round(baseline.cpuPerHeartbeat, 2),
      connections: hss.connections,
      window_s: opts.windowMs / 1000,
      lost_connections: hss.lost,
    };
  } finally {
    echo.stop();
  }
}
