/**
 * `@auditnotify/core`: schemas, the WECHATPAY2-SHA256-RSA2048 signing engine, key loading, the sending
 * client and the framework-free receiver pipeline for the WeChat Pay APIv3 audit-result notification
 * (`POST /v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify`).
 *
 * This is the Node entry (package.json's `node` condition): the runtime-neutral surface of `index.web.ts`
 * plus what needs `node:crypto`, `node:fs` or node-forge. Test helpers live at `@auditnotify/core/testing`.
 * Every name is listed: test/public-surface.test.ts pins both lists.
 */
export * from './index.web.js';

// Engines over node:crypto (the default here) and node-forge (pure JavaScript).
export { createForgeEngine, createNodeEngine } from './engines/index.js';
export type { NodeEngine } from './engines/index.js';

// Synchronous loaders of PEM/DER keys, X.509 certificates and PKCS#12; the key doctor; test key sets.
export {
  DECRYPT_KEY_HINT,
  assertKeyMatchesCertificate,
  diagnoseKeyMaterial,
  generateTestKeySet,
  keyMatchesCertificate,
  loadCertificate,
  loadPkcs12,
  loadPrivateKey,
  loadPublicKey,
  PKCS12_MAX_ITERATIONS,
} from './keys/index.js';
export type { DiagnoseKeyOptions, KeyFinding, KeyReport, LoadPrivateKeyOptions, Pkcs12Contents, PublicSide, TestKeySet, TestKeySetOptions } from './keys/index.js';

// The AES-256-GCM envelope of WeChat Pay's standard callbacks (protocol.md §6).
export { decryptResource, encryptResource, openCallback, parseCallbackEnvelope } from './envelope/index.js';
export type { CallbackEnvelope, DecryptedResource, EncryptResourceInput, EncryptedResource, OpenCallbackOptions, OpenedCallback } from './envelope/index.js';
