import fs from 'node:fs';

/**
 * The limits that decide how many agents one machine can simulate and serve. Node raises its
 * own soft open-file limit to the hard one at start, so the hard limit is what counts: every
 * WebSocket is one descriptor on each side.
 */
export function openFileLimit(): { soft: number; hard: number } | null {
  try {
    const line = fs
      .readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = (line?.match(/(\d+|unlimited)\s+(\d+|unlimited)/) ?? [])
      .slice(1)
      .map((v) => (v === 'unlimited' ? Infinity : Number(v)));
    return soft !== undefined && hard !== undefined ? { soft, hard } : null;
  } catch {
    return null;
  }
}

/** Ephemeral ports one source address can use toward one server address and port. */
export function ephemeralPorts(): number {
  try {
    const [low, high] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return (high ?? 60999) - (low ?? 32768) + 1;
  } catch {
    return 28232;
  }
}

/** 127.0.0.1 … 127.0.0.n: loopback has the whole 127/8, each address with its own ephemeral ports. */
export function loopbackSources(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `127.0.0.${1 + (i % 254)}`);
}

/**
 * How many source addresses N connections need: bound sockets (localAddress) draw their port
 * from one address's range whatever the destination, and closed connections linger in
 * TIME_WAIT, so aim at a third of the range per address.
 */
export function sourcesFor(connections: number): number {
  return Math.max(1, Math.ceil(connections / Math.floor(ephemeralPorts() / 3)));
}

/** Agents one client process can hold, leaving room for its other descriptors. */
export function agentsPerClientProcess(): number {
  const limit = openFileLimit();
  const hard = limit ? limit.hard : 10_000;
  return Math.max(500, Math.min(10_000, hard - 500));
}
