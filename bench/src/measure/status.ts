import { Topic } from '@hss/server';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { now } from '../sim-agent.js';
import type { ClientProcess } from '../worker/pool.js';
import type { BenchPlane } from './control-plane.js';
import { percentile, progress, round, sleep } from './util.js';

export interface StatusResult {
  status_p50_ms: number | null;
  status_p99_ms: number | null;
  samples: number;
  missed: number;
}

/**
 * From an agent closing its socket (client clock) to the console hearing OFFLINE over the
 * `agentStatusChanged` subscription (same machine, same clock): what an operator waits for.
 * Disconnects are paced so that each one measures the path, not a queue of our making.
 */
export async function measureStatus(
  clients: ClientProcess[],
  plane: BenchPlane,
  opts: { samples: number; paceMs: number },
): Promise<StatusResult> {
  const offlineAt = new Map<string, number>();
  const ws = createClient({
    url: `${plane.app.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${plane.token}` },
    retryAttempts: 0,
    lazy: false,
  });
  const events = plane.app.services.events;
  const before = events.subscriberCount(Topic.AGENT_STATUS_CHANGED);
  const unsubscribe = ws.subscribe<{ agentStatusChanged: { serverId: string; status: string } }>(
    { query: 'subscription { agentStatusChanged { serverId status offlineReason } }' },
    {
      next: ({ data }) => {
        const change = data?.agentStatusChanged;
        if (change?.status === 'OFFLINE' && !offlineAt.has(change.serverId)) offlineAt.set(change.serverId, now());
      },
      error: (err) => progress(`status subscription failed: ${JSON.stringify(err)}`),
      complete: () => {},
    },
  );
  try {
    // The subscription is live once the server listens on the topic.
    for (let i = 0; i < 100 && events.subscriberCount(Topic.AGENT_STATUS_CHANGED) <= before; i++) await sleep(50);

    progress(`status: ${opts.samples} agents disconnect, one every ${opts.paceMs} ms`);
    const closed: { serverId: string; closedAt: number }[] = [];
    for (let i = 0; i < opts.samples; i++) {
      const d = await clients[i % clients.length]!.ask('disconnect');
      if (d) closed.push(d);
      await sleep(opts.paceMs);
    }
    const deadline = now() + 10_000;
    while (now() < deadline && closed.some((c) => !offlineAt.has(c.serverId))) await sleep(50);
    const latencies = closed.filter((c) => offlineAt.has(c.serverId)).map((c) => offlineAt.get(c.serverId)! - c.closedAt);
    return {
      status_p50_ms: round(percentile(latencies, 50)),
      status_p99_ms: round(percentile(latencies, 99)),
      samples: latencies.length,
      missed: closed.length - latencies.length,
    };
  } finally {
    unsubscribe();
    await ws.dispose();
  }
}
