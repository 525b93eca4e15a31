// The one signature check of APIv3 (protocol.md §3–4): key id, then timestamp window, then signature, in the
// verifier's order. The receiver, answer verification, diagnosis and the decode report all call it, so they
// cannot disagree about which check a message fails. Runtime-free: the engine is passed in.
import type { PublicKeyHandle, SignatureEngine, UnixSeconds } from '../types.js';
import { PROBE_SIGNATURE_PREFIX } from './constants.js';
import { isSignatureText, signatureByteLength } from './signature-text.js';
import { checkTimestamp, type SignedMessageKind, type TimestampVerdict } from './timestamp.js';
import { findBySerialNumber } from './serial-number.js';

/**
 * The checks of a signed message that {@link checkSignedMessage} runs, in order.
 *
 * @example
 * ```ts
 * const failed: SignedMessageCheck = 'timestamp_window';
 * ```
 */
export type SignedMessageCheck = 'key_known' | 'timestamp_window' | 'signature';

/**
 * The verdict on a signature alone: valid, or why not. `not_checked`: no key is known under the id.
 *
 * @example
 * ```ts
 * const verdict: SignatureVerdict = { ok: false, problem: 'probe_signature' };
 * ```
 */
export type SignatureVerdict =
  | { ok: true }
  | { ok: false; problem: 'probe_signature' | 'not_base64' | 'mismatch' | 'not_checked' };

/**
 * The signed fields of a request (`Authorization`) or an answer (`Wechatpay-*` headers), as received.
 *
 * @example
 * ```ts
 * const fields: SignedFields = { keyId: serial, timestamp: '1757900000', nonce, signature };
 * ```
 */
export interface SignedFields {
  /** `serial_no` of a request, `Wechatpay-Serial` of an answer. */
  keyId: string;
  /** The timestamp text exactly as received. */
  timestamp: string;
  nonce: string;
  signature: string;
}

/**
 * What {@link checkSignedMessage} checks.
 *
 * @example
 * ```ts
 * const input: CheckSignedMessageInput = { fields, message, publicKeys, now: clock(), windowSeconds: 300, engine };
 * ```
 */
export interface CheckSignedMessageInput {
  fields: SignedFields;
  /** The message the verifier computes from what was received (`buildRequestMessage`/`buildResponseMessage`). */
  message: Uint8Array;
  /** Known keys by id. */
  publicKeys: ReadonlyMap<string, PublicKeyHandle>;
  now: UnixSeconds;
  windowSeconds: number;
  engine: SignatureEngine;
  /** A request's or an answer's: the window's edge differs (`SignedMessageKind`). Default `answer`. */
  kind?: SignedMessageKind;
  /**
   * Check the signature even when the key id is known but the timestamp fails, so a report can show both
   * verdicts. The verdict (`failed`) is the same either way.
   */
  checkSignatureAlways?: boolean;
}

/**
 * The result of {@link checkSignedMessage}: each check's own verdict, and the first failing check in the
 * verifier's order (`failed`, absent when the message is accepted).
 *
 * @example
 * ```ts
 * const result: SignedMessageVerdict = await checkSignedMessage(input);
 * if (!result.ok) console.log(result.failed);
 * ```
 */
export interface SignedMessageVerdict {
  ok: boolean;
  failed?: SignedMessageCheck;
  keyId: string;
  /** The key named by `keyId`, when known. */
  key?: PublicKeyHandle;
  /** Every known key id, for messages. */
  knownKeyIds: string[];
  timestamp: TimestampVerdict;
  /** `not_checked` when the key is unknown, or when the timestamp failed and `checkSignatureAlways` is off. */
  signature: SignatureVerdict;
}

/**
 * Why a signature that does not verify fails: a `WECHATPAY/SIGNTEST/` probe, text that is not the padded
 * Base64 of a signature for this key size, or a real mismatch.
 *
 * @example
 * ```ts
 * signatureProblem('WECHATPAY/SIGNTEST/abc', 2048); // 'probe_signature'
 * ```
 */
export function signatureProblem(signature: string, bits: number): 'probe_signature' | 'not_base64' | 'mismatch' {
  if (signature.startsWith(PROBE_SIGNATURE_PREFIX)) return 'probe_signature';
  if (!isSignatureText(signature, signatureByteLength(bits))) return 'not_base64';
  return 'mismatch';
}

/**
 * Runs the checks of a signed message in the verifier's order: the key id is known (a serial in any
 * notation, protocol/serial-number.ts), the timestamp is inside the window (`kind` decides its edge), and the signature verifies over `message` with that key (protocol.md §3–4). Never throws
 * for a bad signature or timestamp: they are verdicts.
 *
 * @example
 * ```ts
 * const verdict = await checkSignedMessage({
 *   fields: { keyId: auth.serialNo, timestamp: String(auth.timestamp), nonce: auth.nonce, signature: auth.signature },
 *   message: buildRequestMessage({ method, url, timestamp: auth.timestamp, nonce: auth.nonce, body }),
 *   publicKeys,
 *   now: Date.now() / 1000,
 *   windowSeconds: DEFAULT_WINDOW_SECONDS,
 *   engine: createNodeEngine(),
 * });
 * ```
 */
export async function checkSignedMessage(input: CheckSignedMessageInput): Promise<SignedMessageVerdict> {
  const { fields, publicKeys } = input;
  const keyId = fields.keyId;
  const key = findBySerialNumber(publicKeys, keyId)?.[1];
  const knownKeyIds = [...publicKeys.keys()];
  const timestamp = checkTimestamp(fields.timestamp, input.now, input.windowSeconds, input.kind);
  // Literals rather than spreads of a common part: this runs for every request a receiver verifies.
  if (key === undefined) {
    return { keyId, knownKeyIds, timestamp, ok: false, failed: 'key_known', signature: { ok: false, problem: 'not_checked' } };
  }
  if (!timestamp.ok && !input.checkSignatureAlways) {
    return { keyId, knownKeyIds, timestamp, key, ok: false, failed: 'timestamp_window', signature: { ok: false, problem: 'not_checked' } };
  }
  const valid = await input.engine.verify(key, input.message, fields.signature);
  const signature: SignatureVerdict = valid ? { ok: true } : { ok: false, problem: signatureProblem(fields.signature, key.bits) };
  const failed: SignedMessageCheck | undefined = !timestamp.ok ? 'timestamp_window' : !valid ? 'signature' : undefined;
  if (failed === undefined) return { keyId, knownKeyIds, timestamp, key, ok: true, signature };
  return { keyId, knownKeyIds, timestamp, key, ok: false, failed, signature };
}
