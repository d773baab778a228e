/**
 * The host's identity as the protocol's HostFacts, read below the root like everything else so a
 * fixture tree describes a whole host. Only the IP addresses come from the running system, and
 * only when the root is '/': a fixture tree has no network interfaces.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Architecture, type HostFacts } from '@hss/schema';
import { clip, type HostRoot, type Skips } from './host-root.js';

export const AGENT_VERSION: string = readAgentVersion();

export function readHostFacts(root: HostRoot, skips: Skips): HostFacts {
  const osRelease = parseOsRelease(root.readText('etc/os-release') ?? root.readText('usr/lib/os-release') ?? '');
  let hostname = firstLine(root.readText('etc/hostname'));
  if (!hostname && root.isLive) hostname = os.hostname();
  if (!hostname) {
    skips.add('host.hostnameMissing');
    hostname = 'localhost';
  }
  let machineId = firstLine(root.readText('etc/machine-id')) ?? firstLine(root.readText('var/lib/dbus/machine-id'));
  if (!machineId) {
    skips.add('host.machineIdMissing');
    skips.note('No etc/machine-id: the control plane will match this host by hostname and IP only.');
    machineId = 'unknown';
  }
  return {
    hostname: clip(hostname, 253),
    machineId: clip(machineId, 128),
    ips: root.isLive ? liveIps() : [],
    osName: clip(osRelease.NAME ?? osRelease.ID ?? 'Linux', 128),
    osVersion: clip(osRelease.VERSION_ID ?? osRelease.VERSION ?? '', 64),
    kernel: clip(firstLine(root.readText('proc/sys/kernel/osrelease')) ?? (root.isLive ? os.release() : ''), 128),
    architecture: architectureOf(process.arch),
    agentVersion: AGENT_VERSION,
  };
}

/** Node's process.arch → the protocol's enum. Other architectures are not supported by HSS. */
export function architectureOf(arch: string): Architecture {
  if (arch === 'x64') return Architecture.X86_64;
  if (arch === 'arm64') return Architecture.ARM64;
  throw new Error(`Unsupported architecture "${arch}": the HSS agent runs on x86_64 and arm64 only.`);
}

/** os-release(5): KEY=value lines, values optionally quoted with shell-style escapes. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let value = m[2]!;
    const q = /^(["'])(.*)\1$/.exec(value);
    if (q) value = q[1] === '"' ? q[2]!.replace(/\\(["$`\\])/g, '$1') : q[2]!;
    out[m[1]!] = value;
  }
  return out;
}

/** Non-internal, non-link-local addresses of the running system. */
function liveIps(): string[] {
  const ips: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal || a.address.startsWith('fe80:') || a.address.includes('%')) continue;
      if (!ips.includes(a.address)) ips.push(a.address);
    }
  }
  return ips.slice(0, 64);
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n')[0]?.trim();
  return line ? line : undefined;
}

function readAgentVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
