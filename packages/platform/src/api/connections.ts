import type { Server } from 'node:http';
import { BlockList, isIP, type Socket } from 'node:net';

/**
 * At most `max` open connections from one address; more are closed as they arrive, so one
 * client holding sockets open (slow bodies, idle keep-alives) cannot take every descriptor.
 * Trusted proxies carry everyone's connections and are exempt.
 */
export function capConnectionsPerAddress(server: Server, max: number, exempt: (address: string) => boolean = () => false): void {
  if (!(max > 0)) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (exempt(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** A matcher for a list of addresses and CIDR ranges (IPv4 and IPv6), as --trust-proxy takes. */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.trim().split('/');
    const type = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : undefined;
    if (!type) throw new Error(`not an IP address or CIDR range: "${entry}"`);
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (type === 'ipv4' ? 32 : 128)) throw new Error(`bad prefix length in "${entry}"`);
      list.addSubnet(address, prefix, type);
    }
  }
  return (address) => {
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    return isIP(plain) !== 0 && list.check(plain, type);
  };
}
