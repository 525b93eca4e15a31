/**
 * Schemas of the `receiver.*` methods: the local receiver (the Express plugin on 127.0.0.1) that trusts the
 * stored keys, and its live list of accepted and rejected requests (polled with `receiver.events({ since })`).
 */
import { z } from 'zod';
import { apiErrorSchema } from './result.js';
import { bytesViewSchema, emptyInputSchema, headersSchema, idSchema } from './common-schemas.js';

/**
 * `receiver.start` request: port 0 (default) picks a free port.
 *
 * @example
 * ```ts
 * receiverStartInputSchema.parse({ port: 0 });
 * ```
 */
export const receiverStartInputSchema = z.object({ port: z.number().int().min(0).max(65535).optional() }).strict();
/**
 * `receiver.stop` / `receiver.status` request.
 *
 * @example
 * ```ts
 * receiverNoInputSchema.parse({});
 * ```
 */
export const receiverNoInputSchema = emptyInputSchema;

/**
 * State of the local receiver.
 *
 * @example
 * ```ts
 * const status = receiverStatusSchema.parse(result.data);
 * status.url; // 'http://127.0.0.1:53211/v3/…/notify'
 * ```
 */
export const receiverStatusSchema = z.object({
  running: z.boolean(),
  /** Full URL of the notify endpoint, e.g. `http://127.0.0.1:53211/v3/aggracct-bc/…/notify`. */
  url: z.string().optional(),
  port: z.number().int().optional(),
  path: z.string(),
  /** `serial_no`s it accepts (stored merchant keys with a public half). */
  senders: z.array(z.string()),
  /** `Wechatpay-Serial` ids it can answer with (stored platform keys with a private half). */
  answerKeys: z.array(z.string()),
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** The chosen profile's pinned port: Start listens there. */
  pinnedPort: z.number().int().optional(),
  /** Why the last Start failed (`RECEIVER_PORT_IN_USE`), until a Start succeeds. */
  error: apiErrorSchema.optional(),
});
/**
 * See {@link receiverStatusSchema}.
 *
 * @example
 * ```ts
 * const status: ReceiverStatus = unwrap(await api.receiver.status());
 * if (!status.running) await api.receiver.start();
 * ```
 */
export type ReceiverStatus = z.infer<typeof receiverStatusSchema>;

/**
 * `receiver.events` request: events with `seq > since` (default 0 = all kept).
 *
 * @example
 * ```ts
 * receiverEventsInputSchema.parse({ since: 42, limit: 100 });
 * ```
 */
export const receiverEventsInputSchema = z
  .object({ since: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(1000).optional() })
  .strict();

/**
 * One request that reached the local receiver, with its raw bytes so Decode can open it.
 *
 * @example
 * ```ts
 * receiverEventSchema.array().parse(result.data.events);
 * ```
 */
export const receiverEventSchema = z.object({
  /** Increasing sequence number (poll with `since`). */
  seq: z.number().int(),
  id: idSchema,
  at: z.string(),
  outcome: z.enum(['accepted', 'rejected']),
  status: z.number().int(),
  /** Core's code for a rejection (`SIGNATURE_MISMATCH`, `TIMESTAMP_OUT_OF_WINDOW`, ...). */
  code: z.string().optional(),
  message: z.string(),
  requestId: z.string().optional(),
  mchid: z.string().optional(),
  serialNo: z.string().optional(),
  outRequestNo: z.string().optional(),
  auditResult: z.string().optional(),
  request: z.object({ method: z.string(), url: z.string(), headers: headersSchema, body: bytesViewSchema }),
  response: z.object({ status: z.number().int(), headers: headersSchema, body: bytesViewSchema }),
  /** The raw request as HTTP/1.1 text (Base64 bytes), ready for `decode.run({ input: { kind: 'raw-http', base64 } })`; empty when its body was not kept. */
  rawRequestBase64: z.string(),
  historyId: idSchema.optional(),
});
/**
 * See {@link receiverEventSchema}.
 *
 * @example
 * ```ts
 * const rejected: ReceiverEvent[] = events.filter((e) => e.outcome === 'rejected');
 * ```
 */
export type ReceiverEvent = z.infer<typeof receiverEventSchema>;

/**
 * `receiver.events` answer. `next` is the `since` to poll with next time.
 *
 * @example
 * ```ts
 * let since = 0;
 * const { events, next } = receiverEventsOutputSchema.parse(unwrap(await api.receiver.events({ since })));
 * since = next;
 * ```
 */
export const receiverEventsOutputSchema = z.object({
  events: z.array(receiverEventSchema),
  next: z.number().int(),
  status: receiverStatusSchema,
});
