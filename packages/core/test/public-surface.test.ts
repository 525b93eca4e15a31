// The public surface is an explicit list (src/index.web.ts everywhere, src/index.ts adds the Node-only names):
// adding or dropping an export is a decision, so this test pins both lists. Helpers only core's own tests use
// stay unexported; the tests import them from source.
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as nodeEntry from '../src/index.js';
import * as webEntry from '../src/index.web.js';
import type * as nodeRuntime from '../src/runtime/node.js';
import type * as webRuntime from '../src/runtime/web.js';

const NEUTRAL = [
  'ANSWER_FIELDS', 'AUTHORIZATION_SCHEME', 'ApiError', 'AuditNotifyError', 'BACKUP_HOST', 'CAUSE_TITLES', 'DEFAULT_BODY_LIMIT',
  'DEFAULT_INBOX_LEASE_SECONDS', 'DEFAULT_INBOX_RETENTION_SECONDS', 'MAX_JSON_NESTING', 'createMemoryInbox', 'createMemoryStores',
  'admissionOf', 'linkAdmission', 'notificationFieldsHash',
  'DEFAULT_REQUESTS_PER_MINUTE', 'DEFAULT_RETRY', 'DEFAULT_WINDOW_SECONDS', 'ERROR_TABLE', 'MIN_RSA_BITS', 'NOTIFICATION_FIELDS',
  'NOTIFY_PATH', 'PRIMARY_HOST', 'PROBE_SIGNATURE_PREFIX', 'answerSchema', 'buildAuthorization', 'buildRequestMessage',
  'buildResponseMessage', 'buildDecodeReport', 'checkSignedMessage', 'checkTimestamp', 'createClient', 'createMemoryNonceStore', 'createMemoryRateLimiter',
  'createNonce', 'createReceiver', 'createWebCryptoEngine', 'defaultEngine', 'describeSignedMessage', 'describeSkew', 'diagnoseSignature',
  'diffBytes', 'errorBodySchema', 'escapeBytes', 'explainTimestamp', 'fieldMeta', 'findUnsupportedCharacter', 'importPrivateKey',
  'importPublicKey', 'isAuditNotifyError', 'isAuthorizationValue', 'isMillisecondTimestamp', 'isRfc3339DateTime', 'keyToPem', 'lintNotification',
  'notificationSchema', 'parseAuthorization', 'parseCurlCommand', 'parseNotification', 'parseRawHttpRequest', 'parseRawHttpResponse', 'reportNotificationBody', 'reportNotificationValue',
  'rfc3339Issue', 'safeParseNotification', 'serializeNotification', 'signRequest', 'signResponse', 'statusOf', 'systemClock',
  'unknownFieldsOf', 'utf8ByteLength', 'verifyRequestSignature', 'verifyResponse',
];
const NODE_ONLY = [
  'DECRYPT_KEY_HINT', 'assertKeyMatchesCertificate', 'createForgeEngine', 'createNodeEngine', 'decryptResource', 'diagnoseKeyMaterial',
  'encryptResource', 'generateTestKeySet', 'keyMatchesCertificate', 'loadCertificate', 'loadPkcs12', 'loadPrivateKey', 'loadPublicKey',
  'openCallback', 'parseCallbackEnvelope', 'PKCS12_MAX_ITERATIONS',
];

describe('public surface', () => {
  it('the runtime-neutral entry exports exactly the pinned names', () => {
    expect(Object.keys(webEntry).sort()).toEqual([...NEUTRAL].sort());
  });

  it('the Node entry exports the neutral names plus the pinned Node-only ones', () => {
    expect(Object.keys(nodeEntry).sort()).toEqual([...NEUTRAL, ...NODE_ONLY].sort());
  });

  it('keeps test-only helpers out of both entries', () => {
    for (const name of ['backoffDelay', 'parseRetryAfter', 'createSendLimiter', 'normalizeSerialNo', 'readHeader', 'isSignatureText', 'keyObjectOf']) {
      expect(name in nodeEntry, name).toBe(false);
    }
  });

  it('the two runtimes behind #runtime offer the same names and signatures', () => {
    expectTypeOf<keyof typeof nodeRuntime>().toEqualTypeOf<keyof typeof webRuntime>();
    expectTypeOf<typeof webRuntime.loadPrivateKeySync>().parameters.toEqualTypeOf<Parameters<typeof nodeRuntime.loadPrivateKeySync>>();
    expectTypeOf<Awaited<ReturnType<typeof webRuntime.openSignature>>>().toEqualTypeOf<ReturnType<typeof nodeRuntime.openSignature>>();
    expectTypeOf<Awaited<ReturnType<typeof webRuntime.digestMatches>>>().toEqualTypeOf<ReturnType<typeof nodeRuntime.digestMatches>>();
    expectTypeOf<Awaited<ReturnType<typeof webRuntime.verifiesAsPss>>>().toEqualTypeOf<ReturnType<typeof nodeRuntime.verifiesAsPss>>();
  });
});
