import { defaultEngine } from '#runtime';
import { checkSignedMessage, type SignedMessageCheck } from '../protocol/check-signed-message.js';
import { DEFAULT_WINDOW_SECONDS, PROBE_SIGNATURE_PREFIX } from '../protocol/constants.js';
import { decodeBase64Portable, isSignatureText, signatureByteLength } from '../protocol/signature-text.js';
import { describeSkew, explainTimestamp, type TimestampVerdict } from '../protocol/timestamp.js';
import { isAuditNotifyError } from '../errors.js';
import { readHeader } from '../protocol/header-value.js';
import type { MessageBody } from '../protocol/message-bytes.js';
import { parseAuthorization } from '../protocol/parse-authorization.js';
import { buildRequestMessage } from '../protocol/request-message.js';
import { buildResponseMessage } from '../protocol/response-message.js';
import { systemClock } from '../signing/system-clock.js';
import type { Clock, HeaderInput, PublicKeyHandle, SignatureEngine } from '../types.js';
import { CAUSE_TITLES, type CauseCode } from './causes.js';
import { bodyVariants, timestampVariants, urlVariants, type MessagePart } from './message-variants.js';
import { digestMatches, openSignature, verifiesAsPss } from '#runtime';

/**
 * What to diagnose: a signed request (`Authorization`) or a signed answer (`Wechatpay-*` headers).
 *
 * @example
 * ```ts
 * const input: DiagnoseSignatureInput = { kind: 'response', headers: res.headers, body: rawBody, publicKeys };
 * ```
 */
export interface DiagnoseSignatureInput {
  kind: 'request' | 'response';
  /** Request method (requests only; default `POST`). */
  method?: string;
  /** Path plus `?query` as received (requests only; default `/`). */
  url?: string;
  headers: HeaderInput;
  /** The raw body bytes as received. */
  body: MessageBody;
  /** Known public keys by id: sender certificate serials for requests, `PUB_KEY_ID_…` for answers. */
  publicKeys: ReadonlyMap<string, PublicKeyHandle>;
  clock?: Clock;
  /** Accept |now − timestamp| below this many seconds (default 300, protocol.md §3). */
  windowSeconds?: number;
  engine?: SignatureEngine;
}

/**
 * One check of the verifier, in the order a verifier runs them.
 *
 * @example
 * ```ts
 * for (const check of diagnosis.checks) console.log(check.ok ? '✓' : '✗', check.name, check.detail);
 * ```
 */
export interface DiagnosisCheck {
  name: 'authorization' | 'headers' | 'key_known' | 'timestamp_window' | 'signature_format' | 'signature' | 'signature_type';
  ok: boolean;
  detail: string;
}

/**
 * The check a verifier refuses a message at: the header cannot be read, or one of the checks of a signed message.
 *
 * @example
 * ```ts
 * const failed: DiagnosisFailedCheck = 'timestamp_window';
 * ```
 */
export type DiagnosisFailedCheck = 'authorization' | 'headers' | SignedMessageCheck;

/**
 * A message a sender might really have signed, and whether the signature verifies over it.
 *
 * @example
 * ```ts
 * const proof = diagnosis.variants.find((v) => v.verifies);
 * if (proof) render(diffBytes(diagnosis.message, proof.message));
 * ```
 */
export interface SignatureVariant {
  name: string;
  description: string;
  message: Uint8Array;
  verifies: boolean;
  /** The key id it verifies with, when it does. */
  keyId?: string;
}

/**
 * The single most likely reason the signature failed.
 *
 * @example
 * ```ts
 * const { code, title, explanation } = diagnosis.likelyCause ?? {};
 * ```
 */
export interface LikelyCause {
  code: CauseCode;
  title: string;
  explanation: string;
  /** The variant that proves it, if one does. */
  variant?: string;
  /** The key involved (e.g. the key that really verifies, for `WRONG_KEY`). */
  keyId?: string;
}

/**
 * The result of {@link diagnoseSignature}.
 *
 * @example
 * ```ts
 * const diagnosis: SignatureDiagnosis = await diagnoseSignature(input);
 * if (!diagnosis.verified) console.log(diagnosis.likelyCause?.title);
 * ```
 */
export interface SignatureDiagnosis {
  kind: 'request' | 'response';
  /** True when a verifier with these keys, clock and window would accept it. */
  verified: boolean;
  /** The key id the signature names (`serial_no` or `Wechatpay-Serial`). */
  keyId?: string;
  /** The message the verifier computes from what was received (empty when the headers cannot be read). */
  message: Uint8Array;
  checks: DiagnosisCheck[];
  /**
   * The check a verifier refuses the message at, the same one the receiver and `verifyResponse` name
   * (protocol/check-signed-message.ts); absent when it verifies.
   */
  failedCheck?: DiagnosisFailedCheck;
  /** Guesses tried when the signature fails (empty when it verifies). */
  variants: SignatureVariant[];
  likelyCause?: LikelyCause;
}

interface SignedFields {
  keyId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

const RESPONSE_HEADERS = ['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial'] as const;
const encoder = new TextEncoder();

/**
 * Explains a signature: computes the verifier's message, runs the verifier's checks (key id, window,
 * signature), and when it fails tries the usual mistakes (protocol.md §7) — the body re-serialised, a final
 * newline, CRLF/LF, other charsets, the query dropped or added, the host signed, a proxy's path prefix, a
 * timestamp in milliseconds, every other known key — and opens the signature with each key (RSA public
 * operation) to tell "right key, other message" from "wrong key". Returns the checks, every variant tried,
 * and the single most likely cause. Never throws for any input: probes (`WECHATPAY/SIGNTEST/…`), bad
 * Base64 and malformed headers are causes, not errors.
 *
 * @example
 * ```ts
 * const diagnosis = await diagnoseSignature({
 *   kind: 'request',
 *   method: req.method,
 *   url: req.url,
 *   headers: req.headers,
 *   body: rawBody,
 *   publicKeys: new Map([['5157F09EFDC096DE15EBE81A47057A7232F1B8E1', senderPublicKey]]),
 * });
 * if (!diagnosis.verified) console.log(diagnosis.likelyCause?.code, diagnosis.likelyCause?.explanation);
 * ```
 */
export async function diagnoseSignature(input: DiagnoseSignatureInput): Promise<SignatureDiagnosis> {
  const { kind, publicKeys } = input;
  const engine = input.engine ?? defaultEngine();
  const windowSeconds = input.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  const now = (input.clock ?? systemClock)();
  const method = input.method ?? 'POST';
  const url = input.url ?? '/';
  const body = typeof input.body === 'string' ? encoder.encode(input.body) : input.body;
  const checks: DiagnosisCheck[] = [];
  // Set from the verifier's check; the header checks fail before it when the headers cannot be read.
  let failedCheck: DiagnosisFailedCheck | undefined = kind === 'request' ? 'authorization' : 'headers';
  const result = (verified: boolean, message: Uint8Array, variants: SignatureVariant[], cause?: LikelyCause, keyId?: string): SignatureDiagnosis => ({
    kind,
    verified,
    ...(failedCheck === undefined ? {} : { failedCheck }),
    ...(keyId === undefined ? {} : { keyId }),
    message,
    checks,
    variants,
    ...(cause ? { likelyCause: cause } : {}),
  });

  const read = kind === 'request' ? readAuthorization(input.headers, checks) : readAnswerHeaders(input.headers, checks);
  if ('cause' in read) return result(false, new Uint8Array(0), [], read.cause);
  const fields = read;
  const build = (part: Partial<MessagePart> = {}): Uint8Array =>
    kind === 'request'
      ? buildRequestMessage({ method, url: part.url ?? url, timestamp: part.timestamp ?? fields.timestamp, nonce: fields.nonce, body: part.body ?? body })
      : buildResponseMessage({ timestamp: part.timestamp ?? fields.timestamp, nonce: fields.nonce, body: part.body ?? body });
  const message = build();

  // Key id, then window, then signature: the verifier's own check (protocol/check-signed-message.ts), with the
  // signature checked even when the window fails so the cause can name both.
  const verdict = await checkSignedMessage({ fields, message, publicKeys, now, windowSeconds, engine, checkSignatureAlways: true });
  failedCheck = verdict.failed;
  const namedKey = verdict.key;
  const knownIds = verdict.knownKeyIds;
  checks.push({
    name: 'key_known',
    ok: namedKey !== undefined,
    detail: namedKey
      ? `${fields.keyId} is a known key (${namedKey.bits}-bit, ${namedKey.fingerprint.slice(0, 23)}…)`
      : `${clip(fields.keyId)} is not among the known keys (${knownIds.join(', ') || 'none'})`,
  });
  const window = windowCheck(verdict.timestamp);
  checks.push({ name: 'timestamp_window', ok: window.ok, detail: window.detail });

  if (fields.signature.startsWith(PROBE_SIGNATURE_PREFIX)) {
    checks.push({ name: 'signature_format', ok: false, detail: `a ${PROBE_SIGNATURE_PREFIX} probe, not a signature` });
    checks.push({ name: 'signature', ok: false, detail: 'probes never verify (protocol.md §4)' });
    return result(false, message, [], cause('PROBE_SIGNATURE', `The signature starts with ${PROBE_SIGNATURE_PREFIX}: WeChat Pay sends such probes to check that verifiers fail cleanly. Rejecting it is correct; nothing to fix (protocol.md §4).`), fields.keyId);
  }

  const bits = namedKey?.bits ?? publicKeys.values().next().value?.bits ?? 2048;
  const signatureText = normaliseSignature(fields.signature, bits);
  const canonical = signatureText === fields.signature;
  checks.push({
    name: 'signature_format',
    ok: canonical,
    detail: canonical
      ? `standard padded Base64 of ${signatureByteLength(bits)} bytes`
      : signatureText
        ? 'not canonical: it verifies only after removing whitespace, URL-safe characters or missing padding'
        : `not the standard padded Base64 of a ${bits}-bit RSA signature (${fields.signature.length} characters)`,
  });

  const verifyWith = async (key: PublicKeyHandle, msg: Uint8Array): Promise<boolean> =>
    signatureText !== undefined && (await engine.verify(key, msg, signatureText));
  const originalOk = verdict.signature.ok;
  checks.push({
    name: 'signature',
    ok: originalOk,
    detail: originalOk ? `valid over the message with ${fields.keyId}` : namedKey ? `does not verify over the message with ${fields.keyId}` : 'not checked: no key for this id',
  });
  if (originalOk) {
    const verified = window.ok;
    const windowCause = verified ? undefined : window.milliseconds ? cause('TIMESTAMP_IN_MILLISECONDS', window.explanation) : cause('TIMESTAMP_OUT_OF_WINDOW', window.explanation);
    return result(verified, message, [], windowCause, fields.keyId);
  }

  // The signature fails: try the guesses with the named key first, then with every other key.
  const ordered = [...(namedKey ? [[fields.keyId, namedKey] as const] : []), ...[...publicKeys].filter(([id]) => id !== fields.keyId)];
  const parts: MessagePart[] = [
    ...bodyVariants(body),
    ...(kind === 'request' ? urlVariants(url, readHeader(input.headers, 'host')) : []),
    ...timestampVariants(fields.timestamp),
  ];
  const seen = new Set<string>([fingerprint(message)]);
  const variants: SignatureVariant[] = [];
  const proofs: { part?: MessagePart; keyId: string }[] = [];
  if (signatureText !== undefined && !canonical && namedKey && (await verifyWith(namedKey, message))) {
    variants.push({ name: 'signature_normalised', description: 'the signature text with whitespace removed, URL-safe characters mapped and padding restored', message, verifies: true, keyId: fields.keyId });
    return result(false, message, variants, cause('SIGNATURE_ENCODING', `The signature verifies once its text is made standard padded Base64 (no line breaks or spaces, "+/" not "-_", "=" padding): send it that way (protocol.md §3).`), fields.keyId);
  }
  for (const [id, key] of ordered.slice(namedKey ? 1 : 0)) {
    const ok = await verifyWith(key, message);
    variants.push({ name: `key:${id}`, description: `the same message verified with the key known as ${id}`, message, verifies: ok, ...(ok ? { keyId: id } : {}) });
    if (ok) proofs.push({ keyId: id });
  }
  for (const part of parts) {
    const msg = build(part);
    const id = fingerprint(msg);
    if (seen.has(id)) continue;
    seen.add(id);
    let verifiedBy: string | undefined;
    for (const [keyId, key] of ordered) {
      if (await verifyWith(key, msg)) {
        verifiedBy = keyId;
        break;
      }
    }
    variants.push({ name: part.name, description: part.description, message: msg, verifies: verifiedBy !== undefined, ...(verifiedBy ? { keyId: verifiedBy } : {}) });
    if (verifiedBy !== undefined) proofs.push({ part, keyId: verifiedBy });
  }

  // A stale or millisecond timestamp is worth a mention when it is not already the cause.
  const late = window.ok ? '' : ` Besides, ${window.explanation}`;
  const explain = (code: CauseCode, text: string, extra: Partial<LikelyCause> = {}) =>
    cause(code, code === 'TIMESTAMP_IN_MILLISECONDS' ? text : text + late, extra);

  if (!namedKey) {
    const found = proofs.find((p) => !p.part);
    const caseTwin = knownIds.find((id) => id.toLowerCase() === fields.keyId.toLowerCase());
    const text = found
      ? `The signature names key "${clip(fields.keyId)}", which is unknown, but it verifies with the key known as ${found.keyId}: the ${kind === 'request' ? 'serial_no' : 'Wechatpay-Serial'} is wrong or the ids are mixed up (protocol.md §7 item 3).`
      : caseTwin
        ? `The key id "${clip(fields.keyId)}" differs from the known ${caseTwin} only in letter case; ids are compared exactly (protocol.md §3).`
        : `No key is known under "${clip(fields.keyId)}" (known: ${knownIds.join(', ') || 'none'}). Add the ${kind === 'request' ? "sender's certificate public key under its serial" : "receiver's public key under its PUB_KEY_ID_"} (protocol.md §7 item 3).`;
    return result(false, message, variants, explain('UNKNOWN_SERIAL', text, found ? { keyId: found.keyId } : {}), fields.keyId);
  }
  if (signatureText === undefined) {
    return result(false, message, variants, explain('SIGNATURE_ENCODING', `The signature is not standard padded Base64 of a ${namedKey.bits}-bit RSA signature (expected ${Math.ceil(signatureByteLength(namedKey.bits) / 3) * 4} characters, got ${fields.signature.length}): it was cut, wrapped or mangled on the way.`), fields.keyId);
  }
  const byNamed = proofs.find((p) => p.part && p.keyId === fields.keyId);
  if (byNamed?.part) return result(false, message, variants, explain(byNamed.part.cause, partExplanation(byNamed.part, kind), { variant: byNamed.part.name }), fields.keyId);
  const otherKey = proofs.find((p) => !p.part) ?? proofs[0];
  if (otherKey) {
    const alsoPart = otherKey.part ? ` (over ${otherKey.part.description})` : '';
    return result(false, message, variants, explain('WRONG_KEY', `It was signed with the private key of ${otherKey.keyId}${alsoPart}, but ${fields.keyId} names another key: the merchant certificate and WeChat Pay's public key, or two serials, are mixed up (protocol.md §7 item 2).`, { keyId: otherKey.keyId, ...(otherKey.part ? { variant: otherKey.part.name } : {}) }), fields.keyId);
  }

  // Nothing verifies: open the signature to tell the key from the message.
  const signatureBytes = decodeBase64Portable(signatureText);
  const opened = await openSignature(namedKey, signatureBytes);
  if (opened.kind === 'pkcs1' && opened.algorithm !== 'sha256') {
    const same = await digestMatches(opened.algorithm, message, opened.digest);
    return result(false, message, variants, explain('SIGNATURE_ALGORITHM', `It was signed with ${opened.algorithm.toUpperCase()}withRSA${same ? ' over exactly this message' : ''}; APIv3 uses SHA256withRSA (RSASSA-PKCS1-v1_5 with SHA-256, protocol.md §3).`), fields.keyId);
  }
  if (opened.kind === 'pkcs1') {
    return result(false, message, variants, explain('BODY_NOT_SIGNED_BYTES', `The key is right (the signature opens with ${fields.keyId} to a SHA-256 digest ${hex(opened.digest).slice(0, 16)}…) but the message it signed is not the one computed here, and no usual mistake explains it: sign the exact bytes you send${kind === 'request' ? ', with the exact path and query' : ''}, once (protocol.md §7 item 5).`), fields.keyId);
  }
  if (await verifiesAsPss(namedKey, message, signatureBytes)) {
    return result(false, message, variants, explain('SIGNATURE_ALGORITHM', 'It is an RSA-PSS signature over this message; APIv3 uses RSASSA-PKCS1-v1_5 with SHA-256 (protocol.md §3).'), fields.keyId);
  }
  let opener: readonly [string, PublicKeyHandle] | undefined;
  for (const entry of ordered.slice(1)) {
    if ((await openSignature(entry[1], signatureBytes)).kind === 'pkcs1') {
      opener = entry;
      break;
    }
  }
  const text = opener
    ? `It was signed with the private key of ${opener[0]} (the signature opens with that key) over a different message, while ${fields.keyId} names another key (protocol.md §7 item 2).`
    : `None of the known keys opens this signature: it was made with a private key whose public key is not ${fields.keyId} — typically the sender's own certificate used where the other side's public key belongs, or the reverse (protocol.md §7 item 2) — or it was damaged on the way.`;
  return result(false, message, variants, explain('WRONG_KEY', text, opener ? { keyId: opener[0] } : {}), fields.keyId);
}

function readAuthorization(headers: HeaderInput, checks: DiagnosisCheck[]): SignedFields | { cause: LikelyCause } {
  try {
    const fields = parseAuthorization(readHeader(headers, 'authorization'));
    checks.push({ name: 'authorization', ok: true, detail: `mchid ${fields.mchid}, serial_no ${fields.serialNo}` });
    return { keyId: fields.serialNo, timestamp: String(fields.timestamp), nonce: fields.nonce, signature: fields.signature };
  } catch (error) {
    const missing = isAuditNotifyError(error) && error.code === 'AUTH_MISSING';
    const message = error instanceof Error ? error.message : String(error);
    checks.push({ name: 'authorization', ok: false, detail: message });
    return { cause: cause(missing ? 'AUTH_MISSING' : 'AUTH_MALFORMED', `${message} Nothing can be verified until the header follows protocol.md §3.`) };
  }
}

function readAnswerHeaders(headers: HeaderInput, checks: DiagnosisCheck[]): SignedFields | { cause: LikelyCause } {
  const values = RESPONSE_HEADERS.map((name) => readHeader(headers, name));
  const missing = RESPONSE_HEADERS.filter((_, i) => values[i] === undefined);
  const [timestamp, nonce, signature, keyId] = values;
  if (timestamp === undefined || nonce === undefined || signature === undefined || keyId === undefined) {
    checks.push({ name: 'headers', ok: false, detail: `missing ${missing.join(', ')}` });
    return { cause: cause('HEADERS_MISSING', `The answer lacks ${missing.join(', ')}: every 2xx answer must be signed (protocol.md §4). An unsigned 2xx is treated as forged.`) };
  }
  checks.push({ name: 'headers', ok: true, detail: 'Wechatpay-Timestamp, -Nonce, -Signature and -Serial present' });
  const type = readHeader(headers, 'Wechatpay-Signature-Type');
  if (type !== undefined) {
    checks.push({ name: 'signature_type', ok: type === 'WECHATPAY2-SHA256-RSA2048', detail: `Wechatpay-Signature-Type ${clip(type)}` });
  }
  return { keyId, timestamp, nonce, signature };
}

function windowCheck(verdict: TimestampVerdict): { ok: boolean; milliseconds: boolean; detail: string; explanation: string } {
  const explanation = verdict.ok ? '' : explainTimestamp(verdict);
  if (verdict.ok) return { ok: true, milliseconds: false, detail: `${describeSkew(verdict.skewSeconds)} (window ${verdict.windowSeconds} s)`, explanation };
  if (verdict.problem === 'not_digits') return { ok: false, milliseconds: false, detail: `"${clip(verdict.text)}" is not Unix seconds`, explanation };
  const milliseconds = verdict.problem === 'milliseconds';
  return { ok: false, milliseconds, detail: milliseconds ? 'milliseconds, not seconds' : `${describeSkew(verdict.skewSeconds)} (window ${verdict.windowSeconds} s)`, explanation };
}

function partExplanation(part: MessagePart, kind: 'request' | 'response'): string {
  const fix: Record<CauseCode, string> = {
    BODY_RESERIALISED: 'Verify over the raw bytes received, before any JSON parsing (protocol.md §7 item 1); a sender must sign the exact bytes it sends.',
    TRAILING_NEWLINE: 'Sign and send the same bytes: a final newline was added to or lost from one side (protocol.md §7 item 5).',
    LINE_ENDINGS: 'Line breaks were converted between CRLF and LF on one side; send and verify the bytes untouched (protocol.md §7 item 5).',
    BODY_TRIMMED: 'Whitespace around the body was trimmed or added on one side; verify the raw bytes.',
    CHARSET_MISMATCH: 'Chinese text was encoded differently on the two sides; both must use the UTF-8 bytes that go on the wire (protocol.md §7 item 7).',
    QUERY_MISMATCH: 'The query string signed differs from the one sent; sign the path and query exactly as sent (protocol.md §7 item 6).',
    URL_INCLUDES_HOST: 'The host is not signed: sign only the path and query (protocol.md §3).',
    URL_ENCODING: 'Sign the request target exactly as it goes on the wire, with the same percent-encoding (protocol.md §3).',
    PATH_REWRITTEN: 'A proxy or gateway changed the path; verify with the path the sender used (protocol.md §7 item 6).',
    TIMESTAMP_IN_MILLISECONDS: 'The timestamp header is in milliseconds while the message was signed in seconds; send Unix seconds (protocol.md §7 item 4).',
    BODY_NOT_SIGNED_BYTES: `The ${kind === 'request' ? 'sender' : 'receiver'} signed another body than the one sent (protocol.md §7 item 5).`,
    AUTH_MISSING: '',
    AUTH_MALFORMED: '',
    HEADERS_MISSING: '',
    PROBE_SIGNATURE: '',
    UNKNOWN_SERIAL: '',
    TIMESTAMP_OUT_OF_WINDOW: '',
    SIGNATURE_ENCODING: '',
    SIGNATURE_ALGORITHM: '',
    WRONG_KEY: '',
  };
  return `The signature verifies over ${part.description}. ${fix[part.cause]}`.trim();
}

function cause(code: CauseCode, explanation: string, extra: Partial<LikelyCause> = {}): LikelyCause {
  return { code, title: CAUSE_TITLES[code], explanation, ...extra };
}

// Canonical signature text for a key size, repairing what transports do to Base64: line wrapping,
// URL-safe alphabet, dropped padding. Undefined when even the repaired text cannot be a signature.
function normaliseSignature(signature: string, bits: number): string | undefined {
  const length = signatureByteLength(bits);
  if (isSignatureText(signature as unknown, length)) return signature;
  let text = signature.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  text = text.replace(/=+$/, '');
  while (text.length % 4 !== 0) text += '=';
  return isSignatureText(text, length) ? text : undefined;
}

// Identity of a candidate message, to try each distinct message once: windows-1252 maps every byte to its
// own character, so equal strings mean equal bytes.
const byteText = new TextDecoder('windows-1252');
function fingerprint(bytes: Uint8Array): string {
  return byteText.decode(bytes);
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
