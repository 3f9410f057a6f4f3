// A TCP proxy on loopback for the scale-out failure tests. Each connection goes to the first
// of its upstreams that accepts it, so a client keeps one address while the instance behind it
// changes (as behind a load balancer); and the proxy can be cut (every connection dropped, new
// ones refused), which to a client looks like the server behind it going away.
import net from 'node:net';

/** Where the proxy forwards to. */
export interface Upstream {
  host: string;
  port: number;
}

/** A running proxy. */
export interface FailoverProxy {
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Drops every connection and refuses new ones until `restore`. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

/** The host and port of a `redis://` or `http://` URL. */
export function upstreamOf(url: string): Upstream {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/** Starts a proxy to `upstreams` (tried in order); `cut` starts it refusing connections. */
export async function startFailoverProxy(upstreams: Upstream[], options: { cut?: boolean } = {}): Promise<FailoverProxy> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy()); // a cut connection is the point; its errors are not
  };

  const server = net.createServer((client) => {
    track(client);
    client.pause();
    const connect = (index: number) => {
      if (index >= upstreams.length || client.destroyed) return client.destroy();
      const upstream = net.connect(upstreams[index].port, upstreams[index].host);
      const refused = () => connect(index + 1);
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        track(upstream);
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    connect(0);
  });

  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (server.listening) server.close(() => resolve());
      else resolve();
    });

  await listen();
  if (options.cut) await stop();
  return {
    get port() {
      return port;
    },
    cut: stop,
    restore: listen,
    close: stop,
  };
}
