/**
 * Building blocks shared by the request and answer schemas of the inspector API. Bytes cross IPC as
 * Base64 strings next to a UTF-8 rendering; private keys never cross at all (docs/architecture.md, dependency rules).
 */
import { z } from 'zod';

/**
 * Standard padded Base64 (what `Buffer.toString('base64')` produces).
 *
 * @example
 * ```ts
 * base64Schema.safeParse('e30=').success; // true
 * base64Schema.safeParse('e30').success; // true (padding optional)
 * ```
 */
export const base64Schema = z
  .string()
  .max(16 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not standard Base64');

/**
 * Bytes as shown to the renderer: the exact bytes (Base64), their UTF-8 reading, length and SHA-256.
 *
 * @example
 * ```ts
 * const view: BytesView = { text: '{}', base64: 'e30=', byteLength: 2, sha256: '44136f…' };
 * ```
 */
export const bytesViewSchema = z.object({
  /** UTF-8 decoding of the bytes (invalid sequences become U+FFFD). */
  text: z.string(),
  /** The exact bytes. */
  base64: base64Schema,
  byteLength: z.number().int().nonnegative(),
  /** Lower-case hex SHA-256 of the exact bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * Set when the bytes were not kept (then `text` and `base64` are empty; `byteLength` and `sha256` still
   * describe what arrived): `not-notify-path` for a request to another path of the local receiver,
   * `too-large` for a body over the history's per-body limit.
   */
  omitted: z.enum(['not-notify-path', 'too-large']).optional(),
});
/**
 * See {@link bytesViewSchema}.
 *
 * @example
 * ```ts
 * const view: BytesView = result.data.message;
 * console.log(view.byteLength, view.sha256);
 * ```
 */
export type BytesView = z.infer<typeof bytesViewSchema>;

/**
 * Bytes given by the renderer: UTF-8 text, or exact bytes in Base64 (for PKCS#12 files or bodies that
 * are not valid UTF-8).
 *
 * @example
 * ```ts
 * const pem: BytesInput = { text: '-----BEGIN PRIVATE KEY-----\n…' };
 * const p12: BytesInput = { base64: 'MIIKQgIBAzCCCf…' };
 * ```
 */
export const bytesInputSchema = z.union([
  z.object({ text: z.string().max(4 * 1024 * 1024) }).strict(),
  z.object({ base64: base64Schema }).strict(),
]);
/**
 * See {@link bytesInputSchema}.
 *
 * @example
 * ```ts
 * const key: BytesInput = { text: pemText };
 * ```
 */
export type BytesInput = z.infer<typeof bytesInputSchema>;

/**
 * HTTP headers as a name → value map (names as given; the services compare case-insensitively).
 *
 * @example
 * ```ts
 * headersSchema.parse({ Authorization: 'WECHATPAY2-SHA256-RSA2048 …' });
 * ```
 */
export const headersSchema = z.record(z.string(), z.string());
/**
 * See {@link headersSchema}.
 *
 * @example
 * ```ts
 * const headers: HeaderMap = { 'Content-Type': 'application/json' };
 * ```
 */
export type HeaderMap = z.infer<typeof headersSchema>;

/**
 * Unix time in whole seconds (protocol.md §3: never milliseconds on the wire). A 13-digit milliseconds value
 * is accepted too, so that the most common timestamp mistake can be signed on purpose and reproduced.
 *
 * @example
 * ```ts
 * unixSecondsSchema.parse(1700000000); // ok
 * unixSecondsSchema.parse(1700000000000); // ok: milliseconds, signed as given to reproduce the mistake
 * unixSecondsSchema.safeParse(1.5).success; // false
 * ```
 */
export const unixSecondsSchema = z
  .number({ error: 'The timestamp must be a whole number of seconds since 1970 (10 digits).' })
  .int({ error: 'The timestamp must be a whole number of seconds since 1970 (10 digits), without a fraction.' })
  .nonnegative({ error: 'The timestamp cannot be negative.' })
  .max(9_999_999_999_999, { error: 'The timestamp has more than 13 digits: give Unix seconds (10 digits).' });

/**
 * A nonce: 32 characters of `[0-9A-Za-z]` normally; the inspector allows any 1–64 printable ASCII to show failures.
 *
 * @example
 * ```ts
 * nonceSchema.parse('5K8264ILTKCH16CQ2502SI8ZNMTM67VS');
 * ```
 */
export const nonceSchema = z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/**
 * What the body of a request is made from: a notification object (serialised once, compactly, by core),
 * or exact text / bytes (to reproduce what another system sent).
 *
 * @example
 * ```ts
 * const body: BodyInput = { kind: 'notification', notification: { out_request_no: 'x', mchid: '1900016681', audit_result: 'PASS' } };
 * const raw: BodyInput = { kind: 'text', text: '{"mchid":"1900016681"}' };
 * ```
 */
export const bodyInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notification'), notification: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('text'), text: z.string().max(1024 * 1024) }),
  z.object({ kind: z.literal('base64'), base64: base64Schema }),
]);
/**
 * See {@link bodyInputSchema}.
 *
 * @example
 * ```ts
 * const body: BodyInput = { kind: 'base64', base64: 'e30=' };
 * ```
 */
export type BodyInput = z.infer<typeof bodyInputSchema>;

/**
 * A lint warning of core's `lintNotification` (`REJECT_WITHOUT_FAIL_CODE`, `UNKNOWN_FIELD`, ...).
 *
 * @example
 * ```ts
 * lintWarningSchema.parse({ code: 'FAIL_FIELDS_WITH_PASS', field: 'fail_code', message: '…' });
 * ```
 */
export const lintWarningSchema = z.object({
  code: z.string(),
  field: z.string().optional(),
  message: z.string(),
});
/**
 * See {@link lintWarningSchema}.
 *
 * @example
 * ```ts
 * const warning: LintWarningView = { code: 'REJECT_WITHOUT_FAIL_CODE', field: 'fail_code', message: '…' };
 * ```
 */
export type LintWarningView = z.infer<typeof lintWarningSchema>;

/**
 * One schema error naming the bad field (core's `PARAM_ERROR` detail).
 *
 * @example
 * ```ts
 * schemaIssueSchema.parse({ field: 'audit_result', issue: 'must be PASS or REJECT', message: 'audit_result: must be PASS or REJECT' });
 * ```
 */
export const schemaIssueSchema = z.object({
  field: z.string(),
  issue: z.string(),
  message: z.string(),
});
/**
 * See {@link schemaIssueSchema}.
 *
 * @example
 * ```ts
 * const issue: SchemaIssue = report.errors[0]!;
 * highlight(issue.field);
 * ```
 */
export type SchemaIssue = z.infer<typeof schemaIssueSchema>;

/**
 * Empty request for methods that take no input.
 *
 * @example
 * ```ts
 * emptyInputSchema.safeParse({ extra: 1 }).success; // false: unknown fields are refused
 * ```
 */
export const emptyInputSchema = z.object({}).strict();

/**
 * An opaque id of a stored item (key, history entry, receiver event).
 *
 * @example
 * ```ts
 * idSchema.parse('k_3f2a9c'); // ok
 * ```
 */
export const idSchema = z.string().min(1).max(128);
