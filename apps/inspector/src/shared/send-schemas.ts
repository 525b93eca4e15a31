/**
 * Schemas of `send.run`: sign a notification and POST it to the local receiver, any URL, or the primary /
 * backup WeChat Pay host; report the request, the answer, the answer's signature verdict and the timing.
 * The body sent is pinned to the body signed: both hashes are reported.
 */
import { z } from 'zod';
import { apiErrorSchema } from './result.js';
import { bodyInputSchema, bytesViewSchema, headersSchema, idSchema, nonceSchema, unixSecondsSchema } from './common-schemas.js';

/**
 * Where to send.
 * - `local`: the inspector's own receiver (started if needed).
 * - `url`: any `http(s)://` URL; its path + query is what gets signed.
 * - `host`: `primary` (`https://api.mch.weixin.qq.com`) or `backup` (`https://api2.mch.weixin.qq.com`) + the notify path.
 *
 * @example
 * ```ts
 * sendTargetSchema.parse({ kind: 'url', url: 'https://merchant.example/notify' });
 * ```
 */
export const sendTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('url'), url: z.string().max(4096).regex(/^https?:\/\/[^\s]+$/i, 'an http(s):// URL') }),
  z.object({ kind: z.literal('host'), host: z.enum(['primary', 'backup']), path: z.string().max(4096).optional() }),
]);
/**
 * See {@link sendTargetSchema}.
 *
 * @example
 * ```ts
 * const target: SendTarget = { kind: 'host', host: 'primary' };
 * ```
 */
export type SendTarget = z.infer<typeof sendTargetSchema>;

/**
 * `send.run` request.
 *
 * @example
 * ```ts
 * await api.send.run({ target: { kind: 'local' }, keyId: 'k_1', body: { kind: 'notification', notification } });
 * ```
 */
export const sendRunInputSchema = z
  .object({
    target: sendTargetSchema,
    /** Store id of the merchant key that signs. */
    keyId: idSchema,
    /** Store id of the platform key the answer must be signed with (default: any stored platform key). */
    answerKeyId: idSchema.optional(),
    body: bodyInputSchema,
    timestamp: unixSecondsSchema.optional(),
    nonce: nonceSchema.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** Required (`true`) to send to a WeChat Pay host: the UI asks the user first. */
    confirmProduction: z.literal(true).optional(),
  })
  .strict();
/**
 * See {@link sendRunInputSchema}.
 *
 * @example
 * ```ts
 * const input: SendRunInput = { target: { kind: 'local' }, keyId: 'k_1', body: { kind: 'text', text: '{}' }, timeoutMs: 5000 };
 * ```
 */
export type SendRunInput = z.input<typeof sendRunInputSchema>;

/**
 * Verdict on the exchange.
 * - `accepted`: 2xx and the answer's signature verified.
 * - `answer-unverified`: 2xx but the answer's `Wechatpay-*` signature failed (treat as forged; it may still have
 *   been processed: do not resend with a new `out_request_no`, protocol.md §4).
 * - `rejected`: the server answered with an APIv3 error (`code` = wire code, `reason` = `detail.reason`).
 * - `failed`: no answer: network error or timeout.
 *
 * @example
 * ```ts
 * sendVerdictSchema.parse({ kind: 'rejected', ok: false, title: '401 SIGN_ERROR', code: 'SIGN_ERROR', reason: 'SIGNATURE_MISMATCH', message: '…' });
 * ```
 */
export const sendVerdictSchema = z.object({
  kind: z.enum(['accepted', 'answer-unverified', 'rejected', 'failed']),
  ok: z.boolean(),
  title: z.string(),
  /** Wire code (`SIGN_ERROR`, ...) or core code (`ANSWER_SIGNATURE_INVALID`, `NETWORK_ERROR`, `TIMEOUT`). */
  code: z.string().optional(),
  /** Fine code of the receiver (`detail.reason`, e.g. `SIGNATURE_MISMATCH`). */
  reason: z.string().optional(),
  message: z.string(),
  /** Key id the answer verified with. */
  answerKeyId: z.string().optional(),
});
/**
 * See {@link sendVerdictSchema}.
 *
 * @example
 * ```ts
 * const verdict: SendVerdict = result.verdict;
 * if (verdict.kind === 'answer-unverified') warnDoNotResendWithNewNumber();
 * ```
 */
export type SendVerdict = z.infer<typeof sendVerdictSchema>;

/**
 * The request as sent.
 *
 * @example
 * ```ts
 * const request = sentRequestSchema.parse(result.data.request);
 * request.signedBodySha256 === request.sentBodySha256; // true
 * ```
 */
export const sentRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  /** Path + query that was signed. */
  signedUrl: z.string(),
  headers: headersSchema,
  body: bytesViewSchema,
  timestamp: z.number().int(),
  nonce: z.string(),
  signature: z.string(),
  /** SHA-256 of the body inside the signed message and of the body put on the wire: always equal. */
  signedBodySha256: z.string(),
  sentBodySha256: z.string(),
});
/**
 * See {@link sentRequestSchema}.
 *
 * @example
 * ```ts
 * const request: SentRequest = result.request;
 * request.headers['Authorization'];
 * ```
 */
export type SentRequest = z.infer<typeof sentRequestSchema>;

/**
 * The answer as received.
 *
 * @example
 * ```ts
 * const answer = receivedAnswerSchema.parse(result.data.response);
 * ```
 */
export const receivedAnswerSchema = z.object({
  status: z.number().int(),
  headers: headersSchema,
  body: bytesViewSchema,
  /** Parsed JSON body when it is JSON. */
  json: z.unknown().optional(),
});
/**
 * See {@link receivedAnswerSchema}.
 *
 * @example
 * ```ts
 * const answer: ReceivedAnswer | undefined = result.response;
 * answer?.json; // { ret_msg: 'SUCC' }
 * ```
 */
export type ReceivedAnswer = z.infer<typeof receivedAnswerSchema>;

/**
 * `send.run` answer (also `history.resend`). A failed exchange is still an `ok` API result with `verdict.ok = false`.
 *
 * @example
 * ```ts
 * const result = sendRunOutputSchema.parse(answer.data);
 * ```
 */
export const sendRunOutputSchema = z.object({
  historyId: idSchema,
  request: sentRequestSchema,
  response: receivedAnswerSchema.optional(),
  verdict: sendVerdictSchema,
  timing: z.object({ startedAt: z.string(), durationMs: z.number().nonnegative() }),
  error: apiErrorSchema.optional(),
});
/**
 * See {@link sendRunOutputSchema}.
 *
 * @example
 * ```ts
 * const result: SendRunOutput = unwrap(await api.send.run(input));
 * result.timing.durationMs;
 * ```
 */
export type SendRunOutput = z.infer<typeof sendRunOutputSchema>;
