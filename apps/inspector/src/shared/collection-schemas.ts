/**
 * Schemas of `collection.*`: saved requests kept as one file each in a collection folder a team keeps in
 * git (docs/collections.md). These schemas check the shape at the bridge; the collection format's own
 * parser (`@auditnotify/cli/collection`, the one `auditnotify run` uses) checks every rule when the file is
 * written, so the inspector can never save a file `run` refuses.
 */
import { z } from 'zod';

/** An absolute folder path. */
const folderSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\u0000'), 'a folder path without NUL characters');

/** A request file name inside the folder (`accepted-pass.request.json`). */
const fileSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}\.request\.json$/, 'a request file name such as accepted.request.json');

/**
 * One saved request (the fields of a `*.request.json` file, without `format`).
 *
 * @example
 * ```ts
 * savedRequestSchema.parse({ name: 'Accepted PASS', body: { notification: { out_request_no: 'R1' } }, expect: { status: 200, answerVerified: true } });
 * ```
 */
export const savedRequestSchema = z
  .object({
    name: z.string().min(1).max(120),
    body: z.union([z.object({ notification: z.record(z.string(), z.unknown()) }).strict(), z.object({ raw: z.string().max(1024 * 1024) }).strict()]),
    method: z.string().max(16).optional(),
    path: z.string().max(4096).optional(),
    timestampUnit: z.enum(['seconds', 'milliseconds']).optional(),
    key: z.string().max(64).optional(),
    profile: z.string().max(120).optional(),
    expect: z
      .object({
        status: z.number().int().min(100).max(599),
        code: z.string().max(64).optional(),
        reason: z.string().max(64).optional(),
        answerVerified: z.boolean(),
      })
      .strict(),
  })
  .strict();
/**
 * See {@link savedRequestSchema}.
 *
 * @example
 * ```ts
 * const request: SavedRequestView = { name: 'Not JSON', body: { raw: '{' }, expect: { status: 400, answerVerified: true } };
 * ```
 */
export type SavedRequestView = z.infer<typeof savedRequestSchema>;

/**
 * `collection.list` request: the folder (default: `collection` in the data directory).
 *
 * @example
 * ```ts
 * await api.collection.list({ dir: '/home/me/project/cases' });
 * ```
 */
export const collectionListInputSchema = z.object({ dir: folderSchema.optional() }).strict();

/**
 * `collection.list` answer: the folder, the collection's name, and every request in file order (the order
 * `auditnotify run` sends them). A folder without `collection.json` yet lists as empty.
 *
 * @example
 * ```ts
 * const { entries } = collectionListOutputSchema.parse(result.data);
 * ```
 */
export const collectionListOutputSchema = z.object({
  dir: z.string(),
  name: z.string(),
  exists: z.boolean(),
  entries: z.array(z.object({ file: z.string(), request: savedRequestSchema })),
});
/**
 * See {@link collectionListOutputSchema}.
 *
 * @example
 * ```ts
 * const listed: CollectionListOutput = unwrap(await api.collection.list({}));
 * ```
 */
export type CollectionListOutput = z.infer<typeof collectionListOutputSchema>;

/**
 * `collection.save` request: write `request` into its own file (replacing `file` when given).
 *
 * @example
 * ```ts
 * await api.collection.save({ dir, request: { name: 'Accepted', body: { raw: '{}' }, expect: { status: 200, answerVerified: true } } });
 * ```
 */
export const collectionSaveInputSchema = z.object({ dir: folderSchema, file: fileSchema.optional(), request: savedRequestSchema }).strict();

/**
 * `collection.save` answer: the file written.
 *
 * @example
 * ```ts
 * collectionSaveOutputSchema.parse({ dir: '/cases', file: 'accepted.request.json' });
 * ```
 */
export const collectionSaveOutputSchema = z.object({ dir: z.string(), file: z.string() });

/**
 * `collection.remove` request.
 *
 * @example
 * ```ts
 * await api.collection.remove({ dir, file: 'accepted.request.json' });
 * ```
 */
export const collectionRemoveInputSchema = z.object({ dir: folderSchema, file: fileSchema }).strict();

/**
 * `collection.remove` answer.
 *
 * @example
 * ```ts
 * collectionRemoveOutputSchema.parse({ removed: true });
 * ```
 */
export const collectionRemoveOutputSchema = z.object({ removed: z.boolean() });
