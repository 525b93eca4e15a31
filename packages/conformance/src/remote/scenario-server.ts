import { fromWire, toWire, type WireValue } from './wire-value.js';

/**
 * Path of the control endpoint a runtime's scenario server answers: `POST` installs a scenario, `DELETE` removes it.
 */
export const SCENARIO_PATH = '/__conformance/scenario';

/**
 * What the test process sends to install one app: the plugin options in their wire form (functions as slots
 * the app calls back), the app setup, and where the callbacks go.
 *
 * @example
 * ```ts
 * const scenario: Scenario = { id: 3, options: toWire(options), setup: {}, callbackUrl: 'http://127.0.0.1:4100' };
 * ```
 */
export interface Scenario {
  id: number;
  options: WireValue;
  setup: { bodyParserFirst?: 'json' | 'raw' };
  callbackUrl: string;
}

/**
 * Builds the app of one scenario from its revived options (functions that call back to the test process), at
 * once or after awaiting something (importing keys where they cannot be loaded synchronously); throws as the
 * plugin factory does for bad options.
 *
 * @example
 * ```ts
 * const build: BuildApp = (options, setup) => createConformanceFetchApp(options, setup);
 * ```
 */
export type BuildApp = (
  options: Record<string, unknown>,
  setup: Scenario['setup'],
) => ((request: Request) => Promise<Response>) | Promise<(request: Request) => Promise<Response>>;

/**
 * The fetch function a runtime serves during a remote conformance run (`Bun.serve`, `Deno.serve`, a Worker):
 * `POST /__conformance/scenario` builds the app of a test with its options, later requests go to that app.
 * Every function option is a call back to the test process, where the test's real function runs; `clock` is
 * synchronous in the receiver, so its value is fetched once per request before the app sees it. Calls a request
 * makes are awaited before its answer is returned, so the test sees their effects when the answer arrives.
 *
 * @example
 * ```ts
 * Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createScenarioServer(buildApp) });
 * ```
 */
export function createScenarioServer(build: BuildApp): (request: Request) => Promise<Response> {
  let current: { scenario: Scenario; app: (request: Request) => Promise<Response>; hasClock: boolean } | undefined;
  let now = 0;
  const pending = new Set<Promise<unknown>>();

  async function call(scenario: Scenario, path: string, args: unknown[]): Promise<unknown> {
    const response = await fetch(`${scenario.callbackUrl}/call/${scenario.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path, args: toWire(args) }),
    });
    const outcome = (await response.json()) as { value?: WireValue; error?: WireValue };
    if (outcome.error !== undefined) throw fromWire(outcome.error);
    // No value: the function returned undefined (a handler that returns nothing answers SUCC).
    if (outcome.value === undefined) return undefined;
    const value = fromWire(outcome.value);
    // The test called a function it was given (the handler context's answer()): call the real one here.
    const request = value as { $call?: unknown; args?: unknown } | null;
    if (request !== null && typeof request === 'object' && typeof request.$call === 'string' && Array.isArray(request.args)) {
      return (argumentAt(args, request.$call) as (...a: unknown[]) => unknown)(...request.args);
    }
    return value;
  }

  /** The value at a wire path such as `[0].answer` (toWire's paths) inside `args`. */
  function argumentAt(args: unknown[], path: string): unknown {
    let value: unknown = args;
    for (const [, index, key] of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) {
      value = (value as Record<string, unknown> | undefined)?.[index ?? key ?? ''];
    }
    if (typeof value !== 'function') throw new TypeError(`no function at ${path} among the arguments`);
    return value;
  }

  function revive(scenario: Scenario, path: string): unknown {
    if (path === 'clock') return () => now;
    return (...args: unknown[]) => {
      const result = call(scenario, path, args);
      pending.add(result);
      void result.finally(() => pending.delete(result)).catch(() => undefined);
      return result;
    };
  }

  async function settle(): Promise<void> {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  }

  async function install(request: Request): Promise<Response> {
    const scenario = (await request.json()) as Scenario;
    try {
      const options = fromWire(scenario.options, (path) => revive(scenario, path)) as Record<string, unknown>;
      current = { scenario, app: await build(options, scenario.setup), hasClock: typeof options.clock === 'function' };
      return Response.json({ ok: true });
    } catch (error) {
      current = undefined;
      return Response.json({ ok: false, error: toWire(error) }, { status: 400 });
    }
  }

  return async function serveScenario(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === SCENARIO_PATH) {
      if (request.method === 'POST') return install(request);
      await settle();
      current = undefined;
      return new Response(null, { status: 204 });
    }
    if (current === undefined) return new Response('no scenario installed', { status: 503 });
    const { scenario, app, hasClock } = current;
    if (hasClock) now = (await call(scenario, 'clock', [])) as number;
    const response = await app(request);
    await settle();
    return response;
  };
}
