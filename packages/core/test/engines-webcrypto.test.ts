import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebCryptoEngine } from '../src/engines/index.js';
import { privateHandle, readVectorFile, senderPrivate, senderPublic, utf8, vectors } from './vectors-fixtures.js';

// Test keys from test-vectors/: public test material, never for real use.
function countingSubtle(): { subtle: webcrypto.SubtleCrypto; imports: () => number } {
  let imports = 0;
  const real = webcrypto.subtle;
  const subtle = Object.create(real) as webcrypto.SubtleCrypto;
  subtle.importKey = ((...args: Parameters<webcrypto.SubtleCrypto['importKey']>) => {
    imports++;
    return (real.importKey as (...a: unknown[]) => Promise<webcrypto.CryptoKey>).apply(real, args);
  }) as webcrypto.SubtleCrypto['importKey'];
  subtle.sign = real.sign.bind(real);
  subtle.verify = real.verify.bind(real);
  return { subtle, imports: () => imports };
}

describe('createWebCryptoEngine', () => {
  it('imports each key handle once and reuses the CryptoKey', async () => {
    const { subtle, imports } = countingSubtle();
    const engine = createWebCryptoEngine(subtle);
    const v = vectors.requests[0]!;
    const results = await Promise.all(Array.from({ length: 5 }, () => engine.sign(senderPrivate, utf8(v.message))));
    expect(new Set(results)).toEqual(new Set([v.signature]));
    for (let i = 0; i < 5; i++) expect(await engine.verify(senderPublic, utf8(v.message), v.signature)).toBe(true);
    expect(imports()).toBe(2);
  });

  it('imports a second handle of the same key separately (the cache is per handle)', async () => {
    const { subtle, imports } = countingSubtle();
    const engine = createWebCryptoEngine(subtle);
    await engine.sign(senderPrivate, utf8('a'));
    await engine.sign(privateHandle(readVectorFile('sender/apiclient_key.pem')), utf8('a'));
    expect(imports()).toBe(2);
  });

  it('rejects a handle whose DER WebCrypto cannot import with INTERNAL_ERROR, and retries next time', async () => {
    const engine = createWebCryptoEngine();
    const broken = { ...senderPrivate, pkcs8Der: new Uint8Array([0x30, 0x00]) };
    await expect(engine.sign(broken, utf8('a'))).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    await expect(engine.sign(broken, utf8('a'))).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
  });

  it('answers false when the public key cannot be imported', async () => {
    const engine = createWebCryptoEngine();
    const v = vectors.requests[0]!;
    await expect(engine.verify({ ...senderPublic, spkiDer: new Uint8Array([0x30, 0x00]) }, utf8(v.message), v.signature)).resolves.toBe(false);
  });
});
