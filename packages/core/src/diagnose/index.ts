// Signature diagnosis and the byte-level diff behind it (protocol.md §7: where integrations break).
export { diffBytes, type ByteDiff, type DiffSegment, type DiffBytesOptions } from './diff-bytes.js';
export { escapeBytes } from './escape-bytes.js';
export {
  diagnoseSignature,
  type DiagnoseSignatureInput,
  type SignatureDiagnosis,
  type DiagnosisCheck,
  type SignatureVariant,
  type LikelyCause,
  type DiagnosisFailedCheck,
} from './diagnose-signature.js';
export { CAUSE_TITLES, type CauseCode } from './causes.js';
