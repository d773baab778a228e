import { now } from '../sim-agent.js';
import { mergeStats } from '../stats.js';
import type { ClientProcess } from '../worker/pool.js';
import { progress, sleep } from './util.js';

export interface ConnectResult {
  connected: number;
  attempted: number;
  connectFailures: number;
  seconds: number;
  /** Why connecting stopped before the target, if it did. */
  stoppedBecause: string | null;
}

/**
 * Connects and enrolls up to `target` agents spread over the client processes, and stops early
 * when failures mount or the time budget runs out: the run must end by itself.
 */
export async function connectAgents(
  clients: ClientProcess[],
  opts: {
    gatewayUrl: string;
    token: string;
    target: number;
    sourceAddresses: string[];
    concurrency: number;
    budgetMs: number;
    /** Give up when failures exceed this many, or 2 % of the attempts, whichever is larger. */
    maxFailures: number;
  },
): Promise<ConnectResult> {
  const started = now();
  const share = Math.ceil(opts.target / clients.length);
  await Promise.all(
    clients.map((client, i) =>
      client.ask('start', {
        gatewayUrl: opts.gatewayUrl,
        token: opts.token,
        prefix: 'sim',
        first: 1 + i * share,
        count: Math.max(0, Math.min(share, opts.target - i * share)),
        sourceAddresses: opts.sourceAddresses,
        heartbeatJitter: 0.1,
        alarmEverySeconds: 0,
        // The benchmark sends reports itself, when it measures them.
        autoReports: false,
        retryReports: false,
        concurrency: Math.max(1, Math.ceil(opts.concurrency / clients.length)),
        verbose: false,
      }),
    ),
  );
  let stoppedBecause: string | null = null;
  let lastLine = 0;
  for (;;) {
    await sleep(500);
    const all = await Promise.all(clients.map((c) => c.ask('stats')));
    const s = mergeStats(all);
    const pending = all.reduce((n, x) => n + x.pending, 0);
    const attempted = s.connected + s.connectFailures;
    const elapsed = now() - started;
    if (now() - lastLine > 5000) {
      lastLine = now();
      const rate = s.welcomes / (elapsed / 1000);
      progress(
        `connecting: ${s.connected}/${opts.target} connected, ${s.connectFailures} failed, ${rate.toFixed(0)} enrollments/s`,
      );
    }
    const launched = all.reduce((n, x) => n + x.launched, 0);
    const done = launched >= opts.target && pending === 0;
    if (done) break;
    if (!stoppedBecause && s.connectFailures > Math.max(opts.maxFailures, attempted * 0.02)) {
      stoppedBecause = `${s.connectFailures} connection failures (closes: ${JSON.stringify(s.closes)})`;
    } else if (!stoppedBecause && elapsed > opts.budgetMs) {
      stoppedBecause = `time budget of ${Math.round(opts.budgetMs / 1000)} s for connecting ran out`;
    }
    if (stoppedBecause) {
      progress(`stopping the ramp: ${stoppedBecause}`);
      await Promise.all(clients.map((c) => c.ask('halt')));
      // Let the handshakes in flight finish (or fail) before counting.
      for (let i = 0; i < 40; i++) {
        const left = (await Promise.all(clients.map((c) => c.ask('stats')))).reduce((n, x) => n + x.pending, 0);
        if (!left) break;
        await sleep(500);
      }
      break;
    }
  }
  const s = mergeStats(await Promise.all(clients.map((c) => c.ask('stats'))));
  return {
    connected: s.connected,
    attempted: s.welcomes + s.connectFailures,
    connectFailures: s.connectFailures,
    seconds: (now() - started) / 1000,
    stoppedBecause,
  };
}
