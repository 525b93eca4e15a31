/**
 * Schemas of `sign.compute`: build the request message (protocol.md §3), sign it with a stored merchant key
 * and show every byte: the message with visible line ends, its length and hash, the signature, the
 * `Authorization` header, and which part of the message came from which input.
 */
import { z } from 'zod';
import { bodyInputSchema, bytesViewSchema, headersSchema, idSchema, nonceSchema, unixSecondsSchema } from './common-schemas.js';

/**
 * `sign.compute` request.
 *
 * @example
 * ```ts
 * await api.sign.compute({ keyId: 'k_1', body: { kind: 'text', text: '{}' }, timestamp: 1700000000 });
 * ```
 */
export const signComputeInputSchema = z
  .object({
    /** Store id of a merchant key that holds a private key. */
    keyId: idSchema,
    method: z.string().regex(/^[A-Za-z]{1,16}$/).optional(),
    /** Path + query, or an absolute URL (its host is dropped: the host is not signed). Default: the notify path. */
    url: z.string().max(4096).optional(),
    body: bodyInputSchema,
    /** Pin the timestamp (default: now). */
    timestamp: unixSecondsSchema.optional(),
    /** Pin the nonce (default: a fresh 32-character nonce). */
    nonce: nonceSchema.optional(),
    /** Store id of the platform key whose id goes into `Wechatpay-Serial` (default: the first platform key). */
    answerKeyId: idSchema.optional(),
  })
  .strict();
/**
 * See {@link signComputeInputSchema}.
 *
 * @example
 * ```ts
 * const input: SignComputeInput = { keyId: 'k_1', body: { kind: 'notification', notification }, nonce: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345' };
 * ```
 */
export type SignComputeInput = z.input<typeof signComputeInputSchema>;

/**
 * Where one part of the signed message sits (byte offsets into the message) and where it came from.
 *
 * @example
 * ```ts
 * messagePartSchema.parse({ part: 'timestamp', value: '1700000000', start: 77, end: 87, source: 'Unix seconds (editable)', appearsIn: [] });
 * ```
 */
export const messagePartSchema = z.object({
  part: z.enum(['method', 'url', 'timestamp', 'nonce', 'body']),
  /** The part's text. */
  value: z.string(),
  /** Byte offset of the part's first byte in the message. */
  start: z.number().int(),
  /** Byte offset just past the part (its `\n` terminator follows). */
  end: z.number().int(),
  /** Human-readable source, e.g. `URL path + query (host is not signed)`. */
  source: z.string(),
  /** Where this value also appears in the request: `Authorization.timestamp`, `request line`, `body`. */
  appearsIn: z.array(z.string()),
});
/**
 * See {@link messagePartSchema}.
 *
 * @example
 * ```ts
 * const body: MessagePart = signed.parts.find((p) => p.part === 'body')!;
 * highlight(body.start, body.end);
 * ```
 */
export type MessagePart = z.infer<typeof messagePartSchema>;

/**
 * `sign.compute` answer.
 *
 * @example
 * ```ts
 * const signed = signComputeOutputSchema.parse(result.data);
 * ```
 */
export const signComputeOutputSchema = z.object({
  method: z.string(),
  /** Canonical URL that was signed (path + query). */
  url: z.string(),
  timestamp: z.number().int(),
  nonce: z.string(),
  /** The exact message bytes. */
  message: bytesViewSchema,
  /** The message with line ends made visible (`↵` before each `\n`). */
  messageVisible: z.string(),
  body: bytesViewSchema,
  signature: z.string(),
  authorization: z.string(),
  /** Every header the request would carry. */
  headers: headersSchema,
  parts: z.array(messagePartSchema),
  key: z.object({ id: idSchema, keyId: z.string(), mchid: z.string(), fingerprint: z.string() }),
});
/**
 * See {@link signComputeOutputSchema}.
 *
 * @example
 * ```ts
 * const signed: SignComputeOutput = unwrap(await api.sign.compute(input));
 * show(signed.messageVisible, signed.authorization);
 * ```
 */
export type SignComputeOutput = z.infer<typeof signComputeOutputSchema>;
