import type { RequestListener } from 'node:http';

/**
 * The servers every adapter's HTTP benchmark compares: a bare app of its framework (no verification), a
 * hand-written route that signs with `crypto.sign()` inline (`handwritten-sync`) or with its callback form on
 * the thread pool as core does (`handwritten`, the baseline), and the adapter itself (`plugin`).
 *
 * @example
 * ```ts
 * const kind: ServerKind = 'handwritten';
 * ```
 */
export type ServerKind = 'bare' | 'handwritten-sync' | 'handwritten' | 'plugin';

/**
 * The key material a benchmark server is started with (PEM text, so it crosses the process boundary).
 *
 * @example
 * ```ts
 * const publicKey = createPublicKey(keys.senderCertificatePem);
 * ```
 */
export interface BenchKeys {
  serialNo: string;
  senderCertificatePem: string;
  answerKeyId: string;
  answerPrivateKeyPem: string;
}

/**
 * What an adapter's `bench/servers.ts` exports: a request listener for one kind of server. The harness runs it
 * in a child process under `http.createServer(listener)`, as `app.listen()` of Express and Koa does.
 *
 * @example
 * ```ts
 * export const createBenchServer: BenchServerFactory = (kind, keys) => buildApp(kind, keys).callback();
 * ```
 */
export type BenchServerFactory = (kind: ServerKind, keys: BenchKeys) => RequestListener;

/** @internal The module shape the child process imports. */
export interface BenchServerModule {
  createBenchServer: BenchServerFactory;
}

/** @internal The first message the harness sends to a server's child process. */
export interface ServerStart {
  serverModule: string;
  kind: ServerKind;
  keys: BenchKeys;
}
