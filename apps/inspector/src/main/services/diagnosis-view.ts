/**
 * Makes core's `SignatureDiagnosis` serialisable for the renderer: messages as {@link BytesView}s with
 * visible line ends, and each variant's byte-level difference from the received message (core `diffBytes`).
 */
import { diffBytes, type SignatureDiagnosis } from '@auditnotify/core';
import type { ByteDiff, Diagnosis } from '../../shared/api.js';
import { bytesView, fromUtf8, visibleLineEnds } from './bytes.js';

/**
 * Converts a diagnosis.
 *
 * @example
 * ```ts
 * const view = diagnosisView(await diagnoseSignature({ kind: 'request', method, url, headers, body, publicKeys }));
 * view.likelyCause?.code; // 'BODY_RESERIALISED'
 * ```
 */
export function diagnosisView(diagnosis: SignatureDiagnosis): Diagnosis {
  return {
    verified: diagnosis.verified,
    ...(diagnosis.keyId ? { keyId: diagnosis.keyId } : {}),
    message: bytesView(diagnosis.message),
    messageVisible: visibleLineEnds(fromUtf8(diagnosis.message)),
    checks: diagnosis.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail })),
    variants: diagnosis.variants.map((v) => ({
      name: v.name,
      description: v.description,
      verifies: v.verifies,
      message: bytesView(v.message),
      diff: byteDiff(diagnosis.message, v.message),
    })),
    ...(diagnosis.likelyCause
      ? { likelyCause: { code: diagnosis.likelyCause.code, title: diagnosis.likelyCause.title, explanation: diagnosis.likelyCause.explanation } }
      : {}),
  };
}

/**
 * The difference between two messages: first differing offset, escaped context, same/removed/added runs.
 *
 * @example
 * ```ts
 * byteDiff(utf8('a\n'), utf8('a\r\n')).offset; // 1
 * ```
 */
export function byteDiff(left: Uint8Array, right: Uint8Array): ByteDiff {
  const diff = diffBytes(left, right);
  return {
    equal: diff.equal,
    offset: diff.equal ? null : diff.offset,
    left: diff.context.a,
    right: diff.context.b,
    leftByteLength: left.byteLength,
    rightByteLength: right.byteLength,
    segments: diff.segments.map((s) => ({ kind: s.kind, offsetA: s.offsetA, offsetB: s.offsetB, text: s.text })),
    minimal: diff.minimal,
  };
}
