import net from 'node:net';

/**
 * A TCP relay in front of an app that counts the bytes it forwarded to the app.
 *
 * @example
 * ```ts
 * const relay: CountingRelay = await createCountingRelay(app.url);
 * expect(relay.bytesToServer()).toBeLessThan(1024 ** 3);
 * ```
 */
export interface CountingRelay {
  /** `http://127.0.0.1:port` of the relay. */
  readonly url: string;
  /** Bytes forwarded from clients to the app so far: an upper bound of what the app received. */
  bytesToServer(): number;
  close(): Promise<void>;
}

/**
 * Starts a byte-counting TCP relay on 127.0.0.1 port 0 in front of `target`, so a test can show how much
 * of a request body reached the server without instrumenting the framework under test.
 *
 * @example
 * ```ts
 * const relay = await createCountingRelay(app.url);
 * await fetch(`${relay.url}/health`);
 * console.log(relay.bytesToServer());
 * ```
 */
export async function createCountingRelay(target: string): Promise<CountingRelay> {
  const { hostname, port } = new URL(target);
  let forwarded = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let upstreamGone = false;
    client.on('data', (chunk: Buffer) => {
      // Once the app closed its side, the rest is read and dropped, as a reverse proxy would.
      if (upstreamGone) return;
      forwarded += chunk.length;
      // Forward with backpressure, so unread bytes pile up in the client, not in the relay.
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('end', () => upstream.end());
    // The app may reset the connection after answering (unread body): deliver what it sent, then end.
    const upstreamDone = (): void => {
      if (upstreamGone) return;
      upstreamGone = true;
      client.resume();
      client.end();
    };
    upstream.on('end', upstreamDone).on('error', upstreamDone).on('close', upstreamDone);
    client.on('error', () => upstream.destroy()).on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    bytesToServer: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
