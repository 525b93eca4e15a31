/**
 * One handler per API method. Each validates its input with the method's shared zod schema, calls the
 * services, and settles to an `ApiResult`: the answer, or a typed error `{ code, message, detail }`. IPC (the
 * desktop app) and the bridge server (browser mode) both call these, so both behave the same.
 */
import { API_METHODS, API_SCHEMAS, type ApiMethod, type ApiOutput, type ApiParsedInput, type ApiResult } from '../shared/api.js';
import type { Services } from './services/create-services.js';
import { fail, toApiError } from './services/errors.js';
import { doctorKey } from './services/key-doctor.js';
import { exportSnippet } from './services/snippets.js';
import { signWithStore } from './services/sign-service.js';

/**
 * A handler: untrusted input in, settled result out (never throws).
 *
 * @example
 * ```ts
 * const handler: ApiHandler = handlers['keys.list'];
 * const result = await handler({});
 * ```
 */
export type ApiHandler = (input: unknown) => Promise<ApiResult<unknown>>;

/**
 * Every method's handler.
 *
 * @example
 * ```ts
 * const handlers: ApiHandlers = createApiHandlers(services);
 * await handlers['app.info']({});
 * ```
 */
export type ApiHandlers = Readonly<Record<ApiMethod, ApiHandler>>;

type Implementations = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M> };

/**
 * Creates the handlers over a set of services.
 *
 * @example
 * ```ts
 * const handlers = createApiHandlers(services);
 * const result = await handlers['keys.list']({});
 * if (result.ok) console.log(result.data);
 * ```
 */
export function createApiHandlers(services: Services): ApiHandlers {
  const impl: Implementations = {
    'app.info': () => services.info(),
    'keys.list': () => ({ keys: services.keys.list() }),
    'keys.generate': (input) => services.keys.generate(input),
    'keys.import': async (input) => ({ key: await services.keys.import(input) }),
    'keys.remove': (input) => ({ removed: services.keys.remove(input.id) }),
    'keys.doctor': (input) => doctorKey(services.keys, services.keyJobs, input),
    'compose.sample': (input) => services.compose.sample(input),
    'compose.validate': (input) => services.compose.validate(input),
    'sign.compute': async (input) => (await signWithStore(services.keys, input)).output,
    'send.run': (input) => services.send.run(input),
    'decode.run': (input) => services.decode.run(input),
    'receiver.start': (input) => services.receiver.start(input),
    'receiver.stop': () => services.receiver.stop(),
    'receiver.status': () => services.receiver.status(),
    'receiver.events': (input) => services.receiver.events(input),
    'history.list': (input) => services.history.list(input),
    'history.search': (input) => services.history.search(input),
    'history.get': (input) => ({ entry: services.history.get(input.id) }),
    'history.resend': (input) => {
      const entry = services.history.get(input.id);
      if (entry.direction !== 'sent' || !entry.keyId) {
        // A received request has no key of ours behind it: re-send its exact body with a stored merchant key.
        const signer = services.keys.list().find((k) => k.role === 'merchant' && k.hasPrivateKey);
        if (!signer) fail('KEY_ROLE_MISMATCH', `History entry ${input.id} cannot be re-sent: no merchant key with a private key is stored.`, { id: input.id });
        return services.send.run({ target: input.target ?? { kind: 'local' }, keyId: signer.id, body: { kind: 'base64', base64: entry.request.body.base64 }, ...(input.confirmProduction ? { confirmProduction: true } : {}) });
      }
      // Same body bytes, fresh timestamp, nonce and signature (protocol.md §3: an old timestamp is refused).
      return services.send.run({
        target: input.target ?? entry.target ?? { kind: 'local' },
        keyId: entry.keyId,
        ...(entry.answerKeyId ? { answerKeyId: entry.answerKeyId } : {}),
        body: { kind: 'base64', base64: entry.request.body.base64 },
        ...(input.confirmProduction ? { confirmProduction: true } : {}),
      });
    },
    'history.export': (input) => exportSnippet(services.history.get(input.id), input.language),
    'collection.list': (input) => services.collection.list(input.dir),
    'collection.save': (input) => services.collection.save(input.dir, input.request, input.file),
    'collection.remove': (input) => services.collection.remove(input.dir, input.file),
    'profiles.list': () => services.profiles.state(),
    'profiles.create': (input) => services.profiles.create(input),
    'profiles.update': (input) => services.profiles.update(input),
    'profiles.remove': (input) => services.profiles.remove(input.id),
    'profiles.select': (input) => services.profiles.select(input.id),
  };

  const handlers = {} as Record<ApiMethod, ApiHandler>;
  for (const method of API_METHODS) {
    const schema = API_SCHEMAS[method].input;
    const run = impl[method] as (input: unknown) => Promise<unknown> | unknown;
    handlers[method] = async (input) => {
      const parsed = schema.safeParse(input ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
        const first = issues[0];
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: first ? `${method}: ${first.path || 'input'}: ${first.message}` : `${method}: invalid input`,
            detail: { method, issues },
          },
        };
      }
      try {
        return { ok: true, data: await run(parsed.data) };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    };
  }
  return handlers;
}

