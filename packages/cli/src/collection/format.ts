/**
 * The collection format: a folder a team keeps in git, one `collection.json` and one `NAME.request.json`
 * per saved request (docs/collections.md). Plain JSON with sorted keys, two-space indents and a final
 * newline, so a change to one request is a small diff of one file.
 */

/** File name of a collection's manifest. */
export const COLLECTION_FILE = 'collection.json';
/** Every saved request's file name ends with this. */
export const REQUEST_FILE_SUFFIX = '.request.json';
/** `format` of `collection.json`. */
export const COLLECTION_FORMAT = 'auditnotify-collection/1';
/** `format` of a `*.request.json` file. */
export const REQUEST_FORMAT = 'auditnotify-request/1';
/** Largest exact body a request file may hold, in UTF-8 bytes (the receiver's default body limit). */
export const MAX_RAW_BODY_BYTES = 1024 * 1024;

/**
 * `collection.json`: the collection's name and, optionally, the notify URL `auditnotify run` sends to when
 * no `--url` is given.
 *
 * @example
 * ```ts
 * const manifest: CollectionManifest = { format: 'auditnotify-collection/1', name: 'Merchant 1900016681' };
 * ```
 */
export interface CollectionManifest {
  format: typeof COLLECTION_FORMAT;
  name: string;
  url?: string;
}

/**
 * The body of a saved request: a notification as JSON fields (sent as core serialises it), or the exact
 * text to send, byte for byte (a failure case: re-serialised JSON, CRLF line ends, a schema error).
 *
 * @example
 * ```ts
 * const body: SavedBody = { raw: '{"out_request_no":"R1",\r\n"mchid":"1900016681"}' };
 * ```
 */
export type SavedBody = { notification: Record<string, unknown> } | { raw: string };

/**
 * What the answer must be for the request to pass: the HTTP status, optionally the answer body's `code`
 * (`SIGN_ERROR`…) and `detail.reason` (`SIGNATURE_MISMATCH`…), and whether the answer's `Wechatpay-*`
 * signature verifies with the answer key.
 *
 * @example
 * ```ts
 * const expect: SavedExpectations = { status: 401, code: 'SIGN_ERROR', answerVerified: true };
 * ```
 */
export interface SavedExpectations {
  status: number;
  code?: string;
  reason?: string;
  answerVerified: boolean;
}

/**
 * One saved request. `method` and `path` override `POST` and the notify path when a case breaks them on
 * purpose; `timestampUnit: 'milliseconds'` signs a millisecond timestamp on purpose. `key` is the
 * `serial_no` of the merchant key it was saved with and `profile` the profile it was saved in; the
 * inspector selects them when the request is opened, `auditnotify run` signs with its own sender flags.
 *
 * @example
 * ```ts
 * const request: SavedRequest = {
 *   name: 'Accepted PASS',
 *   body: { notification: { out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS' } },
 *   expect: { status: 200, answerVerified: true },
 * };
 * ```
 */
export interface SavedRequest {
  name: string;
  body: SavedBody;
  method?: string;
  path?: string;
  timestampUnit?: 'seconds' | 'milliseconds';
  key?: string;
  profile?: string;
  expect: SavedExpectations;
}
