// Shape check of an APIv3 callback body (protocol.md §6) before any decryption, so that a body of the wrong
// kind (e.g. an audit-result notification, which is not encrypted) gets ENVELOPE_INVALID naming the field
// instead of a decryption error. Unknown fields are kept for forward compatibility, as for notifications.
import { AuditNotifyError } from '../errors.js';
import type { CallbackEnvelope, EncryptedResource } from './resource.js';

function invalid(field: string, issue: string, message: string): never {
  throw new AuditNotifyError('ENVELOPE_INVALID', message, { detail: { field, issue } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, name: string, prefix: string, allowEmpty = false): string {
  const value = record[name];
  const field = prefix ? `${prefix}.${name}` : name;
  if (value === undefined || value === null) invalid(field, 'missing', `${field} is missing.`);
  if (typeof value !== 'string') invalid(field, 'not_string', `${field} must be a string.`);
  if (!allowEmpty && value.length === 0) invalid(field, 'empty', `${field} must not be empty.`);
  return value;
}

function optionalString(record: Record<string, unknown>, name: string, prefix: string): string | undefined {
  const value = record[name];
  if (value === undefined || value === null) return undefined;
  const field = prefix ? `${prefix}.${name}` : name;
  if (typeof value !== 'string') invalid(field, 'not_string', `${field} must be a string.`);
  return value;
}

/**
 * Checks the shape of an encrypted `resource` object; throws `ENVELOPE_INVALID` naming the first bad field.
 *
 * @example
 * ```ts
 * const resource = checkResource(JSON.parse(body).resource, 'resource');
 * ```
 */
export function checkResource(value: unknown, field: string): EncryptedResource {
  if (!isRecord(value)) invalid(field, 'not_object', `${field} must be an object.`);
  const algorithm = requireString(value, 'algorithm', field);
  if (algorithm !== 'AEAD_AES_256_GCM') {
    invalid(`${field}.algorithm`, 'unsupported', `${field}.algorithm is ${JSON.stringify(algorithm.slice(0, 40))}; only AEAD_AES_256_GCM is defined.`);
  }
  const ciphertext = requireString(value, 'ciphertext', field);
  const nonce = requireString(value, 'nonce', field);
  const associatedData = optionalString(value, 'associated_data', field);
  const originalType = optionalString(value, 'original_type', field);
  return {
    ...value,
    algorithm,
    ciphertext,
    nonce,
    ...(associatedData === undefined ? {} : { associated_data: associatedData }),
    ...(originalType === undefined ? {} : { original_type: originalType }),
  };
}

/**
 * Parses and shape-checks the raw body of an APIv3 callback (`{id, create_time, event_type, resource_type,
 * resource: {algorithm, ciphertext, associated_data, nonce, original_type}, summary}`).
 * Verify the `Wechatpay-*` signature over the same raw bytes first, with `verifyResponse`.
 *
 * Throws `ENVELOPE_INVALID` with `detail.field` and `detail.issue`.
 *
 * @example
 * ```ts
 * await verifyResponse({ headers, body: raw, publicKeys });
 * const envelope = parseCallbackEnvelope(raw);
 * const { json } = decryptResource(envelope.resource, apiV3Key);
 * ```
 */
export function parseCallbackEnvelope(body: string | Uint8Array): CallbackEnvelope {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    invalid('(body)', 'not_text', 'The callback body must be a string or bytes.');
  }
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: false }).decode(body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    invalid('(body)', 'not_json', 'The callback body is not JSON.');
  }
  if (!isRecord(value)) invalid('(body)', 'not_object', 'The callback body must be a JSON object.');
  requireString(value, 'id', '');
  requireString(value, 'create_time', '');
  requireString(value, 'event_type', '');
  requireString(value, 'resource_type', '');
  optionalString(value, 'summary', '');
  const resource = checkResource(value.resource, 'resource');
  return { ...(value as CallbackEnvelope), resource };
}
