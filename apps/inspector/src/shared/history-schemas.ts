/**
 * Schemas of the `history.*` methods: every sent and received exchange, kept across restarts, searchable,
 * re-sendable with a fresh signature and exportable as code snippets.
 */
import { z } from 'zod';
import { apiErrorSchema } from './result.js';
import { bytesViewSchema, headersSchema, idSchema } from './common-schemas.js';
import { sendTargetSchema } from './send-schemas.js';

/**
 * One exchange, summarised for lists.
 *
 * @example
 * ```ts
 * historySummarySchema.array().parse(result.data.entries);
 * ```
 */
export const historySummarySchema = z.object({
  id: idSchema,
  at: z.string(),
  direction: z.enum(['sent', 'received']),
  method: z.string(),
  url: z.string(),
  status: z.number().int().optional(),
  ok: z.boolean(),
  /** Verdict or rejection code (`accepted`, `SIGNATURE_MISMATCH`, `NETWORK_ERROR`, ...). */
  code: z.string(),
  title: z.string(),
  outRequestNo: z.string().optional(),
  mchid: z.string().optional(),
  auditResult: z.string().optional(),
  durationMs: z.number().optional(),
});
/**
 * See {@link historySummarySchema}.
 *
 * @example
 * ```ts
 * const row: HistorySummary = entries[0]!;
 * `${row.direction} ${row.status ?? '—'} ${row.code}`;
 * ```
 */
export type HistorySummary = z.infer<typeof historySummarySchema>;

/**
 * One exchange in full.
 *
 * @example
 * ```ts
 * const { entry } = historyGetOutputSchema.parse(result.data);
 * historyEntrySchema.parse(entry);
 * ```
 */
export const historyEntrySchema = historySummarySchema.extend({
  request: z.object({ method: z.string(), url: z.string(), headers: headersSchema, body: bytesViewSchema }),
  response: z.object({ status: z.number().int(), headers: headersSchema, body: bytesViewSchema }).optional(),
  /** How it was sent (sent entries), so it can be re-sent. */
  target: sendTargetSchema.optional(),
  /** Store ids of the keys used (sent entries). */
  keyId: idSchema.optional(),
  answerKeyId: idSchema.optional(),
  error: apiErrorSchema.optional(),
});
/**
 * See {@link historyEntrySchema}.
 *
 * @example
 * ```ts
 * const entry: HistoryEntry = unwrap(await api.history.get({ id })).entry;
 * entry.request.body.text;
 * ```
 */
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/**
 * `history.list` request: newest first.
 *
 * @example
 * ```ts
 * historyListInputSchema.parse({ limit: 50, offset: 50 });
 * ```
 */
export const historyListInputSchema = z
  .object({ limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().nonnegative().optional() })
  .strict();
/**
 * `history.list` / `history.search` answer.
 *
 * @example
 * ```ts
 * const { entries, total } = historyListOutputSchema.parse(result.data);
 * ```
 */
export const historyListOutputSchema = z.object({ entries: z.array(historySummarySchema), total: z.number().int() });

/**
 * `history.search` request: free text over url, out_request_no, mchid, codes and bodies; optional filters.
 *
 * @example
 * ```ts
 * historySearchInputSchema.parse({ query: 'htozr8denq', direction: 'received', ok: false });
 * ```
 */
export const historySearchInputSchema = z
  .object({
    query: z.string().max(500),
    direction: z.enum(['sent', 'received']).optional(),
    ok: z.boolean().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/**
 * `history.get` request.
 *
 * @example
 * ```ts
 * historyGetInputSchema.parse({ id: 'h_1' });
 * ```
 */
export const historyGetInputSchema = z.object({ id: idSchema }).strict();
/**
 * `history.get` answer.
 *
 * @example
 * ```ts
 * const { entry } = historyGetOutputSchema.parse(result.data);
 * ```
 */
export const historyGetOutputSchema = z.object({ entry: historyEntrySchema });

/**
 * `history.resend` request: same body, fresh timestamp, nonce and signature; optionally another target.
 *
 * @example
 * ```ts
 * historyResendInputSchema.parse({ id: 'h_1', target: { kind: 'host', host: 'backup' } });
 * ```
 */
export const historyResendInputSchema = z.object({ id: idSchema, target: sendTargetSchema.optional(), confirmProduction: z.literal(true).optional() }).strict();

/**
 * Languages `history.export` writes.
 *
 * @example
 * ```ts
 * exportLanguageSchema.options; // ['curl', 'node', 'java', 'go']
 * ```
 */
export const exportLanguageSchema = z.enum(['curl', 'node', 'java', 'go']);
/**
 * See {@link exportLanguageSchema}.
 *
 * @example
 * ```ts
 * const language: ExportLanguage = 'java';
 * ```
 */
export type ExportLanguage = z.infer<typeof exportLanguageSchema>;

/**
 * `history.export` request.
 *
 * @example
 * ```ts
 * historyExportInputSchema.parse({ id: 'h_1', language: 'curl' });
 * ```
 */
export const historyExportInputSchema = z.object({ id: idSchema, language: exportLanguageSchema }).strict();
/**
 * `history.export` answer: a snippet that re-creates the request (placeholders for key paths, never key material).
 *
 * @example
 * ```ts
 * const { filename, code } = historyExportOutputSchema.parse(result.data);
 * ```
 */
export const historyExportOutputSchema = z.object({
  language: exportLanguageSchema,
  filename: z.string(),
  code: z.string(),
});

