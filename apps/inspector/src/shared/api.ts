/**
 * The inspector's API contract: for every method of {@link API_METHODS} a zod schema of its request and of
 * its answer, and the type of `window.auditnotify`, the narrow API the preload exposes (one named function per
 * method, each returning a promise of an {@link ApiResult}; never a generic `invoke(channel)`).
 *
 * The main process (IPC) and the browser-mode bridge server (`POST /api/<method>`) validate every request
 * with these schemas; the renderer may validate answers with them.
 *
 * @example
 * ```ts
 * const keys = unwrap(await window.auditnotify.keys.list());
 * const signed = unwrap(await window.auditnotify.sign.compute({ keyId: keys.keys[0].id, body: { kind: 'text', text: '{}' } }));
 * ```
 */
import type { z } from 'zod';
import { appInfoInputSchema, appInfoOutputSchema } from './app-schemas.js';
import {
  collectionListInputSchema,
  collectionListOutputSchema,
  collectionRemoveInputSchema,
  collectionRemoveOutputSchema,
  collectionSaveInputSchema,
  collectionSaveOutputSchema,
} from './collection-schemas.js';
import { composeSampleInputSchema, composeSampleOutputSchema, composeValidateInputSchema, composeValidateOutputSchema } from './compose-schemas.js';
import { decodeRunInputSchema, decodeRunOutputSchema } from './decode-schemas.js';
import {
  historyExportInputSchema,
  historyExportOutputSchema,
  historyGetInputSchema,
  historyGetOutputSchema,
  historyListInputSchema,
  historyListOutputSchema,
  historyResendInputSchema,
  historySearchInputSchema,
} from './history-schemas.js';
import {
  keysDoctorInputSchema,
  keysDoctorOutputSchema,
  keysGenerateInputSchema,
  keysGenerateOutputSchema,
  keysImportInputSchema,
  keysImportOutputSchema,
  keysListInputSchema,
  keysListOutputSchema,
  keysRemoveInputSchema,
  keysRemoveOutputSchema,
} from './keys-schemas.js';
import type { ApiMethod, ApiNamespace } from './methods.js';
import {
  profileIdInputSchema,
  profilesCreateInputSchema,
  profilesListInputSchema,
  profilesOutputSchema,
  profilesUpdateInputSchema,
} from './profiles-schemas.js';
import {
  receiverEventsInputSchema,
  receiverEventsOutputSchema,
  receiverNoInputSchema,
  receiverStartInputSchema,
  receiverStatusSchema,
} from './receiver-schemas.js';
import type { ApiResult } from './result.js';
import { sendRunInputSchema, sendRunOutputSchema } from './send-schemas.js';
import { signComputeInputSchema, signComputeOutputSchema } from './sign-schemas.js';

export * from './methods.js';
export * from './result.js';
export * from './common-schemas.js';
export * from './app-schemas.js';
export * from './keys-schemas.js';
export * from './compose-schemas.js';
export * from './sign-schemas.js';
export * from './send-schemas.js';
export * from './decode-schemas.js';
export * from './receiver-schemas.js';
export * from './history-schemas.js';
export * from './collection-schemas.js';
export * from './profiles-schemas.js';
export * from './csp.js';

/**
 * Request (`input`) and answer (`output`) schema of every method.
 *
 * @example
 * ```ts
 * const parsed = API_SCHEMAS['keys.import'].input.safeParse(body);
 * ```
 */
export const API_SCHEMAS = {
  'app.info': { input: appInfoInputSchema, output: appInfoOutputSchema },
  'keys.list': { input: keysListInputSchema, output: keysListOutputSchema },
  'keys.generate': { input: keysGenerateInputSchema, output: keysGenerateOutputSchema },
  'keys.import': { input: keysImportInputSchema, output: keysImportOutputSchema },
  'keys.remove': { input: keysRemoveInputSchema, output: keysRemoveOutputSchema },
  'keys.doctor': { input: keysDoctorInputSchema, output: keysDoctorOutputSchema },
  'compose.sample': { input: composeSampleInputSchema, output: composeSampleOutputSchema },
  'compose.validate': { input: composeValidateInputSchema, output: composeValidateOutputSchema },
  'sign.compute': { input: signComputeInputSchema, output: signComputeOutputSchema },
  'send.run': { input: sendRunInputSchema, output: sendRunOutputSchema },
  'decode.run': { input: decodeRunInputSchema, output: decodeRunOutputSchema },
  'receiver.start': { input: receiverStartInputSchema, output: receiverStatusSchema },
  'receiver.stop': { input: receiverNoInputSchema, output: receiverStatusSchema },
  'receiver.status': { input: receiverNoInputSchema, output: receiverStatusSchema },
  'receiver.events': { input: receiverEventsInputSchema, output: receiverEventsOutputSchema },
  'history.list': { input: historyListInputSchema, output: historyListOutputSchema },
  'history.search': { input: historySearchInputSchema, output: historyListOutputSchema },
  'history.get': { input: historyGetInputSchema, output: historyGetOutputSchema },
  'history.resend': { input: historyResendInputSchema, output: sendRunOutputSchema },
  'history.export': { input: historyExportInputSchema, output: historyExportOutputSchema },
  'collection.list': { input: collectionListInputSchema, output: collectionListOutputSchema },
  'collection.save': { input: collectionSaveInputSchema, output: collectionSaveOutputSchema },
  'collection.remove': { input: collectionRemoveInputSchema, output: collectionRemoveOutputSchema },
  'profiles.list': { input: profilesListInputSchema, output: profilesOutputSchema },
  'profiles.create': { input: profilesCreateInputSchema, output: profilesOutputSchema },
  'profiles.update': { input: profilesUpdateInputSchema, output: profilesOutputSchema },
  'profiles.remove': { input: profileIdInputSchema, output: profilesOutputSchema },
  'profiles.select': { input: profileIdInputSchema, output: profilesOutputSchema },
} as const satisfies Record<ApiMethod, { input: z.ZodType; output: z.ZodType }>;

/**
 * What a caller passes to a method (before defaults).
 *
 * @example
 * ```ts
 * const input: ApiInput<'sign.compute'> = { keyId: 'k_1', body: { kind: 'text', text: '{}' } };
 * ```
 */
export type ApiInput<M extends ApiMethod> = z.input<(typeof API_SCHEMAS)[M]['input']>;
/**
 * What a method's handler receives after validation.
 *
 * @example
 * ```ts
 * const handle = (input: ApiParsedInput<'history.get'>) => history.get(input.id);
 * ```
 */
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof API_SCHEMAS)[M]['input']>;
/**
 * What a method answers with.
 *
 * @example
 * ```ts
 * const answer: ApiOutput<'keys.list'> = { keys: [] };
 * ```
 */
export type ApiOutput<M extends ApiMethod> = z.output<(typeof API_SCHEMAS)[M]['output']>;

/** Method part of a method name within its namespace (`'list'` of `'keys.list'`). */
type MethodsOf<NS extends string> = Extract<ApiMethod, `${NS}.${string}`>;
type NameOf<M extends string, NS extends string> = M extends `${NS}.${infer N}` ? N : never;

/**
 * One API function: the input is optional where every field is.
 *
 * @example
 * ```ts
 * const list: ApiFunction<'keys.list'> = window.auditnotify!.keys.list;
 * ```
 */
export type ApiFunction<M extends ApiMethod> =
  Record<string, never> extends ApiInput<M>
    ? (input?: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>
    : (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>;

/**
 * The type of `window.auditnotify`: `api.keys.list()`, `api.sign.compute({...})`, ... one named function
 * per method, grouped by namespace.
 *
 * @example
 * ```ts
 * declare global { interface Window { auditnotify: AuditNotifyApi } }
 * ```
 */
export type AuditNotifyApi = {
  readonly [NS in ApiNamespace]: { readonly [M in MethodsOf<NS> as NameOf<M, NS>]: ApiFunction<M> };
};

/**
 * Transport a client uses to call one method (IPC in the preload, HTTP in browser mode).
 *
 * @example
 * ```ts
 * const transport: ApiTransport = (method, input) => ipcRenderer.invoke(channelOf(method), input);
 * ```
 */
export type ApiTransport = (method: ApiMethod, input: unknown) => Promise<ApiResult<unknown>>;
