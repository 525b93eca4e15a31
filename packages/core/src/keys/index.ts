/**
 * Keys and certificates: synchronous loaders for PKCS#8/PKCS#1/SPKI PEM and DER, X.509 and PKCS#12 (both the
 * legacy and the OpenSSL 3 formats), a key/certificate match check, a key doctor, and a generator of test key
 * sets shaped like real WeChat Pay merchant material (protocol.md §5).
 *
 * @example
 * ```ts
 * import { loadPrivateKey, loadCertificate, assertKeyMatchesCertificate } from '@auditnotify/core';
 * const key = loadPrivateKey({ path: 'apiclient_key.pem' });
 * const cert = loadCertificate({ path: 'apiclient_cert.pem' });
 * assertKeyMatchesCertificate(key, cert);
 * ```
 */
export { loadPrivateKey, DECRYPT_KEY_HINT, type LoadPrivateKeyOptions } from './load-private-key.js';
export { loadPublicKey } from './load-public-key.js';
export { loadCertificate } from './load-certificate.js';
export { loadPkcs12, PKCS12_MAX_ITERATIONS, type Pkcs12Contents } from './load-pkcs12.js';
export { keyMatchesCertificate, assertKeyMatchesCertificate, type PublicSide } from './key-matches-certificate.js';
export { importPrivateKey, importPublicKey, keyToPem, type KeyImportInput, type RsaJsonWebKey } from './import-key.js';
export { generateTestKeySet, type TestKeySet, type TestKeySetOptions } from './generate-test-key-set.js';
export { diagnoseKeyMaterial, type DiagnoseKeyOptions, type KeyFinding, type KeyReport } from './diagnose-key-material.js';
export { normalizeSerialNo } from './normalize-serial-no.js';
