/**
 * Every inspector API call resolves to an {@link ApiResult}: the answer, or a typed error
 * `{ code, message, detail }`. Results (not thrown errors) cross IPC because Electron's `contextBridge`
 * and `ipcMain.handle` keep only the message of a thrown error and drop its code.
 */
import { z } from 'zod';

/**
 * A typed error as the renderer sees it. `code` is a core `ErrorCode` (`SIGNATURE_MISMATCH`,
 * `KEY_ENCRYPTED`, ...) or one of {@link INSPECTOR_ERROR_CODES}.
 *
 * @example
 * ```ts
 * const error: ApiErrorShape = { code: 'INVALID_INPUT', message: 'url: Required', detail: { issues: [] } };
 * ```
 */
export const apiErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
/**
 * See {@link apiErrorSchema}.
 *
 * @example
 * ```ts
 * const error: ApiErrorShape = { code: 'NOT_FOUND', message: 'No stored key has the id k_9.', detail: { id: 'k_9' } };
 * ```
 */
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

/**
 * Codes the inspector itself uses, besides core's `ErrorCode`s.
 * - `INVALID_INPUT`: the request did not match the method's zod schema (`detail.issues`).
 * - `FORBIDDEN`: the caller is not the inspector's own window / page.
 * - `UNKNOWN_METHOD`: no such method.
 * - `NOT_FOUND`: the key, history entry or event id does not exist.
 * - `KEY_ROLE_MISMATCH`: e.g. signing with a key that holds no private half.
 * - `RECEIVER_NOT_RUNNING`: sending to the local receiver while it is stopped.
 * - `CONFIRMATION_REQUIRED`: sending to a WeChat Pay host, with a key of a production profile or while a
 *   production profile is chosen, without `confirmProduction: true` (`detail.reason`: `wechatpay-host`,
 *   `production-key` or `production-profile`).
 * - `PROFILE_NAME_TAKEN`, `PROFILE_UNKNOWN_KEY`, `PROFILE_INVALID_PORT`, `PROFILE_INVALID_MCHID`,
 *   `PROFILE_INVALID_NAME`, `PROFILE_LAST`: a profile the store refuses (`detail` names the field).
 * - `RECEIVER_PORT_IN_USE`: the local receiver's port (pinned by the profile or asked for) is taken.
 * - `INTERNAL_ERROR`: anything unexpected (the message never holds key material).
 *
 * @example
 * ```ts
 * INSPECTOR_ERROR_CODES.includes(error.code as InspectorErrorCode);
 * ```
 */
export const INSPECTOR_ERROR_CODES = [
  'INVALID_INPUT',
  'FORBIDDEN',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'KEY_ROLE_MISMATCH',
  'RECEIVER_NOT_RUNNING',
  'CONFIRMATION_REQUIRED',
  'PROFILE_NAME_TAKEN',
  'PROFILE_UNKNOWN_KEY',
  'PROFILE_INVALID_PORT',
  'PROFILE_INVALID_MCHID',
  'PROFILE_INVALID_NAME',
  'PROFILE_LAST',
  'RECEIVER_PORT_IN_USE',
  'INTERNAL_ERROR',
] as const;

/**
 * See {@link INSPECTOR_ERROR_CODES}.
 *
 * @example
 * ```ts
 * const code: InspectorErrorCode = 'RECEIVER_NOT_RUNNING';
 * ```
 */
export type InspectorErrorCode = (typeof INSPECTOR_ERROR_CODES)[number];

/**
 * The settled outcome of one API call.
 *
 * @example
 * ```ts
 * const result = await window.auditnotify.keys.list();
 * if (result.ok) render(result.data.keys); else showError(result.error.code);
 * ```
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorShape };

/**
 * The error {@link unwrap} throws in the renderer, carrying the typed error's code and detail.
 *
 * @example
 * ```ts
 * try { unwrap(await api.sign.compute(input)); } catch (e) { if (e instanceof ApiCallError) show(e.code); }
 * ```
 */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  readonly code: string;
  readonly detail: Record<string, unknown> | undefined;

  constructor(error: ApiErrorShape) {
    super(error.message);
    this.code = error.code;
    this.detail = error.detail;
  }
}

/**
 * Returns the data of a successful result, or throws an {@link ApiCallError}.
 *
 * @example
 * ```ts
 * const { keys } = unwrap(await window.auditnotify.keys.list());
 * ```
 */
export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.data;
  throw new ApiCallError(result.error);
}
