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
import { bodyVariants, messageShapeVariants, nonceVariants, shapeMessage, timestampVariants, urlVariants, type MessagePart } from './message-variants.js';
import { digestMatches, openSignature, sha256, verifiesAsPss } from '#runtime';

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
  /**
   * The public keys of the receiver's own answer keys by id (`PUB_KEY_ID_…`), for requests: a request is never
   * accepted under them, but a request signed with one is named as signed with the answer key.
   */
  answerKeys?: ReadonlyMap<string, PublicKeyHandle>;
  clock?: Clock;
  /** The window in seconds (default 300): a request's timestamp may be this far away, an answer's less (protocol/timestamp.ts). */
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
 * timestamp in milliseconds, every other known key, and the mistakes integrators make (escapes, key order, GBK
 * bytes, the message's shape, a proxy prefix, a clock read twice, the serial_no's notation, the answer key). It
 * opens the signature once with each key (RSA public operation) and compares each guess's SHA-256 with the
 * digest inside, so a guess costs one hash; an opened digest also tells "right key, other message" from
 * "wrong key". Returns the checks, every variant tried,
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
  const build = (part: Partial<MessagePart> = {}): Uint8Array => {
    const timestamp = part.timestamp ?? fields.timestamp;
    const nonce = part.nonce ?? fields.nonce;
    const signedBody = part.body ?? body;
    if (part.method !== undefined || part.lines !== undefined) {
      const lines = kind === 'request' ? [part.method ?? method.toUpperCase(), part.url ?? url, timestamp, nonce] : [timestamp, nonce];
      return shapeMessage(lines, signedBody, part.lines);
    }
    return kind === 'request'
      ? buildRequestMessage({ method, url: part.url ?? url, timestamp, nonce, body: signedBody })
      : buildResponseMessage({ timestamp, nonce, body: signedBody });
  };
  const message = build();

  // Key id, then window, then signature: the verifier's own check (protocol/check-signed-message.ts), with the
  // signature checked even when the window fails so the cause can name both.
  const verdict = await checkSignedMessage({ fields, message, publicKeys, now, windowSeconds, engine, kind: kind === 'request' ? 'request' : 'answer', checkSignatureAlways: true });
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

  // The signature fails. Open it once with every key (one RSA public operation each): a key that opens it to a
  // SHA-256 DigestInfo signed it, and a guess verifies exactly when its SHA-256 equals that digest. So each
  // guess costs one hash, not one verification per key.
  const ordered = [...(namedKey ? [[fields.keyId, namedKey] as const] : []), ...[...publicKeys].filter(([id]) => id !== fields.keyId)];
  const senderPrints = new Set([...publicKeys.values()].map((key) => key.fingerprint));
  const answerKeys = [...(input.answerKeys ?? [])].filter(([, key]) => !senderPrints.has(key.fingerprint));
  const signatureBytes = signatureText === undefined ? undefined : decodeBase64Portable(signatureText);
  const openers = signatureBytes === undefined ? [] : await openAll(signatureBytes, [...ordered.map(([id, key]) => ({ id, key, role: 'sender' as const })), ...answerKeys.map(([id, key]) => ({ id, key, role: 'answer' as const }))]);
  const parts: MessagePart[] = [
    ...bodyVariants(body),
    ...(kind === 'request' ? urlVariants(url, readHeader(input.headers, 'host'), proxyPrefixes(input.headers, url)) : []),
    ...messageShapeVariants(kind === 'request' ? method : undefined),
    ...timestampVariants(fields.timestamp),
    ...nonceVariants(fields.nonce),
  ];
  const seen = new Set<string>([fingerprint(message)]);
  const variants: SignatureVariant[] = [];
  const proofs: { part?: MessagePart; keyId: string; role: 'sender' | 'answer' }[] = [];
  if (signatureText !== undefined && !canonical && namedKey && (await verifyWith(namedKey, message))) {
    const plus = fields.signature.includes(' ') && fields.signature.replace(/ /g, '+') === signatureText;
    variants.push({ name: 'signature_normalised', description: plus ? 'the signature text with its spaces turned back into "+"' : 'the signature text with whitespace removed, URL-safe characters mapped and padding restored', message, verifies: true, keyId: fields.keyId });
    return plus
      ? result(false, message, variants, cause('SIGNATURE_PLUS_AS_SPACE', `The signature verifies once its spaces are turned back into "+": somewhere between your signing code and the wire it went through URL or form decoding (application/x-www-form-urlencoded turns "+" into a space). Put the Base64 signature into the Authorization header as it is, never through URL encoding or decoding.`), fields.keyId)
      : result(false, message, variants, cause('SIGNATURE_ENCODING', `The signature verifies once its text is made standard padded Base64 (no line breaks or spaces, "+/" not "-_", "=" padding): send it that way (protocol.md §3).`), fields.keyId);
  }
  const digest = hex(await sha256(message));
  for (const opener of openers.filter((o) => o.id !== fields.keyId || o.role === 'answer')) {
    const ok = opener.digest === digest;
    variants.push({ name: `key:${opener.id}`, description: `the same message verified with the key known as ${opener.id}`, message, verifies: ok, ...(ok ? { keyId: opener.id } : {}) });
    if (ok) proofs.push({ keyId: opener.id, role: opener.role });
  }
  for (const part of parts) {
    const msg = build(part);
    const print = fingerprint(msg);
    if (seen.has(print)) continue;
    seen.add(print);
    const id = openers.length === 0 ? '' : hex(await sha256(msg));
    const by = openers.find((o) => o.digest === id);
    variants.push({ name: part.name, description: part.description, message: msg, verifies: by !== undefined, ...(by ? { keyId: by.id } : {}) });
    if (by !== undefined) proofs.push({ part, keyId: by.id, role: by.role });
  }

  // A stale or millisecond timestamp is worth a mention when it is not already the cause.
  const late = window.ok ? '' : ` Besides, ${window.explanation}`;
  const explain = (code: CauseCode, text: string, extra: Partial<LikelyCause> = {}) =>
    cause(code, code === 'TIMESTAMP_IN_MILLISECONDS' ? text : text + late, extra);
  const byAnswerKey = proofs.find((p) => p.role === 'answer');
  const answerText = (proof: { keyId: string; part?: MessagePart }) =>
    `It was signed with the private key of ${proof.keyId}, the key the receiver signs its answers with (WeChat Pay's platform key), not with the merchant's API key${proof.part ? ` (and over ${proof.part.description})` : ''}. Sign requests with your merchant private key (apiclient_key.pem), whose certificate serial is the serial_no you send; the platform key only checks answers (protocol.md §7 item 2).`;

  if (!namedKey) {
    if (byAnswerKey) return result(false, message, variants, explain('SIGNED_WITH_ANSWER_KEY', answerText(byAnswerKey), { keyId: byAnswerKey.keyId }), fields.keyId);
    const found = proofs.find((p) => !p.part) ?? proofs[0];
    const serial = kind === 'request' ? serialMistake(fields.keyId, knownIds, found?.keyId) : undefined;
    if (serial) return result(false, message, variants, explain(serial.code, serial.text, found ? { keyId: found.keyId } : {}), fields.keyId);
    const caseTwin = knownIds.find((id) => id.toLowerCase() === fields.keyId.toLowerCase());
    const text = found
      ? `The signature names key "${clip(fields.keyId)}", which is unknown, but it verifies with the key known as ${found.keyId}: the ${kind === 'request' ? 'serial_no' : 'Wechatpay-Serial'} is wrong or the ids are mixed up (protocol.md §7 item 3).`
      : caseTwin
        ? `The key id "${clip(fields.keyId)}" differs from the known ${caseTwin} only in letter case; ids are compared exactly (protocol.md §3).`
        : `No key is known under "${clip(fields.keyId)}" (known: ${knownIds.join(', ') || 'none'}). Add the ${kind === 'request' ? "sender's certificate public key under its serial" : "receiver's public key under its PUB_KEY_ID_"} (protocol.md §7 item 3).`;
    return result(false, message, variants, explain('UNKNOWN_SERIAL', text, found ? { keyId: found.keyId } : {}), fields.keyId);
  }
  if (signatureText === undefined || signatureBytes === undefined) {
    return result(false, message, variants, explain('SIGNATURE_ENCODING', `The signature is not standard padded Base64 of a ${namedKey.bits}-bit RSA signature (expected ${Math.ceil(signatureByteLength(namedKey.bits) / 3) * 4} characters, got ${fields.signature.length}): it was cut, wrapped or mangled on the way.`), fields.keyId);
  }
  const byNamed = proofs.find((p) => p.part && p.keyId === fields.keyId && p.role === 'sender');
  if (byNamed?.part) return result(false, message, variants, explain(byNamed.part.cause, partExplanation(byNamed.part, kind), { variant: byNamed.part.name }), fields.keyId);
  if (byAnswerKey) return result(false, message, variants, explain('SIGNED_WITH_ANSWER_KEY', answerText(byAnswerKey), { keyId: byAnswerKey.keyId, ...(byAnswerKey.part ? { variant: byAnswerKey.part.name } : {}) }), fields.keyId);
  const otherKey = proofs.find((p) => !p.part) ?? proofs[0];
  if (otherKey) {
    const alsoPart = otherKey.part ? ` (over ${otherKey.part.description})` : '';
    return result(false, message, variants, explain('WRONG_KEY', `It was signed with the private key of ${otherKey.keyId}${alsoPart}, but ${fields.keyId} names another key: the merchant certificate and WeChat Pay's public key, or two serials, are mixed up (protocol.md §7 item 2).`, { keyId: otherKey.keyId, ...(otherKey.part ? { variant: otherKey.part.name } : {}) }), fields.keyId);
  }

  // Nothing verifies: what the named key opens the signature to tells the key from the message.
  const opened = await openSignature(namedKey, signatureBytes);
  if (opened.kind === 'pkcs1' && opened.algorithm !== 'sha256') {
    const same = await digestMatches(opened.algorithm, message, opened.digest);
    return result(false, message, variants, explain('SIGNATURE_ALGORITHM', `It was signed with ${opened.algorithm.toUpperCase()}withRSA${same ? ' over exactly this message' : ''}; APIv3 uses SHA256withRSA (RSASSA-PKCS1-v1_5 with SHA-256, protocol.md §3).`), fields.keyId);
  }
  if (opened.kind === 'pkcs1') {
    const lost = lostCharacters(body);
    if (lost) {
      return result(false, message, variants, explain('BODY_SENT_AS_LATIN1', `The key is right, but the body arrived with ${lost} where text should be: your HTTP client encoded the body as ISO-8859-1 (Apache HttpClient's StringEntity without a charset, a Content-Type without charset=UTF-8), which turns every Chinese character into "?", after the signature was made over the UTF-8 text. Give the body entity UTF-8 explicitly (new StringEntity(json, ContentType.APPLICATION_JSON) or "application/json; charset=UTF-8") and sign exactly the bytes you send (protocol.md §7 item 7).`), fields.keyId);
    }
    return result(false, message, variants, explain('BODY_NOT_SIGNED_BYTES', `The key is right (the signature opens with ${fields.keyId} to a SHA-256 digest ${hex(opened.digest).slice(0, 16)}…) but the message it signed is not the one computed here, and no usual mistake explains it: sign the exact bytes you send${kind === 'request' ? ', with the exact path and query' : ''}, once (protocol.md §7 item 5).`), fields.keyId);
  }
  if (await verifiesAsPss(namedKey, message, signatureBytes)) {
    return result(false, message, variants, explain('SIGNATURE_ALGORITHM', 'It is an RSA-PSS signature over this message; APIv3 uses RSASSA-PKCS1-v1_5 with SHA-256 (protocol.md §3).'), fields.keyId);
  }
  let opener: readonly [string, PublicKeyHandle] | undefined;
  for (const entry of [...ordered.slice(1), ...answerKeys]) {
    if ((await openSignature(entry[1], signatureBytes)).kind === 'pkcs1') {
      opener = entry;
      break;
    }
  }
  if (opener && answerKeys.some(([id]) => id === opener[0])) {
    return result(false, message, variants, explain('SIGNED_WITH_ANSWER_KEY', `${answerText({ keyId: opener[0] })} It was also made over a different message than the one computed here.`, { keyId: opener[0] }), fields.keyId);
  }
  const text = opener
    ? `It was signed with the private key of ${opener[0]} (the signature opens with that key) over a different message, while ${fields.keyId} names another key (protocol.md §7 item 2).`
    : `None of the known keys opens this signature: it was made with a private key whose public key is not ${fields.keyId} — typically the sender's own certificate used where the other side's public key belongs, or the reverse (protocol.md §7 item 2) — or it was damaged on the way.`;
  return result(false, message, variants, explain('WRONG_KEY', text, opener ? { keyId: opener[0] } : {}), fields.keyId);
}

// The SHA-256 digest each key opens the signature to; keys that open it to anything else are left out.
async function openAll(signature: Uint8Array, keys: { id: string; key: PublicKeyHandle; role: 'sender' | 'answer' }[]): Promise<{ id: string; role: 'sender' | 'answer'; digest: string }[]> {
  const out: { id: string; role: 'sender' | 'answer'; digest: string }[] = [];
  for (const { id, key, role } of keys) {
    const opened = await openSignature(key, signature);
    if (opened.kind === 'pkcs1' && opened.algorithm === 'sha256') out.push({ id, role, digest: hex(opened.digest) });
  }
  return out;
}

// A serial_no that names a known key in another notation, or the answer key's id.
function serialMistake(keyId: string, knownIds: string[], verifiedBy: string | undefined): { code: CauseCode; text: string } | undefined {
  const verifies = verifiedBy === undefined ? '' : ` The signature itself verifies with ${verifiedBy}.`;
  if (/^\d+$/.test(keyId)) {
    const asHex = BigInt(keyId).toString(16).toUpperCase();
    const twin = knownIds.find((id) => /^[0-9A-Fa-f]+$/.test(id) && id.toUpperCase().replace(/^0+/, '') === asHex);
    if (twin) {
      return { code: 'SERIAL_IN_DECIMAL', text: `The serial_no "${clip(keyId)}" is the serial ${twin} written in decimal: your code printed the certificate's serial number as an integer (Java String.valueOf(cert.getSerialNumber()), Go cert.SerialNumber.String()). Send it as upper-case hex (getSerialNumber().toString(16).toUpperCase(), fmt.Sprintf("%X", …)).${verifies}` };
    }
  }
  if (/^PUB_KEY_ID_/i.test(keyId)) {
    return { code: 'SERIAL_IS_PUB_KEY_ID', text: `The serial_no is "${clip(keyId)}", the id of the answer (WeChat Pay) public key. serial_no names the certificate of the key that signed the request: your merchant API certificate's serial (${knownIds.join(', ') || 'none known here'}); the PUB_KEY_ID belongs in Wechatpay-Serial only.${verifies}` };
  }
  return undefined;
}

// Forwarding headers that say which path prefix a proxy stripped: X-Forwarded-Prefix, or the original URI.
function proxyPrefixes(headers: HeaderInput, url: string): string[] {
  const out: string[] = [];
  const prefix = readHeader(headers, 'x-forwarded-prefix');
  if (prefix !== undefined) out.push(...prefix.split(',').map((p) => p.trim()));
  for (const name of ['x-original-uri', 'x-forwarded-uri', 'x-original-url', 'x-envoy-original-path']) {
    const original = readHeader(headers, name);
    if (original !== undefined && original.length > url.length && original.endsWith(url)) out.push(original.slice(0, original.length - url.length));
  }
  return out;
}

// Runs of "?" inside JSON string values of an ASCII body: what ISO-8859-1 encoding leaves of Chinese text.
function lostCharacters(body: Uint8Array): string | undefined {
  if (body.some((b) => b >= 0x80)) return undefined;
  const text = new TextDecoder().decode(body);
  const runs = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '').filter((value) => /\?{2,}/.test(value));
  return runs.length === 0 ? undefined : `"${clip(runs[0] ?? '')}"`;
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
  const sender = kind === 'request' ? 'sender' : 'receiver';
  const fix: Partial<Record<CauseCode, string>> = {
    BODY_RESERIALISED: `One side serialised the JSON again: the ${sender} signed the text one serialiser wrote (spaces after ", " and ": ", indentation) and sent what another wrote, or the verifier parsed the body and serialised it again. Serialise once and sign and send those same bytes; verify over the raw bytes received, before any JSON parsing (protocol.md §7 item 1).`,
    TRAILING_NEWLINE: 'Sign and send the same bytes: a final newline was added to or lost from one side (protocol.md §7 item 5).',
    LINE_ENDINGS: 'Line breaks were converted between CRLF and LF on one side; send and verify the bytes untouched (protocol.md §7 item 5).',
    BODY_TRIMMED: 'Whitespace around the body was trimmed or added on one side; verify the raw bytes.',
    CHARSET_MISMATCH: 'Chinese text was encoded differently on the two sides; both must use the UTF-8 bytes that go on the wire (protocol.md §7 item 7).',
    QUERY_MISMATCH: 'The query string signed differs from the one sent; sign the path and query exactly as sent (protocol.md §7 item 6).',
    URL_INCLUDES_HOST: 'The host is not signed: sign only the path and query (protocol.md §3).',
    URL_ENCODING: 'Sign the request target exactly as it goes on the wire, with the same percent-encoding (protocol.md §3).',
    PATH_REWRITTEN: 'A proxy or gateway changed the path; verify with the path the sender used (protocol.md §7 item 6).',
    TIMESTAMP_IN_MILLISECONDS: 'The timestamp header is in milliseconds while the message was signed in seconds; send Unix seconds (protocol.md §7 item 4).',
    JSON_UNICODE_ESCAPED: `The ${sender} serialised the JSON twice with different settings: once with non-ASCII characters as \\uXXXX escapes, once as raw UTF-8. Serialise once and sign and send that same string (PHP: json_encode($data, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) for both; Python: json.dumps(data, ensure_ascii=False) for both).`,
    JSON_SLASHES_ESCAPED: `The ${sender} serialised the JSON twice with different settings: once writing "/" as "\\/" (PHP json_encode's default), once not. Serialise once with JSON_UNESCAPED_SLASHES and sign and send that same string.`,
    JSON_KEYS_REORDERED: `The ${sender} signed the JSON with its keys in one order and sent them in another (a map or dictionary serialised again after signing, e.g. a Go map, which sorts its keys). Serialise once, sign that string, and send it unchanged.`,
    BODY_DOUBLE_ENCODED: `The ${sender} passed an already serialised JSON string to a client that serialises again (axios or requests given a string plus a JSON option, Jackson writeValueAsString on a String), so one side holds the JSON text and the other a JSON string literal of it. Serialise once: sign the JSON text and send it as the raw body.`,
    BODY_SIGNED_EMPTY: `The ${sender} built the signature before the body was attached (or over an empty string for a POST), so the message ends in an empty body line. Sign after the body is final, over exactly the bytes you send.`,
    BODY_SIGNED_AS_GBK: `The ${sender} turned the message into bytes with the platform default charset (String.getBytes() without an argument on a Chinese Windows gives GBK) and sent the body as UTF-8. Use UTF-8 explicitly when signing: message.getBytes(StandardCharsets.UTF_8).`,
    MESSAGE_NO_FINAL_NEWLINE: 'The signing message must end with "\\n" after the body line too: METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n. Add the final "\\n" where your code joins the lines (protocol.md §3).',
    MESSAGE_CRLF: 'The lines of the signing message must end with "\\n" only. Your code used a platform line separator ("%n" in Java String.format, System.lineSeparator(), PHP_EOL on Windows) that writes "\\r\\n"; join the lines with "\\n" (protocol.md §3).',
    METHOD_LOWER_CASE: 'The method line of the signing message must be upper case ("POST"). Your code took the method from a client option such as axios\'s method: "post"; upper-case it before signing (protocol.md §3).',
    URL_PROXY_PREFIX_SIGNED: 'Your code signed the URL it posts to, which includes the path prefix of a reverse proxy; the proxy strips the prefix, so the receiver checks the signature over the path without it. Sign the path the receiver sees (configure the prefix apart from the signed path), or have the proxy keep the path.',
    URL_NO_LEADING_SLASH: 'The URL line of the signing message must be the absolute path starting with "/". Your code signed a relative path (joined to a base URL ending in "/"); sign "/" + path.',
    TIMESTAMP_NOT_AS_SIGNED: `The ${sender} read the clock twice: once for the signing message and once for the timestamp it sent. Read it once and use the same value in both.`,
    NONCE_NOT_AS_SIGNED: `The ${sender} generated the nonce twice (or changed its case): once for the signing message and once for the header. Generate it once and use the same string in both.`,
    BODY_NOT_SIGNED_BYTES: `The ${sender} signed another body than the one sent (protocol.md §7 item 5).`,
  };
  return `The signature verifies over ${part.description}. ${fix[part.cause] ?? ''}`.trim();
}

function cause(code: CauseCode, explanation: string, extra: Partial<LikelyCause> = {}): LikelyCause {
  return { code, title: CAUSE_TITLES[code], explanation, ...extra };
}

// Canonical signature text for a key size, repairing what transports do to Base64: line wrapping,
// URL-safe alphabet, dropped padding. Undefined when even the repaired text cannot be a signature.
function normaliseSignature(signature: string, bits: number): string | undefined {
  const length = signatureByteLength(bits);
  if (isSignatureText(signature as unknown, length)) return signature;
  // Form or URL decoding turns "+" into spaces: put them back before dropping whitespace.
  const plus = signature.replace(/ /g, '+');
  if (plus !== signature && isSignatureText(plus, length)) return plus;
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
