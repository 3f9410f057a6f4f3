// The address a request came from: the socket's peer, or — only when that peer is a proxy the
// server was told to trust (--trust-proxy) — the nearest address in X-Forwarded-For that is not
// one of those proxies. Anyone else's X-Forwarded-For is ignored: a client cannot pick its own
// address to dodge the per-address sign-in delays.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) as `1.2.3.4`; other addresses as they are. */
const plainAddress = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/** Proxies whose X-Forwarded-For is believed: addresses or CIDR ranges (`10.0.0.0/8`). */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  /** Throws for an entry that is neither an IP address nor ADDRESS/PREFIX. */
  constructor(entries: string[] = []) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [address, prefix, extra] = entry.split('/');
      const family = isIP(address);
      if (family === 0 || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
        throw new Error(`not an IP address or range: ${entry}`);
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  private trusts(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** The client's address for `req`. */
  clientAddress(req: IncomingMessage): string {
    const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
    if (this.empty || !this.trusts(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => plainAddress(hop.trim()));
    // From the right: each hop was appended by the one after it; the first untrusted one is the client.
    for (let i = hops.length - 1; i >= 0; i--) {
      if (isIP(hops[i]) === 0) return peer; // a malformed hop: the chain cannot be believed past here
      if (!this.trusts(hops[i])) return hops[i];
    }
    return peer;
  }
}
