import { createPrivateKey } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { generateTestKeySet, type TestKeySet } from '@auditnotify/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_SCHEMAS } from '../../src/shared/api.js';
import { doctorKey } from '../../src/main/services/key-doctor.js';
import { createKeyJobRunner } from '../../src/main/key-worker/key-worker-client.js';
import { createKeyStore } from '../../src/main/services/key-store.js';
import { createServices } from '../../src/main/services/create-services.js';
import { tempDir } from './temp-dir.js';

let set: TestKeySet;
let other: TestKeySet;
beforeAll(() => {
  set = generateTestKeySet({ mchid: '1900016681' });
  other = generateTestKeySet({ mchid: '1900000002' });
}, 30_000);

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('key store', () => {
  it('keeps imported keys across restarts in a file only the user can read', async () => {
    const dataDir = tempDir();
    const first = createKeyStore({ dataDir });
    const merchant = await first.import({ role: 'merchant', mchid: set.mchid, privateKey: { text: set.sender.privateKeyPem }, certificate: { text: set.sender.certificatePem } });
    const reopened = createKeyStore({ dataDir });
    expect(reopened.list()).toEqual([merchant]);
    expect(reopened.signer(merchant.id).privateKey.fingerprint).toBe(merchant.fingerprint);
    expect(statSync(join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
  });

  it('shows the renderer ids, key ids and fingerprints, never key material', async () => {
    const store = createKeyStore({});
    await store.import({ role: 'merchant', mchid: set.mchid, privateKey: { text: set.sender.privateKeyPem }, certificate: { text: set.sender.certificatePem } });
    const listed = JSON.stringify(API_SCHEMAS['keys.list'].output.parse({ keys: store.list() }));
    expect(listed).not.toMatch(/PRIVATE KEY|BEGIN/);
    expect(store.list()[0]).toMatchObject({ role: 'merchant', keyId: set.serialNo, mchid: '1900016681', hasPrivateKey: true, source: 'pkcs8' });
  });

  it('imports a PKCS#12 file given as Base64 bytes with the mchid as its password', async () => {
    const store = createKeyStore({});
    const key = await store.import({ role: 'merchant', mchid: set.mchid, pkcs12: { base64: base64(set.sender.pkcs12) } });
    expect(key).toMatchObject({ keyId: set.serialNo, source: 'pkcs12', hasPrivateKey: true });
    expect(key.certificate?.serialNo).toBe(set.serialNo);
  });

  it('refuses a PKCS#12 file with the wrong password with KEY_PASSWORD_WRONG', async () => {
    const store = createKeyStore({});
    await expect(store.import({ role: 'merchant', mchid: set.mchid, pkcs12: { base64: base64(set.sender.pkcs12) }, password: 'wrong' })).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_PASSWORD_WRONG' }),
    );
  });

  it('refuses a private key with another key pair’s certificate with KEY_CERT_MISMATCH', async () => {
    const store = createKeyStore({});
    await expect(
      store.import({ role: 'merchant', mchid: set.mchid, privateKey: { text: set.sender.privateKeyPem }, certificate: { text: other.sender.certificatePem } }),
    ).rejects.toThrow(expect.objectContaining({ code: 'KEY_CERT_MISMATCH' }));
  });

  it('needs a PUB_KEY_ID_ for a platform public key', async () => {
    const store = createKeyStore({});
    await expect(store.import({ role: 'platform', publicKey: { text: set.receiver.publicKeyPem } })).rejects.toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const key = await store.import({ role: 'platform', keyId: set.wechatpayPublicKeyId, publicKey: { text: set.receiver.publicKeyPem } });
    expect(key).toMatchObject({ hasPrivateKey: false, source: 'public-key' });
  });

  it('replaces a key imported again under the same key id instead of duplicating it', async () => {
    const store = createKeyStore({});
    const first = await store.import({ role: 'platform', keyId: set.wechatpayPublicKeyId, publicKey: { text: set.receiver.publicKeyPem } });
    const second = await store.import({ role: 'platform', keyId: set.wechatpayPublicKeyId, privateKey: { text: set.receiver.privateKeyPem } });
    expect(store.list()).toHaveLength(1);
    expect(second.id).toBe(first.id);
    expect(second.hasPrivateKey).toBe(true);
  });

  it('refuses to sign with a key that has no private half with KEY_ROLE_MISMATCH, and unknown ids with NOT_FOUND', async () => {
    const store = createKeyStore({});
    const platform = await store.import({ role: 'platform', keyId: set.wechatpayPublicKeyId, publicKey: { text: set.receiver.publicKeyPem } });
    expect(() => store.signer(platform.id)).toThrow(expect.objectContaining({ code: 'KEY_ROLE_MISMATCH' }));
    expect(() => store.get('k_missing')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('key doctor', () => {
  it('warns about a PKCS#1 key and says how to convert it', async () => {
    const pkcs1 = createPrivateKey(set.sender.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    const report = await doctorKey(createKeyStore({}), createKeyJobRunner(undefined), { material: { text: pkcs1 } });
    expect(report.kind).toBe('private-key');
    expect(report.findings).toContainEqual(expect.objectContaining({ level: 'warn', code: 'KEY_FORMAT_PKCS1' }));
  });

  it('finds that a key does not belong to a stored certificate', async () => {
    const store = createKeyStore({});
    const stored = await store.import({ role: 'merchant', mchid: set.mchid, certificate: { text: set.sender.certificatePem } });
    const report = await doctorKey(store, createKeyJobRunner(undefined), { material: { text: other.sender.privateKeyPem }, against: stored.id });
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toMatchObject({ level: 'error', code: 'KEY_CERT_MISMATCH' });
  });

  it('reports garbage as KEY_FORMAT_UNKNOWN instead of throwing', async () => {
    const report = await doctorKey(createKeyStore({}), createKeyJobRunner(undefined), { material: { text: 'hello' } });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.code)).toContain('KEY_FORMAT_UNKNOWN');
  });
});

describe('key id and mchid at import', () => {
  // What the Authorization header cannot carry between its quotes: space, '"', ',', control and non-ASCII.
  const uncarriable = fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(' ', '"', ',', '\t', '\n', 'é', '，'), fc.string({ maxLength: 10 }))
    .map(([a, bad, b]) => `${a}${bad}${b}`);

  it('refuses a key id the Authorization header cannot carry, with INVALID_INPUT naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(uncarriable, async (keyId) => {
        const store = createKeyStore({});
        const error = await store.import({ role: 'platform', keyId, publicKey: { text: set.receiver.publicKeyPem } }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'keyId' } });
        expect((error as Error).message).toMatch(/key id .*(space|quote|comma|printable ASCII)/i);
        expect(store.list()).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an mchid the Authorization header cannot carry, and keeps the local receiver answering', async () => {
    const services = createServices({ dataDir: tempDir(), mode: 'test', version: '0', seedKeys: true });
    try {
      for (const mchid of ['1900 016681', '"1900016681"', '1900016681,1', '１９００']) {
        await expect(
          services.keys.import({ role: 'merchant', mchid, privateKey: { text: set.sender.privateKeyPem }, certificate: { text: set.sender.certificatePem } }),
        ).rejects.toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'mchid' } });
      }
      expect(services.keys.list()).toHaveLength(2);
      const keyId = services.keys.list().find((k) => k.role === 'merchant')!.id;
      const sent = await services.send.run({ target: { kind: 'local' }, keyId, body: { kind: 'notification', notification: services.compose.sample().notification } });
      expect(sent.response?.status).toBe(200);
    } finally {
      await services.close();
    }
  });

  it('accepts the ids real keys have', async () => {
    const store = createKeyStore({});
    const key = await store.import({ role: 'platform', keyId: 'PUB_KEY_ID_0114232134912410000000000001', publicKey: { text: set.receiver.publicKeyPem } });
    expect(key.keyId).toBe('PUB_KEY_ID_0114232134912410000000000001');
  });
});
