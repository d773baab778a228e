/**
 * Listening sockets from proc/net/{tcp,tcp6,udp,udp6}: TCP sockets in state LISTEN (0A) and
 * unconnected UDP sockets (state 07, TCP_CLOSE: bound and receiving from anyone; a connected UDP
 * client socket is 01 and is not a listener). The owner is found by matching the socket's inode
 * with the `socket:[inode]` links in proc/<pid>/fd, which only root can read for other users'
 * processes: without them, ports are reported without a pid.
 */
import { clip, type HostRoot, type ScanContext } from '../host-root.js';
import type { Port } from '../types.js';
import { listPids, readComm } from './proc.js';

const TABLES = ['tcp', 'tcp6', 'udp', 'udp6'] as const;
const TCP_LISTEN = '0A';
const UDP_UNCONNECTED = '07';

export interface Socket {
  protocol: Port['protocol'];
  address: string;
  port: number;
  inode: number;
}

export function collectPorts(ctx: ScanContext): Port[] {
  const sockets: Socket[] = [];
  for (const table of TABLES) {
    const text = ctx.root.readText(`proc/net/${table}`);
    if (text !== undefined) sockets.push(...parseNetTable(text, table, ctx));
  }
  if (sockets.length === 0) return [];
  const owners = socketOwners(ctx.root);
  const seen = new Set<string>();
  const out: Port[] = [];
  for (const s of sockets) {
    const owner = s.inode > 0 ? owners.get(s.inode) : undefined;
    // SO_REUSEPORT and forked servers show the same socket several times: report it once.
    const key = `${s.protocol} ${s.address} ${s.port} ${owner?.pid ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      protocol: s.protocol,
      address: s.address,
      port: s.port,
      ...(owner ? { pid: owner.pid } : {}),
      ...(owner?.name !== undefined ? { process: clip(owner.name, 256) } : {}),
    });
  }
  return out;
}

/** Parses one proc/net table; lines that do not parse are counted under `ports.malformedLine`. */
export function parseNetTable(text: string, protocol: Port['protocol'], ctx: ScanContext): Socket[] {
  const out: Socket[] = [];
  const lines = text.split('\n');
  const wanted = protocol.startsWith('tcp') ? TCP_LISTEN : UDP_UNCONNECTED;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (i === 0 || line === '') continue; // header
    const cols = line.split(/\s+/);
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode …
    const local = cols[1];
    const state = cols[3];
    const inode = Number(cols[9]);
    const parsed = local ? parseEndpoint(local) : undefined;
    if (!parsed || !state || !/^[0-9A-Fa-f]{2}$/.test(state) || !Number.isSafeInteger(inode) || inode < 0) {
      ctx.skips.add('ports.malformedLine');
      continue;
    }
    if (state.toUpperCase() !== wanted) continue;
    out.push({ protocol, address: parsed.address, port: parsed.port, inode });
  }
  return out;
}

/** "0100007F:0016" → 127.0.0.1, 22. Addresses are in host (little-endian) order, ports big-endian. */
export function parseEndpoint(value: string): { address: string; port: number } | undefined {
  const m = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(value);
  if (!m) return undefined;
  const hex = m[1]!;
  const port = Number.parseInt(m[2]!, 16);
  return { address: hex.length === 8 ? decodeIpv4(hex) : decodeIpv6(hex), port };
}

/** Eight hex digits of a little-endian 32-bit word: the bytes come in reverse. */
export function decodeIpv4(hex: string): string {
  const bytes = [6, 4, 2, 0].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return bytes.join('.');
}

/**
 * 32 hex digits: four 32-bit words, each little-endian (the kernel prints s6_addr32[i] with %08X).
 * Written in the RFC 5952 form: lower case, the longest run of zero groups as "::", and
 * IPv4-mapped addresses as ::ffff:a.b.c.d.
 */
export function decodeIpv6(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (const i of [6, 4, 2, 0]) bytes.push(Number.parseInt(word.slice(i, i + 2), 16));
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const text = groups.map((g) => g.toString(16));
  if (bestStart < 0) return text.join(':');
  return `${text.slice(0, bestStart).join(':')}::${text.slice(bestStart + bestLen).join(':')}`;
}

/** inode → the first (lowest) pid holding it, with its name. */
function socketOwners(root: HostRoot): Map<number, { pid: number; name: string | undefined }> {
  const owners = new Map<number, { pid: number; name: string | undefined }>();
  for (const pid of listPids(root)) {
    for (const fd of root.list(`proc/${pid}/fd`)) {
      const link = root.readlink(`proc/${pid}/fd/${fd}`);
      const m = link ? /^socket:\[(\d+)\]$/.exec(link) : null;
      if (!m) continue;
      const inode = Number(m[1]);
      if (!owners.has(inode)) owners.set(inode, { pid, name: readComm(root, pid) });
    }
  }
  return owners;
}
