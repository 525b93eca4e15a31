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
 * The servers of the store benchmark: the plugin with the same inbox, nonce store and rate limiter kept in
 * memory (the baseline), in an SQLite file, or in Redis.
 *
 * @example
 * ```ts
 * const kind: StoreKind = 'sqlite';
 * ```
 */
export type StoreKind = 'memory' | 'sqlite' | 'redis';

/**
 * The key material a benchmark server is started with (PEM text, so it crosses the process boundary).
 *
 * @example
 * ```ts
 * const publicKey = createPublicKey(keys.senderCertificatePem);
 * ```
 */
export interface BenchKeys {
  /** Store benchmark: the SQLite file or Redis URL the server keeps its state in. */
  store?: string;
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

/**
 * What `bench/store-servers.ts` exports: the plugin over one kind of store.
 *
 * @example
 * ```ts
 * export const createBenchServer: StoreServerFactory = (kind, keys) => buildApp(kind, keys);
 * ```
 */
export type StoreServerFactory = (kind: StoreKind, keys: BenchKeys) => RequestListener;

/** @internal The module shape the child process imports. */
export interface BenchServerModule {
  createBenchServer: (kind: ServerKind | StoreKind, keys: BenchKeys) => RequestListener;
}

/** @internal The first message the harness sends to a server's child process. */
export interface ServerStart {
  serverModule: string;
  kind: ServerKind | StoreKind;
  keys: BenchKeys;
}
