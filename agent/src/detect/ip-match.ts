import net from 'node:net';

/**
 * Whether `ip` is in any of `entries` (addresses or CIDR blocks, IPv4 or IPv6), using node's
 * own BlockList rather than hand-written bit arithmetic.
 */
export function ipMatcher(entries: readonly string[]): (ip: string) => boolean {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = net.isIPv6(address!) ? 'ipv6' : 'ipv4';
    if (!net.isIP(address!)) continue;
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return (ip) => {
    const type = net.isIPv6(ip) ? 'ipv6' : 'ipv4';
    return net.isIP(ip) !== 0 && list.check(ip, type);
  };
}
