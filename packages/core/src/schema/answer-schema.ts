import { z } from 'zod';
import { apiString } from './api-string.js';

/**
 * The 200 OK body of the endpoint (the endpoint's documentation, 应答参数): `{"ret_msg": "SUCC"}`, `ret_msg` optional.
 *
 * @example
 * ```ts
 * const answer: NotifyAnswer = { ret_msg: 'SUCC' };
 * ```
 */
export interface NotifyAnswer {
  /** 接口返回信息. */
  ret_msg?: string;
  [key: string]: unknown;
}

/**
 * zod 4 schema of the endpoint's answer `{ ret_msg? }`; unknown keys are kept.
 *
 * @example
 * ```ts
 * answerSchema.parse({ ret_msg: 'SUCC' }); // { ret_msg: 'SUCC' }
 * answerSchema.parse({}); // {}: ret_msg is optional
 * ```
 */
export const answerSchema = z.object({ ret_msg: apiString().optional() }).loose();

/**
 * An APIv3 error body (protocol.md §2).
 *
 * @example
 * ```ts
 * const body: ErrorBody = { code: 'PARAM_ERROR', message: 'mchid: is required', detail: { field: 'mchid', location: 'body' } };
 * ```
 */
export interface ErrorBody {
  /** Wire code, e.g. `PARAM_ERROR`. */
  code: string;
  message: string;
  /** `field`, `value`, `issue`, `location`, and auditnotify's finer `reason`. */
  detail?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * zod 4 schema of an APIv3 error body `{ code, message, detail? }` (protocol.md §2); unknown keys are kept.
 *
 * @example
 * ```ts
 * const body = errorBodySchema.parse({ code: 'PARAM_ERROR', message: 'out_request_no: is required', detail: { field: 'out_request_no' } });
 * body.detail?.field; // 'out_request_no'
 * ```
 */
export const errorBodySchema = z
  .object({
    code: z.string().min(1, 'must not be empty'),
    message: z.string(),
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
