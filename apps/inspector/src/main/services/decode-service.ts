/**
 * `decode.run`: what was received, explained. Requests are checked with core's `diagnoseSignature` against
 * every stored public key; when the signature fails the diagnosis names the most likely cause (protocol.md §7)
 * and shows which re-built message would have verified. Answers and APIv3 callbacks are checked with the
 * `Wechatpay-*` rules (§4, §6); callbacks are decrypted with the APIv3 key when one is given.
 */
import { buildDecodeReport, decryptResource, diagnoseSignature, parseCallbackEnvelope, type PublicKeyHandle } from '@auditnotify/core';
import type { DecodeRunOutput, DecodeSource } from '../../shared/api.js';
import { bytesView } from './bytes.js';
import { parseDecodeSource, type DecodedRequest, type DecodedResponse } from './decode-input.js';
import { diagnosisView } from './diagnosis-view.js';
import { toApiError } from './errors.js';
import type { KeyStore } from './key-store.js';
import { fromCoreBody } from './notification-report.js';
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
      // A request is the merchant's to sign; the platform (answer) keys only name the mistake of signing with one.
      return decodeRequest(decoded, deps.keys.publicKeys('merchant'), deps.keys.publicKeys('platform'), clock);
    },
  };
}

async function decodeRequest(
  req: DecodedRequest,
  publicKeys: Map<string, PublicKeyHandle>,
  answerKeys: Map<string, PublicKeyHandle>,
  clock: (() => number) | undefined,
): Promise<DecodeRunOutput> {
  // Core's one decode report (also the CLI's): separate verdicts for the signature and the timestamp/nonce,
  // and a body that fails the schema still linted.
  const report = await buildDecodeReport({ method: req.method, url: req.url, headers: req.headers, body: req.body, publicKeys, answerKeys, ...(clock ? { clock } : {}) });
  const body = fromCoreBody(report.body);
  const diagnosis = diagnosisView(report.diagnosis ?? (await diagnoseSignature({ kind: 'request', method: req.method, url: req.url, headers: req.headers, body: req.body, publicKeys, answerKeys, ...(clock ? { clock } : {}) })));
  return {
    kind: 'request',
    request: { method: req.method, url: req.url, ...(req.httpVersion ? { httpVersion: req.httpVersion } : {}), headers: req.headers, body: bytesView(req.body) },
    signatureFields: authorizationFields(req.headers['authorization'], publicKeys, report.timestamp),
    fields: body.fields,
    ...(report.body.object ? { notification: report.body.object } : {}),
    schemaErrors: report.body.json ? body.errors : [{ field: '', issue: report.body.jsonError ?? 'not JSON', message: `The body is not JSON: ${report.body.jsonError ?? ''}` }],
    warnings: body.warnings,
    unknownFields: body.unknownFields,
    verdict: report.verdict,
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
