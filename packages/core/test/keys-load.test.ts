import { keyObjectOf } from '../src/keys/key-objects.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertKeyMatchesCertificate,
  keyMatchesCertificate,
  loadCertificate,
  loadPkcs12,
  loadPrivateKey,
  loadPublicKey,
} from '../src/keys/index.js';
import { MCHID, VECTORS, codeOf, errorOf, openssl, opensslBytes, opensslFingerprint, opensslSerial, tempDir } from './keys-helpers.js';

const keyPem = readFileSync(`${VECTORS}sender/apiclient_key.pem`, 'utf8');
const tmp = tempDir();
const f = tmp.file;

beforeAll(() => {
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', f('k.pem')]);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', f('other.pem')]);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', f('small.pem')]);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f('ec.pem')]);
  openssl(['genpkey', '-algorithm', 'ED25519', '-out', f('ed.pem')]);
  openssl(['ec', '-in', f('ec.pem'), '-out', f('ec-sec1.pem')]);
  openssl(['pkey', '-in', f('ec.pem'), '-pubout', '-out', f('ec-pub.pem')]);
  openssl(['pkey', '-in', f('k.pem'), '-pubout', '-out', f('pub.pem')]);
  openssl(['pkey', '-in', f('small.pem'), '-pubout', '-out', f('small-pub.pem')]);
  openssl(['rsa', '-in', f('k.pem'), '-RSAPublicKey_out', '-out', f('pub-pkcs1.pem')]);
  openssl(['rsa', '-in', f('k.pem'), '-traditional', '-out', f('k1.pem')]);
  openssl(['pkey', '-in', f('k.pem'), '-outform', 'DER', '-out', f('k.der')]);
  openssl(['pkey', '-in', f('k.pem'), '-aes256', '-passout', 'pass:secret', '-out', f('k-enc.pem')]);
  openssl(['rsa', '-in', f('k.pem'), '-aes256', '-traditional', '-passout', 'pass:secret', '-out', f('k1-enc.pem')]);
  const req = (key: string, serial: string, out: string, extra: string[] = []): void => {
    openssl(['req', '-new', '-x509', '-key', f(key), '-subj', `/CN=${MCHID}/O=test`, '-days', '30', '-set_serial', serial, '-out', f(out), ...extra]);
  };
  // 20 serial bytes whose first is 0x0A: hex starts with a zero nibble that must survive.
  req('k.pem', '0x0A1B2C3D4E5F60718293A4B5C6D7E8F901234567', 'cert.pem');
  // First byte ≥ 0x80: DER adds a 00 sign byte that is not part of the serial.
  req('k.pem', '0x8A1B2C3D4E5F60718293A4B5C6D7E8F901234567', 'cert-high.pem');
  req('small.pem', '0x01', 'cert-small.pem');
  req('ec.pem', '0x02', 'cert-ec.pem');
  openssl(['x509', '-in', f('cert.pem'), '-outform', 'DER', '-out', f('cert.der')]);
  const p12 = (out: string, extra: string[]): void => {
    openssl(['pkcs12', '-export', '-inkey', f('k.pem'), '-in', f('cert.pem'), '-passout', `pass:${MCHID}`, '-out', f(out), ...extra]);
  };
  p12('modern.p12', []);
  p12('legacy.p12', ['-legacy']);
  p12('plain.p12', ['-keypbe', 'NONE', '-certpbe', 'NONE']);
  openssl(['pkcs12', '-export', '-nokeys', '-in', f('cert.pem'), '-passout', `pass:${MCHID}`, '-out', f('nokey.p12')]);
});
afterAll(() => tmp.cleanup());

describe('loadPrivateKey', () => {
  it('loads the PKCS#8 vector and fills every handle field like openssl would', () => {
    const key = loadPrivateKey({ path: `${VECTORS}sender/apiclient_key.pem` });
    expect(key.kind).toBe('private');
    expect(key.source).toBe('pkcs8');
    expect(key.bits).toBe(2048);
    expect(keyObjectOf(key).asymmetricKeyType).toBe('rsa');
    expect(Object.keys(key).sort()).toEqual(['bits', 'fingerprint', 'kind', 'pkcs8Der', 'source']);
    expect(key.fingerprint).toMatch(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    expect(key.fingerprint).toBe(opensslFingerprint(`${VECTORS}sender/apiclient_key.pem`));
    const der = opensslBytes(['pkcs8', '-topk8', '-nocrypt', '-in', `${VECTORS}sender/apiclient_key.pem`, '-outform', 'DER']);
    expect(Buffer.from(key.pkcs8Der).equals(Buffer.from(der))).toBe(true);
    expect(Object.isFrozen(key)).toBe(true);
  });

  it('loads the PKCS#1 vector as the same key with source pkcs1', () => {
    const key = loadPrivateKey({ path: `${VECTORS}sender/apiclient_key_pkcs1.pem` });
    expect(key.source).toBe('pkcs1');
    expect(key.fingerprint).toBe(loadPrivateKey(keyPem).fingerprint);
  });

  it('loads openssl-made PKCS#1, DER bytes and a key read as bytes', () => {
    const expected = opensslFingerprint(f('k.pem'));
    expect(loadPrivateKey({ path: f('k1.pem') }).fingerprint).toBe(expected);
    expect(loadPrivateKey(new Uint8Array(tmp.read('k.der'))).fingerprint).toBe(expected);
    expect(loadPrivateKey(new Uint8Array(tmp.read('k.pem'))).fingerprint).toBe(expected);
  });

  const body = keyPem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
  const damaged: Array<[string, string]> = [
    ['CRLF line ends', keyPem.replace(/\n/g, '\r\n')],
    ['indentation and trailing spaces', keyPem.split('\n').map((line) => `    ${line}  \t`).join('\n')],
    ['no final newline', keyPem.trimEnd()],
    ['a body re-wrapped at 76 columns', `-----BEGIN PRIVATE KEY-----\n${body.replace(/(.{76})/g, '$1\n')}\n-----END PRIVATE KEY-----`],
    ['the whole key on one line', `-----BEGIN PRIVATE KEY-----${body}-----END PRIVATE KEY-----`],
    ['literal \\n escapes from an environment variable', keyPem.replace(/\n/g, '\\n')],
    ['a byte-order mark and surrounding prose', `\ufeffHere is my key:\n${keyPem}\nthanks`],
    ['no PEM armour at all', body.replace(/(.{64})/g, '$1\n')],
  ];
  it.each(damaged)('tolerates %s', (_name, text) => {
    expect(loadPrivateKey(text).fingerprint).toBe(loadPrivateKey(keyPem).fingerprint);
  });

  it('takes the private key out of a bundle that also holds the certificate', () => {
    const bundle = `${readFileSync(f('cert.pem'), 'utf8')}\n${readFileSync(f('k.pem'), 'utf8')}`;
    expect(loadPrivateKey(bundle).fingerprint).toBe(opensslFingerprint(f('k.pem')));
  });

  it('rejects an encrypted PKCS#8 key with KEY_ENCRYPTED and says how to decrypt it', () => {
    const error = errorOf(() => loadPrivateKey({ path: f('k-enc.pem') }));
    expect(error.code).toBe('KEY_ENCRYPTED');
    expect(error.message).toContain('openssl pkey -in k.pem -out k-plain.pem');
  });

  it('rejects a legacy encrypted PKCS#1 key (Proc-Type header) with KEY_ENCRYPTED', () => {
    expect(codeOf(() => loadPrivateKey({ path: f('k1-enc.pem') }))).toBe('KEY_ENCRYPTED');
  });

  it('decrypts encrypted PEM when given the password, and says KEY_PASSWORD_WRONG for a wrong one', () => {
    const expected = opensslFingerprint(f('k.pem'));
    expect(loadPrivateKey({ path: f('k-enc.pem') }, { password: 'secret' }).fingerprint).toBe(expected);
    expect(loadPrivateKey({ path: f('k1-enc.pem') }, { password: 'secret' }).fingerprint).toBe(expected);
    expect(codeOf(() => loadPrivateKey({ path: f('k-enc.pem') }, { password: 'nope' }))).toBe('KEY_PASSWORD_WRONG');
    expect(codeOf(() => loadPrivateKey({ path: f('k1-enc.pem') }, { password: 'nope' }))).toBe('KEY_PASSWORD_WRONG');
  });

  it.each([
    ['a PKCS#8 EC key', 'ec.pem'],
    ['a SEC1 "EC PRIVATE KEY"', 'ec-sec1.pem'],
    ['an Ed25519 key', 'ed.pem'],
  ])('rejects %s with KEY_NOT_RSA', (_name, file) => {
    expect(codeOf(() => loadPrivateKey({ path: f(file) }))).toBe('KEY_NOT_RSA');
  });

  it('rejects an RSA-1024 key with KEY_TOO_SMALL', () => {
    expect(codeOf(() => loadPrivateKey({ path: f('small.pem') }))).toBe('KEY_TOO_SMALL');
  });

  it('rejects a missing file and a directory with KEY_UNREADABLE', () => {
    expect(codeOf(() => loadPrivateKey({ path: f('missing.pem') }))).toBe('KEY_UNREADABLE');
    expect(codeOf(() => loadPrivateKey({ path: tmp.dir }))).toBe('KEY_UNREADABLE');
    expect(codeOf(() => loadPrivateKey(42 as unknown as string))).toBe('KEY_UNREADABLE');
  });

  it('rejects garbage, a certificate, a public key and a path passed as text with KEY_FORMAT_UNKNOWN', () => {
    expect(codeOf(() => loadPrivateKey('not a key'))).toBe('KEY_FORMAT_UNKNOWN');
    expect(codeOf(() => loadPrivateKey({ path: f('cert.pem') }))).toBe('KEY_FORMAT_UNKNOWN');
    expect(codeOf(() => loadPrivateKey({ path: f('pub.pem') }))).toBe('KEY_FORMAT_UNKNOWN');
    expect(errorOf(() => loadPrivateKey('./apiclient_key.pem')).message).toContain('{ path');
    expect(codeOf(() => loadPrivateKey('-----BEGIN PRIVATE KEY-----\nMIIE'))).toBe('KEY_FORMAT_UNKNOWN');
    expect(codeOf(() => loadPrivateKey('-----BEGIN PRIVATE KEY-----\nMI!E\n-----END PRIVATE KEY-----'))).toBe('KEY_FORMAT_UNKNOWN');
  });

  it('loads the key of a PKCS#12 file with the mchid as password, and needs one', () => {
    const key = loadPrivateKey({ path: f('modern.p12') }, { mchid: MCHID });
    expect(key.source).toBe('pkcs12');
    expect(key.fingerprint).toBe(opensslFingerprint(f('k.pem')));
    expect(codeOf(() => loadPrivateKey({ path: f('modern.p12') }))).toBe('KEY_PASSWORD_WRONG');
  });

  it('never puts key material in an error message', () => {
    const broken = keyPem.replace('MII', 'MI!');
    const error = errorOf(() => loadPrivateKey(broken));
    const chunk = body.slice(100, 140);
    expect(error.message).not.toContain(chunk);
    expect(JSON.stringify(error.detail ?? {})).not.toContain(chunk);
  });
});

describe('loadPublicKey', () => {
  it('loads SPKI, PKCS#1 public and a certificate to the same fingerprint as openssl', () => {
    const expected = opensslFingerprint(f('k.pem'));
    expect(loadPublicKey({ path: f('pub.pem') }).fingerprint).toBe(expected);
    expect(loadPublicKey({ path: f('pub-pkcs1.pem') }).fingerprint).toBe(expected);
    expect(loadPublicKey({ path: f('cert.pem') }).fingerprint).toBe(expected);
    const pub = loadPublicKey({ path: f('pub.pem') });
    const spki = opensslBytes(['pkey', '-in', f('k.pem'), '-pubout', '-outform', 'DER']);
    expect(Buffer.from(pub.spkiDer).equals(Buffer.from(spki))).toBe(true);
    expect(pub.bits).toBe(2048);
    expect(pub.kind).toBe('public');
  });

  it('loads the receiver vector wxp_pub.pem', () => {
    expect(loadPublicKey({ path: `${VECTORS}receiver/wxp_pub.pem` }).fingerprint).toBe(
      opensslFingerprint(`${VECTORS}receiver/wxp_pub.pem`, ['-pubin']),
    );
  });

  it('refuses a private key where a public key belongs', () => {
    expect(codeOf(() => loadPublicKey(keyPem))).toBe('KEY_FORMAT_UNKNOWN');
  });

  it('rejects EC and small public keys with KEY_NOT_RSA and KEY_TOO_SMALL', () => {
    expect(codeOf(() => loadPublicKey({ path: f('ec-pub.pem') }))).toBe('KEY_NOT_RSA');
    expect(codeOf(() => loadPublicKey({ path: f('small-pub.pem') }))).toBe('KEY_TOO_SMALL');
  });
});

describe('loadCertificate', () => {
  it('reads the vector certificate serial exactly as openssl prints it', () => {
    const cert = loadCertificate({ path: `${VECTORS}sender/apiclient_cert.pem` });
    expect(cert.serialNo).toBe(opensslSerial(`${VECTORS}sender/apiclient_cert.pem`));
    expect(cert.serialNo).toBe('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
    expect(cert.subject).toContain(`CN=${MCHID}`);
    expect(cert.notAfter.getTime()).toBeGreaterThan(cert.notBefore.getTime());
    expect(cert.pem).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('keeps the leading zero of a serial whose first byte is 0x0A (40 hex characters)', () => {
    const cert = loadCertificate({ path: f('cert.pem') });
    expect(cert.serialNo).toBe('0A1B2C3D4E5F60718293A4B5C6D7E8F901234567');
    expect(cert.serialNo).toBe(opensslSerial(f('cert.pem')));
  });

  it('drops the DER sign byte of a serial whose first byte is ≥ 0x80, like openssl', () => {
    const cert = loadCertificate({ path: f('cert-high.pem') });
    expect(cert.serialNo).toBe('8A1B2C3D4E5F60718293A4B5C6D7E8F901234567');
    expect(cert.serialNo).toBe(opensslSerial(f('cert-high.pem')));
  });

  it('refuses, like openssl, a serial INTEGER padded with a redundant 00 byte (CERT_INVALID)', () => {
    // Patch the DER so the serial INTEGER is 00 0A 1B …: not minimal, which OpenSSL 3 (and so node:crypto)
    // rejects as "illegal padding". The legal "starts with 00" case is the sign byte, tested above.
    const der = Buffer.from(tmp.read('cert.der'));
    const at = der.indexOf(Buffer.from('02140a1b2c3d', 'hex'));
    expect(at).toBeGreaterThan(0);
    const patched = Buffer.concat([der.subarray(0, at), Buffer.from('021500', 'hex'), der.subarray(at + 2)]);
    // Fix the two enclosing SEQUENCE lengths (certificate and TBSCertificate: both long-form, 2 length bytes).
    patched.writeUInt16BE(patched.readUInt16BE(2) + 1, 2);
    patched.writeUInt16BE(patched.readUInt16BE(6) + 1, 6);
    writeFileSync(f('cert-padded.der'), patched);
    expect(() => openssl(['x509', '-inform', 'DER', '-in', f('cert-padded.der'), '-serial', '-noout'])).toThrow();
    expect(codeOf(() => loadCertificate(new Uint8Array(patched)))).toBe('CERT_INVALID');
  });

  it('loads DER certificates', () => {
    expect(loadCertificate(new Uint8Array(tmp.read('cert.der'))).serialNo).toBe(opensslSerial(f('cert.pem')));
  });

  it('rejects garbage and keys with CERT_INVALID, a missing file with KEY_UNREADABLE', () => {
    expect(codeOf(() => loadCertificate('garbage'))).toBe('CERT_INVALID');
    expect(codeOf(() => loadCertificate(keyPem))).toBe('CERT_INVALID');
    expect(codeOf(() => loadCertificate('-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----'))).toBe('CERT_INVALID');
    expect(codeOf(() => loadCertificate({ path: f('nothing.pem') }))).toBe('KEY_UNREADABLE');
  });

  it('rejects certificates of EC and small RSA keys', () => {
    expect(codeOf(() => loadCertificate({ path: f('cert-ec.pem') }))).toBe('KEY_NOT_RSA');
    expect(codeOf(() => loadCertificate({ path: f('cert-small.pem') }))).toBe('KEY_TOO_SMALL');
  });
});

describe('loadPkcs12', () => {
  it.each([
    ['the OpenSSL 3 default (PBES2, AES-256-CBC, SHA-256 MAC)', 'modern.p12'],
    ['the legacy format (RC2-40, 3DES, SHA-1 MAC)', 'legacy.p12'],
    ['an unencrypted file', 'plain.p12'],
  ])('reads %s made by openssl', (_name, file) => {
    const { privateKey, certificate } = loadPkcs12({ path: f(file) }, MCHID);
    expect(privateKey.fingerprint).toBe(opensslFingerprint(f('k.pem')));
    expect(certificate.serialNo).toBe(opensslSerial(f('cert.pem')));
    expect(privateKey.source).toBe('pkcs12');
  });

  it.each(['apiclient_cert.p12', 'apiclient_cert_legacy.p12'])('reads the vector %s', (file) => {
    const { privateKey, certificate } = loadPkcs12({ path: `${VECTORS}sender/${file}` }, MCHID);
    expect(certificate.serialNo).toBe('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
    expect(privateKey.fingerprint).toBe(loadPrivateKey(keyPem).fingerprint);
  });

  it('rejects a wrong password with KEY_PASSWORD_WRONG for both formats', () => {
    expect(codeOf(() => loadPkcs12({ path: f('modern.p12') }, 'wrong'))).toBe('KEY_PASSWORD_WRONG');
    expect(codeOf(() => loadPkcs12({ path: f('legacy.p12') }, 'wrong'))).toBe('KEY_PASSWORD_WRONG');
  });

  it('rejects a non-PKCS#12 input, and a file without a key, with PKCS12_INVALID', () => {
    expect(codeOf(() => loadPkcs12(keyPem, MCHID))).toBe('PKCS12_INVALID');
    expect(codeOf(() => loadPkcs12(new Uint8Array([1, 2, 3]), MCHID))).toBe('PKCS12_INVALID');
    expect(codeOf(() => loadPkcs12({ path: f('nokey.p12') }, MCHID))).toBe('PKCS12_INVALID');
  });

  it('rejects a truncated file with PKCS12_INVALID or KEY_PASSWORD_WRONG, never another error', () => {
    const bytes = new Uint8Array(tmp.read('modern.p12'));
    for (const cut of [10, 100, 1000, bytes.length - 1]) {
      expect(['PKCS12_INVALID', 'KEY_PASSWORD_WRONG']).toContain(codeOf(() => loadPkcs12(bytes.subarray(0, cut), MCHID)));
    }
  });
});

describe('keyMatchesCertificate', () => {
  it('matches a key with its certificate and public key, not with another', () => {
    const key = loadPrivateKey({ path: f('k.pem') });
    const other = loadPrivateKey({ path: f('other.pem') });
    const cert = loadCertificate({ path: f('cert.pem') });
    expect(keyMatchesCertificate(key, cert)).toBe(true);
    expect(keyMatchesCertificate(key, loadPublicKey({ path: f('pub.pem') }))).toBe(true);
    expect(keyMatchesCertificate({ path: f('k.pem') }, { path: f('cert.pem') })).toBe(true);
    expect(keyMatchesCertificate(other, cert)).toBe(false);
    expect(() => assertKeyMatchesCertificate(key, cert)).not.toThrow();
    expect(codeOf(() => assertKeyMatchesCertificate(other, cert))).toBe('KEY_CERT_MISMATCH');
  });
});
