import { spawn } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import http from 'node:http';
import type { ConformanceTarget, PluginOptions } from './define-conformance-suite.js';
import { serveOnLoopback } from './serve-on-loopback.js';
import { SCENARIO_PATH, fromWire, toWire, type Scenario, type WireValue } from './remote/index.js';

/**
 * A server running the scenario server of `@auditnotify/conformance/remote` in another runtime.
 *
 * @example
 * ```ts
 * const runtime: RemoteRuntime = await spawnRuntimeServer('bun', ['run', 'test/runtimes/bun-server.ts']);
 * await runtime.stop();
 * ```
 */
export interface RemoteRuntime {
  /** `http://127.0.0.1:PORT` */
  url: string;
  stop(): Promise<void>;
}

/**
 * Spawns a runtime's server entry and waits for the line `listening http://127.0.0.1:PORT` on its stdout. Fails
 * with the process's stderr when it exits before listening.
 *
 * @example
 * ```ts
 * const runtime = await spawnRuntimeServer(denoBinary, ['run', '--allow-net', '--allow-read', 'test/runtimes/deno-server.ts']);
 * ```
 */
export function spawnRuntimeServer(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RemoteRuntime> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => void (stderr += text));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`${command} ${args.join(' ')} exited (${code ?? signal}) before listening:\n${stderr}${stdout}`)));
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const match = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1] === undefined) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: match[1],
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}

/**
 * A conformance target whose apps are served by another runtime, and how to stop that runtime and the
 * callback server.
 *
 * @example
 * ```ts
 * const remote: RemoteTarget = createRemoteTarget({ name: 'fetch on Bun', start: startBun, createMiddleware: createFetchHandler });
 * ```
 */
export interface RemoteTarget {
  target: ConformanceTarget;
  stop(): Promise<void>;
}

/**
 * A target for `defineConformanceSuite` and `defineInteropSuite` whose apps run in another runtime. The runtime
 * is started on the first app; each test installs its options there (`POST /__conformance/scenario`), and every
 * function among them (handler, hooks, logger, clock) runs here, called back over HTTP on 127.0.0.1, so the
 * suites' assertions see exactly what they see in process. The start-up validation cases call
 * `createMiddleware` here, in Node. Call `stop()` in `afterAll`.
 *
 * @example
 * ```ts
 * const remote = createRemoteTarget({ name: 'fetch on Bun', start: startBun, createMiddleware: createFetchHandler });
 * afterAll(() => remote.stop());
 * defineConformanceSuite(remote.target);
 * ```
 */
export function createRemoteTarget(options: {
  name: string;
  start(): Promise<RemoteRuntime>;
  createMiddleware: ConformanceTarget['createMiddleware'];
  answersExpectContinue?: boolean;
  mayResetAfterRefusing?: boolean;
  buffersPartialBodies?: boolean;
}): RemoteTarget {
  let runtime: Promise<RemoteRuntime> | undefined;
  let callbacks: Promise<{ url: string; close(): Promise<void> }> | undefined;
  const scenarios = new Map<number, PluginOptions>();
  let nextId = 1;

  return {
    stop: async () => {
      await Promise.all([runtime?.then((r) => r.stop()), callbacks?.then((c) => c.close())]);
    },
    target: {
      name: options.name,
      createMiddleware: options.createMiddleware,
      ...(options.answersExpectContinue === undefined ? {} : { answersExpectContinue: options.answersExpectContinue }),
      ...(options.mayResetAfterRefusing === undefined ? {} : { mayResetAfterRefusing: options.mayResetAfterRefusing }),
      ...(options.buffersPartialBodies === undefined ? {} : { buffersPartialBodies: options.buffersPartialBodies }),
      async createApp(pluginOptions, setup = {}) {
        runtime ??= options.start();
        callbacks ??= serveCallbacks(scenarios);
        const [{ url }, { url: callbackUrl }] = await Promise.all([runtime, callbacks]);
        const id = nextId++;
        scenarios.set(id, pluginOptions);
        const scenario: Scenario = { id, options: toWire(withPublicKeysForWeb(pluginOptions)), setup, callbackUrl };
        const installed = await controlRequest(url + SCENARIO_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenario) });
        const outcome = (await installed.json()) as { ok: boolean; error?: WireValue };
        if (!outcome.ok) throw fromWire(outcome.error ?? null);
        return {
          url,
          close: async () => {
            await controlRequest(url + SCENARIO_PATH, { method: 'DELETE' });
            scenarios.delete(id);
          },
        };
      },
    },
  };
}

/**
 * A request to the scenario server's control endpoint, sent again once when the connection closed before any
 * answer came. That happens when a kept-alive connection is reused just as the runtime closes it for being
 * idle (workerd does so under load), and both control requests are idempotent: `POST` replaces the installed
 * scenario, `DELETE` removes it. The suites' own requests are never retried.
 */
export async function controlRequest(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = ((error as { cause?: { code?: unknown } }).cause ?? {}).code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
}

/**
 * Sender certificates given as PEM text become their SPKI public key, as deployers of a WebCrypto runtime pass
 * them (core's web build imports SPKI, PKCS#1 and JWK keys, not X.509 certificates). Anything else is kept.
 */
function withPublicKeysForWeb(options: PluginOptions): PluginOptions {
  if (!Array.isArray(options.senders)) return options;
  const senders = options.senders.map((sender) => {
    const key: unknown = sender.publicKey;
    if (typeof key !== 'string' || !key.includes('BEGIN CERTIFICATE')) return sender;
    return { ...sender, publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString() };
  });
  return { ...options, senders };
}

/** The test-side end of the callbacks: runs the scenario's real function named by `path` and answers its outcome. */
async function serveCallbacks(scenarios: Map<number, PluginOptions>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (outcome: { value?: WireValue; error?: WireValue }): void =>
        void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome));
      const options = scenarios.get(Number(/^\/call\/(\d+)$/.exec(req.url ?? '')?.[1]));
      const { path, args } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { path: string; args: WireValue };
      const fn = options === undefined ? undefined : lookup(options, path);
      if (typeof fn !== 'function') return answer({ error: toWire(new Error(`no function at ${path}`)) });
      Promise.resolve()
        // A function among the arguments (the handler context's answer()) runs where it was made: calling it
        // here returns a request to call it there ({ $call }), which the scenario server carries out.
        .then(() => (fn as (...a: unknown[]) => unknown).apply(lookup(options, path.split('.').slice(0, -1).join('.')), fromWire(args, (at) => (...a: unknown[]) => ({ $call: at, args: a })) as unknown[]))
        .then(
          (value) => answer(value === undefined ? {} : { value: toWire(value) }),
          (error: unknown) => answer({ error: toWire(error instanceof Error ? error : new Error(String(error))) }),
        );
    });
  });
  return serveOnLoopback(server.listen(0, '127.0.0.1'));
}

function lookup(root: unknown, path: string): unknown {
  if (path === '') return root;
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
}
