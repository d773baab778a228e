/** Counters of one client process; the parent adds up those of every client process. */
export interface SimStats {
  /** Agents started (connecting, connected or waiting to reconnect). */
  agents: number;
  /** Agents authenticated right now (a welcome received on the current connection). */
  connected: number;
  /** Agents holding a credential (enrolled at least once). */
  enrolled: number;
  welcomes: number;
  acks: number;
  /** Error frames received; by code in `errorCodes`. */
  errors: number;
  errorCodes: Record<string, number>;
  /** Connections that ended before a welcome (refused, reset, timed out, …). */
  connectFailures: number;
  /** Connections closed, by close code. */
  closes: Record<string, number>;
  reconnects: number;
  heartbeats: number;
  reportsSent: number;
  scans: number;
  policies: number;
  /** Agents that gave up for good: revoked, or their enrollment was refused. */
  stopped: number;
}

export function newStats(): SimStats {
  return {
    agents: 0,
    connected: 0,
    enrolled: 0,
    welcomes: 0,
    acks: 0,
    errors: 0,
    errorCodes: {},
    connectFailures: 0,
    closes: {},
    reconnects: 0,
    heartbeats: 0,
    reportsSent: 0,
    scans: 0,
    policies: 0,
    stopped: 0,
  };
}

export function count(map: Record<string, number>, key: string | number, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

export function mergeStats(all: SimStats[]): SimStats {
  const total = newStats();
  for (const s of all) {
    for (const key of Object.keys(total) as (keyof SimStats)[]) {
      const value = s[key];
      if (typeof value === 'number') (total[key] as number) += value;
      else for (const [k, n] of Object.entries(value)) count(total[key] as Record<string, number>, k, n);
    }
  }
  return total;
}

function breakdown(map: Record<string, number>): string {
  const entries = Object.entries(map).sort((a, b) => b[1] - a[1]);
  return entries.length ? ` (${entries.map(([k, n]) => `${k} ${n}`).join(', ')})` : '';
}

/** The simulator's one-line status. */
export function formatStatus(s: SimStats): string {
  const time = new Date().toISOString().slice(11, 19);
  return [
    `${time} agents ${s.agents}`,
    `connected ${s.connected}`,
    `enrolled ${s.enrolled}`,
    `acks ${s.acks}`,
    `errors ${s.errors}${breakdown(s.errorCodes)}`,
    `connect failures ${s.connectFailures}`,
    `reconnects ${s.reconnects}`,
    `heartbeats ${s.heartbeats}`,
    `reports ${s.reportsSent}`,
    `scans ${s.scans}`,
    `policies ${s.policies}`,
    ...(s.stopped ? [`stopped ${s.stopped}`] : []),
    ...(Object.keys(s.closes).length ? [`closes${breakdown(s.closes)}`] : []),
  ].join(' · ');
}
