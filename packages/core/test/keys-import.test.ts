// The WebCrypto importers (src/keys/import-key.ts) against node:crypto's loaders as the oracle, and fuzzed:
// whatever they are given, they resolve to a handle or reject with an AuditNotifyError.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import { importPrivateKey, importPublicKey, keyToPem } from '../src/keys/import-key.js';
import { loadPrivateKey, loadPublicKey } from '../src/keys/index.js';
import { readVectorFile } from './vectors-fixtures.js';

const privatePem = readVectorFile('sender/apiclient_key.pem');
const publicPem = readVectorFile('sender/apiclient_pub.pem');

async function onlyTypedErrors(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    expect(isAuditNotifyError(error), String(error)).toBe(true);
  }
}

describe('importPrivateKey / importPublicKey', () => {
  it('give the same DER, bits and fingerprint as the synchronous Node loaders', async () => {
    const imported = await importPrivateKey(privatePem);
    const loaded = loadPrivateKey(privatePem);
    expect(Buffer.from(imported.pkcs8Der).equals(Buffer.from(loaded.pkcs8Der))).toBe(true);
    expect([imported.bits, imported.fingerprint]).toEqual([loaded.bits, loaded.fingerprint]);
    const importedPublic = await importPublicKey(createPublicKey(publicPem).export({ type: 'pkcs1', format: 'der' }));
    expect(importedPublic.fingerprint).toBe(loadPublicKey(publicPem).fingerprint);
    expect(keyToPem(importedPublic)).toBe(createPublicKey(publicPem).export({ type: 'spki', format: 'pem' }));
  });

  it('say the key is encrypted when it is', async () => {
    const encrypted = createPrivateKey(privatePem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' });
    await expect(importPrivateKey(encrypted)).rejects.toMatchObject({ code: 'KEY_ENCRYPTED' });
  });

  it('reject anything else with an AuditNotifyError only (fast-check)', async () => {
    const der = new Uint8Array(createPrivateKey(privatePem).export({ type: 'pkcs8', format: 'der' }));
    const input = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 300 }),
      // Real DER with a few bytes changed.
      fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((edits) => {
        const copy = der.slice();
        for (const [at, value] of edits) copy[at] = value;
        return copy;
      }),
      fc.dictionary(fc.constantFrom('kty', 'n', 'e', 'd', 'crv'), fc.oneof(fc.string(), fc.constant('RSA'), fc.constant('AQAB'))),
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        await onlyTypedErrors(() => importPrivateKey(value));
        await onlyTypedErrors(() => importPublicKey(value));
      }),
      { numRuns: 150 },
    );
  });
});
