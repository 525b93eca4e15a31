/**
 * `decode.run`: what was received, explained. Requests are checked with core's `diagnoseSignature` against
 * every stored public key; when the signature fails the diagnosis names the most likely cause (protocol.md §7)
 * and shows which re-built message would have verified. Answers and APIv3 callbacks are checked with the
 * `Wechatpay-*` rules (§4, §6); callbacks are decrypted with the APIv3 key when one is given.
 */
import { decryptResource, diagnoseSignature, parseCallbackEnvelope, type PublicKeyHandle } from '@auditnotify/core';
import type { DecodeRunOutput, DecodeSource } from '../../shared/api.js';
import { bytesView, fromUtf8 } from './bytes.js';
import { parseDecodeSource, type DecodedRequest, type DecodedResponse } from './decode-input.js';
import { diagnosisView } from './diagnosis-view.js';
import { toApiError } from './errors.js';
import type { KeyStore } from './key-store.js';
import { reportNotification } from './notification-report.js';
import { answerFields, authorizationFields } from './signature-fields.js';

/**
 * The decode service.
 *
 * @example
 * ```ts
 * const decode: DecodeService = createDecodeService({ keys, recordedRequest: () => undefined });
 * await decode.run({ input: { kind: 'curl', text } });
 * ```
 */
export interface DecodeService {
  run(input: { input: DecodeSource; now?: number }): Promise<DecodeRunOutput>;
}

/**
 * Dependencies of {@link createDecodeService}.
 *
 * @example
 * ```ts
 * const deps: DecodeServiceDeps = { keys, recordedRequest: (id) => receiver.rawRequest(id) };
 * ```
 */
export interface DecodeServiceDeps {
  keys: KeyStore;
  /** Raw bytes of a request the local receiver recorded. */
  recordedRequest: (eventId: string) => Uint8Array | undefined;
}

/**
 * Creates the decode service.
 *
 * @example
 * ```ts
 * const decode = createDecodeService({ keys, recordedRequest: (id) => receiver.rawRequest(id) });
 * const result = await decode.run({ input: { kind: 'curl', text } });
 * result.verdict.kind; // 'signature-invalid'
 * ```
 */
export function createDecodeService(deps: DecodeServiceDeps): DecodeService {
  return {
    async run({ input, now }) {
      const decoded = parseDecodeSource(input, deps.recordedRequest);
      const clock = now === undefined ? undefined : () => now;
      const publicKeys = deps.keys.publicKeys();
      if (decoded.kind === 'answer') return decodeAnswer(decoded, publicKeys, clock);
      if (decoded.kind === 'callback') return decodeCallback(decoded, publicKeys, clock, input.kind === 'callback' ? input.apiV3Key : undefined);
      return decodeRequest(decoded, publicKeys, clock, now);
    },
  };
}

async function decodeRequest(
  req: DecodedRequest,
  publicKeys: Map<string, PublicKeyHandle>,
  clock: (() => number) | undefined,
  now: number | undefined,
): Promise<DecodeRunOutput> {
  const signatureFields = authorizationFields(req.headers['authorization'], publicKeys, now ?? Math.floor(Date.now() / 1000));
  const json = jsonOf(req.body);
  const report = json.ok ? reportNotification(json.value) : undefined;
  const diagnosis = diagnosisView(
    await diagnoseSignature({
      kind: 'request',
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: req.body,
      publicKeys,
      ...(clock ? { clock } : {}),
    }),
  );
  const hasAuth = req.headers['authorization'] !== undefined;
  const verdict: DecodeRunOutput['verdict'] = diagnosis.verified
    ? report?.ok
      ? { kind: 'verified', ok: true, title: 'Signature valid, body valid', message: `Signed by ${diagnosis.keyId ?? 'a stored key'}; the notification matches the schema.` }
      : { kind: 'body-invalid', ok: false, title: 'Signature valid, body invalid', message: report?.errors[0]?.message ?? 'The body is not JSON.', code: 'PARAM_ERROR' }
    : !hasAuth || publicKeys.size === 0
      ? { kind: 'unverifiable', ok: false, title: hasAuth ? 'No key to verify with' : 'No Authorization header', message: hasAuth ? 'Import the sender’s certificate or public key first.' : 'The request carries no Authorization header to verify.', code: hasAuth ? 'UNKNOWN_SERIAL' : 'AUTH_MISSING' }
      : {
          kind: 'signature-invalid',
          ok: false,
          title: diagnosis.likelyCause?.title ?? 'Signature does not verify',
          message: diagnosis.likelyCause?.explanation ?? 'No stored key verifies this message.',
          ...(diagnosis.likelyCause ? { code: diagnosis.likelyCause.code } : {}),
        };
  return {
    kind: 'request',
    request: { method: req.method, url: req.url, ...(req.httpVersion ? { httpVersion: req.httpVersion } : {}), headers: req.headers, body: bytesView(req.body) },
    signatureFields,
    fields: report?.fields ?? [],
    ...(json.ok && isObject(json.value) ? { notification: json.value } : {}),
    schemaErrors: report?.errors ?? (json.ok ? [] : [{ field: '', issue: json.error, message: `The body is not JSON: ${json.error}` }]),
    warnings: report?.warnings ?? [],
    unknownFields: report?.unknownFields ?? [],
    verdict,
    diagnosis,
  };
}

async function decodeAnswer(res: DecodedResponse, publicKeys: Map<string, PublicKeyHandle>, clock: (() => number) | undefined): Promise<DecodeRunOutput> {
  const diagnosis = diagnosisView(
    await diagnoseSignature({ kind: 'response', headers: res.headers, body: res.body, publicKeys, ...(clock ? { clock } : {}) }),
  );
  return {
    kind: 'answer',
    response: { status: res.status, headers: res.headers, body: bytesView(res.body) },
    signatureFields: answerFields(res.headers, publicKeys),
    fields: [],
    schemaErrors: [],
    warnings: [],
    unknownFields: [],
    verdict: signedVerdict(diagnosis, 'answer'),
    diagnosis,
  };
}

async function decodeCallback(
  req: DecodedRequest,
  publicKeys: Map<string, PublicKeyHandle>,
  clock: (() => number) | undefined,
  apiV3Key: string | undefined,
): Promise<DecodeRunOutput> {
  const diagnosis = diagnosisView(
    await diagnoseSignature({ kind: 'response', headers: req.headers, body: req.body, publicKeys, ...(clock ? { clock } : {}) }),
  );
  let envelope: Record<string, unknown> | undefined;
  let decrypted: DecodeRunOutput['decrypted'];
  let verdict = signedVerdict(diagnosis, 'callback');
  try {
    const parsed = parseCallbackEnvelope(req.body);
    envelope = { ...parsed };
    if (apiV3Key !== undefined && apiV3Key !== '') {
      const opened = decryptResource(parsed.resource, apiV3Key);
      decrypted = { plaintext: opened.plaintext, ...(opened.json === undefined ? {} : { json: opened.json }) };
    }
  } catch (error) {
    const e = toApiError(error);
    verdict = { kind: 'unverifiable', ok: false, title: e.code === 'DECRYPT_FAILED' ? 'Could not decrypt the resource' : 'Not an APIv3 callback envelope', message: e.message, code: e.code };
  }
  return {
    kind: 'callback',
    request: { method: req.method, url: req.url, ...(req.httpVersion ? { httpVersion: req.httpVersion } : {}), headers: req.headers, body: bytesView(req.body) },
    signatureFields: answerFields(req.headers, publicKeys),
    fields: [],
    schemaErrors: [],
    warnings: [],
    unknownFields: [],
    verdict,
    diagnosis,
    ...(decrypted ? { decrypted } : {}),
    ...(envelope ? { envelope } : {}),
  };
}

function signedVerdict(diagnosis: ReturnType<typeof diagnosisView>, what: 'answer' | 'callback'): DecodeRunOutput['verdict'] {
  if (diagnosis.verified) return { kind: 'verified', ok: true, title: `The ${what}'s signature is valid`, message: `Signed by ${diagnosis.keyId ?? 'a stored key'}.` };
  return {
    kind: 'signature-invalid',
    ok: false,
    title: diagnosis.likelyCause?.title ?? `The ${what}'s signature does not verify`,
    message: diagnosis.likelyCause?.explanation ?? 'No stored platform key verifies this message.',
    ...(diagnosis.likelyCause ? { code: diagnosis.likelyCause.code } : {}),
  };
}

function jsonOf(body: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(fromUtf8(body)) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
