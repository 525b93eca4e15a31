/**
 * The one parser of the collection format (docs/collections.md), shared by `auditnotify run` and the
 * inspector. Every problem is a {@link CollectionError} naming the file and the field.
 */
import { CollectionError } from './collection-error.js';
import {
  COLLECTION_FORMAT,
  MAX_RAW_BODY_BYTES,
  REQUEST_FORMAT,
  type CollectionManifest,
  type SavedBody,
  type SavedExpectations,
  type SavedRequest,
} from './format.js';

type Json = Record<string, unknown>;

// A control character in a name would corrupt the run's one-line report.
// eslint-disable-next-line no-control-regex -- the point is to refuse control characters
const NAME = /^[^\u0000-\u001f\u007f]{1,120}$/u;
const METHOD = /^[A-Z]{1,16}$/;
const PATH = /^\/[\u0021-\u007e]{0,4095}$/;
const CODE = /^[A-Za-z0-9_]{1,64}$/;
const KEY = /^[0-9A-Za-z_]{1,64}$/;
const URL_TEXT = /^https?:\/\/[\u0021-\u007e]{1,4096}$/i;

function invalid(file: string, field: string | undefined, message: string, cause?: unknown): CollectionError {
  const where = field === undefined ? file : `${file}: ${field}`;
  return new CollectionError('COLLECTION_INVALID', `${where}: ${message}`, field === undefined ? { file } : { file, field }, cause);
}

function parseObject(text: string, file: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(file, undefined, `not JSON (${error instanceof Error ? error.message : String(error)}); fix the syntax or save the request again`, error);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(file, undefined, 'must be a JSON object');
  return value as Json;
}

function onlyKeys(object: Json, allowed: readonly string[], file: string, prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw invalid(file, `${prefix}${key}`, `unknown field (allowed: ${allowed.join(', ')}); check its spelling`);
    }
  }
}

function text(object: Json, key: string, pattern: RegExp, file: string, field: string, what: string): string | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(file, field, `must be ${what}`);
  return value;
}

function requireText(object: Json, key: string, pattern: RegExp, file: string, field: string, what: string): string {
  const value = text(object, key, pattern, file, field, what);
  if (value === undefined) throw invalid(file, field, `is missing: it must be ${what}`);
  return value;
}

function checkFormat(object: Json, expected: string, file: string): void {
  if (object.format !== expected) {
    throw invalid(file, 'format', `must be "${expected}" (found ${JSON.stringify(object.format) ?? 'nothing'}); this auditnotify reads that version only`);
  }
}

function parseBody(value: unknown, file: string): SavedBody {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(file, 'body', 'is missing or not an object: give {"notification": {...}} or {"raw": "exact text"}');
  }
  const body = value as Json;
  onlyKeys(body, ['notification', 'raw'], file, 'body.');
  const hasNotification = 'notification' in body;
  if (hasNotification === 'raw' in body) throw invalid(file, 'body', 'must hold exactly one of "notification" and "raw"');
  if (hasNotification) {
    const notification = body.notification;
    if (notification === null || typeof notification !== 'object' || Array.isArray(notification)) {
      throw invalid(file, 'body.notification', 'must be a JSON object of notification fields (use "raw" for any other text)');
    }
    return { notification: notification as Json };
  }
  if (typeof body.raw !== 'string') throw invalid(file, 'body.raw', 'must be a string: the exact text to send');
  if (new TextEncoder().encode(body.raw).length > MAX_RAW_BODY_BYTES) {
    throw invalid(file, 'body.raw', `is larger than ${MAX_RAW_BODY_BYTES} bytes`);
  }
  return { raw: body.raw };
}

function parseExpect(value: unknown, file: string): SavedExpectations {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(file, 'expect', 'is missing or not an object: give at least {"status": 200}');
  }
  const expect = value as Json;
  onlyKeys(expect, ['answerVerified', 'code', 'reason', 'status'], file, 'expect.');
  const status = expect.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw invalid(file, 'expect.status', 'must be an HTTP status, an integer from 100 to 599');
  }
  const answerVerified = expect.answerVerified ?? true;
  if (typeof answerVerified !== 'boolean') throw invalid(file, 'expect.answerVerified', 'must be true or false');
  const code = text(expect, 'code', CODE, file, 'expect.code', 'an answer code such as "SIGN_ERROR" (letters, digits, _)');
  const reason = text(expect, 'reason', CODE, file, 'expect.reason', 'a detail.reason such as "SIGNATURE_MISMATCH" (letters, digits, _)');
  return { status, ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }), answerVerified };
}

/**
 * Parses a `*.request.json` file. `file` names it in error messages.
 *
 * Throws {@link CollectionError} `COLLECTION_INVALID` naming the file and the field.
 *
 * @example
 * ```ts
 * const request = parseSavedRequest(readFileSync('cases/accepted.request.json', 'utf8'), 'accepted.request.json');
 * request.expect.status; // 200
 * ```
 */
export function parseSavedRequest(source: string, file: string): SavedRequest {
  const object = parseObject(source, file);
  onlyKeys(object, ['body', 'expect', 'format', 'key', 'method', 'name', 'path', 'profile', 'timestampUnit'], file, '');
  checkFormat(object, REQUEST_FORMAT, file);
  const name = requireText(object, 'name', NAME, file, 'name', 'a name of 1 to 120 characters without control characters');
  const body = parseBody(object.body, file);
  const method = text(object, 'method', METHOD, file, 'method', 'an upper-case HTTP method such as "PUT"');
  const path = text(object, 'path', PATH, file, 'path', 'a path starting with "/" (plus ?query), without spaces');
  const unit = object.timestampUnit;
  if (unit !== undefined && unit !== 'seconds' && unit !== 'milliseconds') {
    throw invalid(file, 'timestampUnit', 'must be "seconds" or "milliseconds"');
  }
  const key = text(object, 'key', KEY, file, 'key', "the serial_no of a merchant key (letters and digits)");
  const profile = text(object, 'profile', NAME, file, 'profile', 'a profile name of 1 to 120 characters');
  const expect = parseExpect(object.expect, file);
  return {
    name,
    body,
    ...(method === undefined ? {} : { method }),
    ...(path === undefined ? {} : { path }),
    ...(unit === undefined ? {} : { timestampUnit: unit }),
    ...(key === undefined ? {} : { key }),
    ...(profile === undefined ? {} : { profile }),
    expect,
  };
}

/**
 * Parses `collection.json`.
 *
 * Throws {@link CollectionError} `COLLECTION_INVALID` naming the field.
 *
 * @example
 * ```ts
 * parseCollectionManifest('{"format":"auditnotify-collection/1","name":"Local"}', 'collection.json').name; // 'Local'
 * ```
 */
export function parseCollectionManifest(source: string, file: string): CollectionManifest {
  const object = parseObject(source, file);
  onlyKeys(object, ['format', 'name', 'url'], file, '');
  checkFormat(object, COLLECTION_FORMAT, file);
  const name = requireText(object, 'name', NAME, file, 'name', 'a name of 1 to 120 characters without control characters');
  const url = text(object, 'url', URL_TEXT, file, 'url', 'an http(s):// URL of the notify endpoint');
  return { format: COLLECTION_FORMAT, name, ...(url === undefined ? {} : { url }) };
}
