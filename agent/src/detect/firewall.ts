import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Commands that block and unblock an IP, as argv templates with {ip} and {seconds}. They run
 * without a shell, and only for a validated IP address, so nothing in a log line can inject.
 * The default uses nftables (a set in its own table, created on the first block).
 */
export interface FirewallCommands {
  setup: string[][];
  block: string[];
  unblock: string[];
}

export const NFTABLES: FirewallCommands = {
  setup: [
    ['nft', 'add', 'table', 'inet', 'hss'],
    ['nft', 'add', 'set', 'inet', 'hss', 'blocked4', '{ type ipv4_addr; }'],
    ['nft', 'add', 'set', 'inet', 'hss', 'blocked6', '{ type ipv6_addr; }'],
    ['nft', 'add', 'chain', 'inet', 'hss', 'input', '{ type filter hook input priority -10; }'],
    ['nft', 'add', 'rule', 'inet', 'hss', 'input', 'ip', 'saddr', '@blocked4', 'drop'],
    ['nft', 'add', 'rule', 'inet', 'hss', 'input', 'ip6', 'saddr', '@blocked6', 'drop'],
  ],
  block: ['nft', 'add', 'element', 'inet', 'hss', 'blocked{family}', '{ {ip} }'],
  unblock: ['nft', 'delete', 'element', 'inet', 'hss', 'blocked{family}', '{ {ip} }'],
};

/** Reads HSS_AGENT_BLOCK_CMD / HSS_AGENT_UNBLOCK_CMD (space-separated argv templates) when set. */
export function firewallFromEnv(env: NodeJS.ProcessEnv = process.env): FirewallCommands {
  if (!env.HSS_AGENT_BLOCK_CMD) return NFTABLES;
  if (!env.HSS_AGENT_UNBLOCK_CMD)
    throw new Error('HSS_AGENT_BLOCK_CMD is set but HSS_AGENT_UNBLOCK_CMD is not: set both, or neither for nftables.');
  return {
    setup: [],
    block: env.HSS_AGENT_BLOCK_CMD.split(/\s+/).filter(Boolean),
    unblock: env.HSS_AGENT_UNBLOCK_CMD.split(/\s+/).filter(Boolean),
  };
}

export class Firewall {
  private ready = false;
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly commands: FirewallCommands,
    private readonly log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void,
  ) {}

  /** Blocks `ip` and lifts the block after `seconds`. */
  async block(ip: string, seconds: number): Promise<void> {
    if (!net.isIP(ip)) return;
    await this.setup();
    if (await this.exec(this.commands.block, ip, seconds)) this.log('info', 'blocked an IP', { ip, seconds });
    clearTimeout(this.timers.get(ip));
    const timer = setTimeout(() => void this.unblock(ip), seconds * 1000);
    timer.unref();
    this.timers.set(ip, timer);
  }

  async unblock(ip: string): Promise<void> {
    clearTimeout(this.timers.get(ip));
    this.timers.delete(ip);
    if (await this.exec(this.commands.unblock, ip, 0)) this.log('info', 'lifted an expired block', { ip });
  }

  /** Lifts every block this agent set (on shutdown the timers would be lost). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.timers.keys()].map((ip) => this.unblock(ip)));
  }

  private async setup(): Promise<void> {
    if (this.ready) return;
    this.ready = true;
    // Idempotent enough: "exists" errors on a second run are expected and ignored.
    for (const argv of this.commands.setup) await this.exec(argv, '', 0, true);
  }

  private async exec(template: string[], ip: string, seconds: number, quiet = false): Promise<boolean> {
    const family = net.isIPv6(ip) ? '6' : '4';
    const argv = template.map((part) =>
      part.replaceAll('{ip}', ip).replaceAll('{seconds}', String(seconds)).replaceAll('{family}', family),
    );
    try {
      await run(argv[0]!, argv.slice(1), { timeout: 10_000 });
      return true;
    } catch (err) {
      if (!quiet) this.log('error', 'a firewall command failed', { command: argv.join(' '), error: (err as Error).message });
      return false;
    }
  }
}
