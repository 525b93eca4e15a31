/**
 * The typed error of a collection folder or one of its files: a stable `code`, the file, and where in it.
 */

/**
 * - `COLLECTION_UNREADABLE`: the folder or a file could not be read or written (missing, not a folder, no permission).
 * - `COLLECTION_INVALID`: a file is not JSON, or a field is missing, of the wrong type or out of range.
 *
 * @example
 * ```ts
 * const code: CollectionErrorCode = 'COLLECTION_INVALID';
 * ```
 */
export type CollectionErrorCode = 'COLLECTION_UNREADABLE' | 'COLLECTION_INVALID';

/**
 * Where a collection problem is: the file (relative to the collection folder), and for a bad field its
 * JSON path (`expect.status`).
 *
 * @example
 * ```ts
 * const detail: CollectionErrorDetail = { file: 'accepted.request.json', field: 'expect.status' };
 * ```
 */
export interface CollectionErrorDetail {
  file: string;
  field?: string;
  [key: string]: unknown;
}

/**
 * A bad collection folder or file. The message names the file and field and says what to fix.
 *
 * @example
 * ```ts
 * try {
 *   parseSavedRequest(text, 'x.request.json');
 * } catch (error) {
 *   if (error instanceof CollectionError) console.error(error.code, error.detail.file, error.detail.field);
 * }
 * ```
 */
export class CollectionError extends Error {
  override readonly name = 'CollectionError';
  readonly code: CollectionErrorCode;
  readonly detail: CollectionErrorDetail;

  constructor(code: CollectionErrorCode, message: string, detail: CollectionErrorDetail, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Type guard for {@link CollectionError}.
 *
 * @example
 * ```ts
 * if (isCollectionError(error) && error.code === 'COLLECTION_INVALID') showWhere(error.detail);
 * ```
 */
export function isCollectionError(value: unknown): value is CollectionError {
  return value instanceof CollectionError;
}
