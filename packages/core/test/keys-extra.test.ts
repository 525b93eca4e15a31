import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import forge, { type ForgeTypes } from '../src/internal/forge.js';
import { generateTestKeySet, type TestKeySet } from '../src/keys/generate-test-key-set.js';
import { loadCertificate, loadPkcs12, loadPrivateKey, normalizeSerialNo } from '../src/keys/index.js';
import { MCHID, VECTORS, codeOf, errorOf, openssl, tempDir } from './keys-helpers.js';

const tmp = tempDir();
let a: TestKeySet;
let b: TestKeySet;

beforeAll(() => {
  a = generateTestKeySet();
  b = generateTestKeySet();
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', tmp.file('ec.pem')]);
  openssl(['req', '-new', '-x509', '-key', tmp.file('ec.pem'), '-subj', `/CN=${MCHID}`, '-days', '3', '-out', tmp.file('ec-cert.pem')]);
  openssl(['pkcs12', '-export', '-inkey', tmp.file('ec.pem'), '-in', tmp.file('ec-cert.pem'), '-passout', `pass:${MCHID}`, '-out', tmp.file('ec.p12')]);
  openssl(['genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', tmp.file('pss.pem')]);
});

describe('pasted PEM, as a property', () => {
  const pem = readFileSync(`${VECTORS}sender/apiclient_key.pem`, 'utf8');
  const body = pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
  const expected = loadPrivateKey(pem).fingerprint;

  it('loads the same key whatever the wrap width, indentation, line ends and final newline (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.stringMatching(/^[ \t]{0,6}$/),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (width, indent, eol, finalNewline) => {
          const lines = ['-----BEGIN PRIVATE KEY-----', ...(body.match(new RegExp(`.{1,${width}}`, 'g')) ?? []), '-----END PRIVATE KEY-----'];
          const text = lines.map((line) => `${indent}${line}`).join(eol) + (finalNewline ? eol : '');
          return loadPrivateKey(text).fingerprint === expected;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('key types', () => {
  it('rejects an RSASSA-PSS-only key with KEY_NOT_RSA: it cannot make PKCS#1 v1.5 signatures', () => {
    expect(errorOf(() => loadPrivateKey({ path: tmp.file('pss.pem') }))).toMatchObject({ code: 'KEY_NOT_RSA' });
  });
});
afterAll(() => tmp.cleanup());

describe('PKCS#12 edge cases', () => {
  it('rejects a PKCS#12 whose certificate belongs to another key with KEY_CERT_MISMATCH', () => {
    // openssl refuses to write such a file; node-forge does not check.
    const key = forge.pki.privateKeyFromPem(a.sender.privateKeyPem) as ForgeTypes.pki.rsa.PrivateKey;
    const cert = forge.pki.certificateFromPem(b.sender.certificatePem);
    const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], MCHID, { algorithm: '3des' })).getBytes();
    expect(codeOf(() => loadPkcs12(new Uint8Array(Buffer.from(der, 'binary')), MCHID))).toBe('KEY_CERT_MISMATCH');
  });

  it('picks the certificate that matches the key when the file also carries another one', () => {
    const key = forge.pki.privateKeyFromPem(a.sender.privateKeyPem) as ForgeTypes.pki.rsa.PrivateKey;
    const certs = [forge.pki.certificateFromPem(b.sender.certificatePem), forge.pki.certificateFromPem(a.sender.certificatePem)];
    const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, certs, MCHID, { algorithm: 'aes256' })).getBytes();
    expect(loadPkcs12(new Uint8Array(Buffer.from(der, 'binary')), MCHID).certificate.serialNo).toBe(a.serialNo);
  });

  it('rejects an EC PKCS#12 made by openssl with KEY_NOT_RSA', () => {
    expect(codeOf(() => loadPkcs12({ path: tmp.file('ec.p12') }, MCHID))).toBe('KEY_NOT_RSA');
    expect(codeOf(() => loadPrivateKey({ path: tmp.file('ec.p12') }, { mchid: MCHID }))).toBe('KEY_NOT_RSA');
  });

  it('loads a PKCS#12 passed as Base64 text (as pasted from a secret store)', () => {
    const base64 = Buffer.from(a.sender.pkcs12).toString('base64');
    expect(loadPkcs12(base64, a.mchid).certificate.serialNo).toBe(a.serialNo);
  });
});

describe('hostile and oversized input', () => {
  it('answers KEY_FORMAT_UNKNOWN for thousands of unterminated BEGIN lines', () => {
    const text = '-----BEGIN PRIVATE KEY-----\nMIIE\n'.repeat(20_000);
    expect(codeOf(() => loadPrivateKey(text))).toBe('KEY_FORMAT_UNKNOWN');
  });

  it('refuses input over 1 MiB before parsing it', () => {
    const error = errorOf(() => loadCertificate(new Uint8Array(1024 * 1024 + 1)));
    expect(error.code).toBe('CERT_INVALID');
    expect(error.detail?.reason).toBe('TOO_LARGE');
  });

  it('reads a PEM file from disk with CRLF line ends', () => {
    writeFileSync(tmp.file('crlf.pem'), a.sender.certificatePem.replace(/\n/g, '\r\n'));
    expect(loadCertificate({ path: tmp.file('crlf.pem') }).serialNo).toBe(a.serialNo);
  });
});

describe('normalizeSerialNo', () => {
  it.each([
    ['serial=5157f09efdc096de15ebe81a47057a7232f1b8e1', '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'],
    ['51:57:F0:9E', '5157F09E'],
    [' 0a 1b 2c ', '0A1B2C'],
    ['0x0A1B', '0A1B'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeSerialNo(input)).toBe(expected);
  });

  it('agrees with the serial read from the certificate', () => {
    expect(normalizeSerialNo(a.serialNo.toLowerCase())).toBe(loadCertificate(a.sender.certificatePem).serialNo);
  });

  it.each(['', 'XYZ', 'serial=', '1'.repeat(65)])('rejects %j with INVALID_OPTIONS', (input) => {
    expect(codeOf(() => normalizeSerialNo(input))).toBe('INVALID_OPTIONS');
  });
});
