// Child process of the HTTP benchmark: loads the adapter's transpiled bench/servers module, starts one kind
// of server on 127.0.0.1 port 0, reports its port, and on request its peak RSS (process.resourceUsage().maxRSS),
// so every server is measured in its own process. It imports nothing but Node built-ins, so the harness
// (autocannon, the TypeScript compiler) never sits in a measured process's memory.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { BenchServerModule, ServerStart } from './types.js';

process.once('message', (start: ServerStart) => {
  process.on('message', (message: unknown) => {
    if (message === 'rss') process.send?.({ maxRssKiB: process.resourceUsage().maxRSS });
  });
  void import(pathToFileURL(start.serverModule).href).then(({ createBenchServer }: BenchServerModule) => {
    const server = createServer(createBenchServer(start.kind, start.keys)).listen(0, '127.0.0.1', () => {
      process.send?.({ port: (server.address() as AddressInfo).port });
    });
  });
});
