import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeySet, type TestKeySet } from '../src/keys/generate-test-key-set.js';
import { keyMatchesCertificate, loadCertificate, loadPkcs12, loadPrivateKey, loadPublicKey } from '../src/keys/index.js';
import { codeOf, openssl, opensslFingerprint, opensslSerial, opensslWithStderr, tempDir } from './keys-helpers.js';

const tmp = tempDir();
let set: TestKeySet;

beforeAll(() => {
  set = generateTestKeySet();
  writeFileSync(tmp.file('cert.pem'), set.sender.certificatePem);
  writeFileSync(tmp.file('key.pem'), set.sender.privateKeyPem);
  writeFileSync(tmp.file('cert.p12'), set.sender.pkcs12);
  writeFileSync(tmp.file('wxp_pub.pem'), set.receiver.publicKeyPem);
  writeFileSync(tmp.file('wxp_key.pem'), set.receiver.privateKeyPem);
});
afterAll(() => tmp.cleanup());

describe('generateTestKeySet', () => {
  it('makes a certificate with a 40-hex-character serial that openssl reads the same, and CN = mchid', () => {
    expect(set.mchid).toBe('1900016681');
    expect(set.serialNo).toMatch(/^[0-9A-F]{40}$/);
    expect(opensslSerial(tmp.file('cert.pem'))).toBe(set.serialNo);
    expect(loadCertificate(set.sender.certificatePem).serialNo).toBe(set.serialNo);
    expect(openssl(['x509', '-in', tmp.file('cert.pem'), '-noout', '-subject'])).toContain(`CN = ${set.mchid}`);
  });

  it('makes a certificate that openssl verifies as self-signed by the sender key', () => {
    expect(openssl(['verify', '-CAfile', tmp.file('cert.pem'), tmp.file('cert.pem')])).toContain('OK');
    expect(opensslFingerprint(tmp.file('key.pem'))).toBe(loadCertificate(set.sender.certificatePem).publicKey.fingerprint);
    expect(keyMatchesCertificate(loadPrivateKey(set.sender.privateKeyPem), loadCertificate(set.sender.certificatePem))).toBe(true);
  });

  it('makes a PKCS#12 that OpenSSL 3 opens without -legacy using the mchid, with a SHA-256 MAC and AES-256 key', () => {
    const info = execInfo();
    expect(info).toContain('MAC: sha256');
    expect(info).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
    expect(info).toContain('PRF hmacWithSHA256');
    const pem = openssl(['pkcs12', '-in', tmp.file('cert.p12'), '-passin', `pass:${set.mchid}`, '-nodes']);
    expect(pem).toContain('BEGIN PRIVATE KEY');
    expect(pem).toContain('friendlyName: Tenpay Certificate');
  });

  it('makes a PKCS#12 that node-forge opens to the same key and certificate', () => {
    const { privateKey, certificate } = loadPkcs12(set.sender.pkcs12, set.mchid);
    expect(certificate.serialNo).toBe(set.serialNo);
    expect(privateKey.fingerprint).toBe(loadPrivateKey(set.sender.privateKeyPem).fingerprint);
    expect(codeOf(() => loadPkcs12(set.sender.pkcs12, 'not-the-mchid'))).toBe('KEY_PASSWORD_WRONG');
  });

  it('makes a receiver key pair with a PUB_KEY_ID_ + digits id', () => {
    expect(set.wechatpayPublicKeyId).toMatch(/^PUB_KEY_ID_01\d+$/);
    expect(set.wechatpayPublicKeyId).toContain(set.mchid);
    expect(set.receiver.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(loadPublicKey(set.receiver.publicKeyPem).fingerprint).toBe(opensslFingerprint(tmp.file('wxp_key.pem')));
    expect(loadPrivateKey(set.receiver.privateKeyPem).bits).toBe(2048);
  });

  it('honours mchid, serialNo (a first byte ≥ 0x80 keeps 40 characters), key id and validity', () => {
    const custom = generateTestKeySet({
      mchid: '1230000109',
      serialNo: 'f1' + 'ab'.repeat(19),
      wechatpayPublicKeyId: 'PUB_KEY_ID_42',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    expect(custom.serialNo).toBe('F1' + 'AB'.repeat(19));
    writeFileSync(tmp.file('custom.pem'), custom.sender.certificatePem);
    expect(opensslSerial(tmp.file('custom.pem'))).toBe(custom.serialNo);
    expect(custom.wechatpayPublicKeyId).toBe('PUB_KEY_ID_42');
    const cert = loadCertificate(custom.sender.certificatePem);
    expect(cert.notAfter.toISOString()).toBe('2021-01-01T00:00:00.000Z');
    expect(cert.subject).toContain('CN=1230000109');
    expect(loadPkcs12(custom.sender.pkcs12, '1230000109').certificate.serialNo).toBe(custom.serialNo);
  });

  it('can make 1024-bit material so that rejections can be tested', () => {
    const small = generateTestKeySet({ bits: 1024 });
    expect(codeOf(() => loadPrivateKey(small.sender.privateKeyPem))).toBe('KEY_TOO_SMALL');
  });

  it.each([
    [{ mchid: 'abc' }],
    [{ serialNo: '00AB' }],
    [{ serialNo: 'ABC' }],
    [{ serialNo: 'zz' }],
    [{ wechatpayPublicKeyId: 'PUB "KEY"' }],
    [{ bits: 512 }],
    [{ notBefore: new Date(2000), notAfter: new Date(1000) }],
  ])('rejects %j with INVALID_OPTIONS', (options) => {
    expect(codeOf(() => generateTestKeySet(options))).toBe('INVALID_OPTIONS');
  });
});

function execInfo(): string {
  return opensslWithStderr(['pkcs12', '-info', '-noout', '-in', tmp.file('cert.p12'), '-passin', `pass:${set.mchid}`]);
}
