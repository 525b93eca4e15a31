import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeySet, type TestKeySet } from '../src/keys/generate-test-key-set.js';
import { diagnoseKeyMaterial, type KeyReport } from '../src/keys/index.js';
import { MCHID, VECTORS, openssl, tempDir } from './keys-helpers.js';

const keyPem = readFileSync(`${VECTORS}sender/apiclient_key.pem`, 'utf8');
const certPem = readFileSync(`${VECTORS}sender/apiclient_cert.pem`, 'utf8');
const serialNo = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const tmp = tempDir();
let expired: TestKeySet;
let future: TestKeySet;

beforeAll(() => {
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', tmp.file('small.pem')]);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', tmp.file('ec.pem')]);
  openssl(['pkey', '-in', tmp.file('small.pem'), '-aes256', '-passout', 'pass:pw', '-out', tmp.file('enc.pem')]);
  openssl(['req', '-new', '-x509', '-key', `${VECTORS}sender/apiclient_key.pem`, '-subj', '/CN=1900016681', '-set_serial', '0x01', '-days', '3', '-out', tmp.file('short.pem')]);
  expired = generateTestKeySet({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
  future = generateTestKeySet({ notBefore: new Date(Date.now() + 86_400_000 * 10), notAfter: new Date(Date.now() + 86_400_000 * 1000) });
});
afterAll(() => tmp.cleanup());

const codes = (report: KeyReport, level?: string): string[] =>
  report.findings.filter((finding) => level === undefined || finding.level === level).map((finding) => finding.code);

describe('diagnoseKeyMaterial', () => {
  it('passes the vector key with its certificate and configured serial, and reports the facts', () => {
    const report = diagnoseKeyMaterial(keyPem, { certificate: certPem, serialNo, mchid: MCHID });
    expect(report.ok).toBe(true);
    expect(report.kind).toBe('private-key');
    expect(codes(report, 'error')).toEqual([]);
    expect(codes(report)).toEqual(expect.arrayContaining(['KEY_FORMAT_PKCS8', 'KEY_SIZE', 'SERIAL_FORMAT', 'SERIAL_MATCH', 'CERT_VALIDITY', 'CERT_CN_MCHID', 'KEY_CERT_MATCH']));
    expect(report.certificate?.serialNo).toBe(serialNo);
    expect(report.privateKey).toMatchObject({ format: 'pkcs8', type: 'rsa', bits: 2048 });
    expect(report.privateKey?.fingerprint).toBe(report.certificate?.fingerprint);
  });

  it('warns about PKCS#1 and about repaired pasted PEM, without failing', () => {
    const pkcs1 = readFileSync(`${VECTORS}sender/apiclient_key_pkcs1.pem`, 'utf8').replace(/\n/g, '\r\n  ');
    const report = diagnoseKeyMaterial(pkcs1);
    expect(report.ok).toBe(true);
    expect(codes(report, 'warn')).toEqual(expect.arrayContaining(['KEY_FORMAT_PKCS1', 'PEM_REPAIRED']));
    expect(report.findings.find((f) => f.code === 'PEM_REPAIRED')?.message).toContain('CRLF');
  });

  it('reports an encrypted key with the decrypt command, and opens it with the password', () => {
    const locked = diagnoseKeyMaterial({ path: tmp.file('enc.pem') });
    expect(locked.ok).toBe(false);
    expect(locked.findings.find((f) => f.code === 'KEY_ENCRYPTED')?.message).toContain('openssl pkey -in k.pem -out k-plain.pem');
    const opened = diagnoseKeyMaterial({ path: tmp.file('enc.pem') }, { password: 'pw' });
    expect(codes(opened)).toEqual(expect.arrayContaining(['KEY_ENCRYPTED', 'KEY_TOO_SMALL']));
    expect(codes(diagnoseKeyMaterial({ path: tmp.file('enc.pem') }, { password: 'no' }), 'error')).toContain('KEY_PASSWORD_WRONG');
  });

  it('reports non-RSA and small keys', () => {
    expect(codes(diagnoseKeyMaterial({ path: tmp.file('ec.pem') }), 'error')).toContain('KEY_NOT_RSA');
    expect(codes(diagnoseKeyMaterial({ path: tmp.file('small.pem') }), 'error')).toContain('KEY_TOO_SMALL');
  });

  it('reports a key that does not belong to the certificate', () => {
    const report = diagnoseKeyMaterial(expired.sender.privateKeyPem, { certificate: certPem });
    expect(report.ok).toBe(false);
    expect(codes(report, 'error')).toContain('KEY_CERT_MISMATCH');
  });

  it('reports expired and not-yet-valid certificates, and warns before expiry', () => {
    expect(codes(diagnoseKeyMaterial(expired.sender.certificatePem), 'error')).toContain('CERT_EXPIRED');
    expect(codes(diagnoseKeyMaterial(future.sender.certificatePem), 'error')).toContain('CERT_NOT_YET_VALID');
    const nearEnd = Date.parse('2020-12-20T00:00:00Z') / 1000;
    expect(codes(diagnoseKeyMaterial(expired.sender.certificatePem, { clock: () => nearEnd }), 'warn')).toContain('CERT_EXPIRES_SOON');
  });

  it('compares the configured serial: lower case warns, another serial fails, a short serial warns', () => {
    expect(codes(diagnoseKeyMaterial(certPem, { serialNo: serialNo.toLowerCase() }), 'warn')).toContain('SERIAL_CASE');
    expect(codes(diagnoseKeyMaterial(certPem, { serialNo: 'ABC' }), 'error')).toContain('SERIAL_MISMATCH');
    const short = diagnoseKeyMaterial({ path: tmp.file('short.pem') });
    expect(short.findings.find((f) => f.code === 'SERIAL_FORMAT')?.level).toBe('warn');
  });

  it('warns when the certificate CN is not the mchid, and about self-signed certificates', () => {
    const report = diagnoseKeyMaterial(certPem, { mchid: '1230000109' });
    expect(codes(report, 'warn')).toEqual(expect.arrayContaining(['CERT_CN_MCHID', 'CERT_SELF_SIGNED']));
  });

  it('opens both PKCS#12 vectors with the mchid and tells the legacy one apart', () => {
    const legacy = diagnoseKeyMaterial({ path: `${VECTORS}sender/apiclient_cert_legacy.p12` }, { mchid: MCHID, serialNo });
    expect(legacy.kind).toBe('pkcs12');
    expect(codes(legacy)).toEqual(expect.arrayContaining(['PKCS12_LEGACY', 'KEY_CERT_MATCH', 'SERIAL_MATCH']));
    expect(legacy.findings.find((f) => f.code === 'PKCS12_LEGACY')?.message).toContain('-legacy');
    const modern = diagnoseKeyMaterial({ path: `${VECTORS}sender/apiclient_cert.p12` }, { mchid: MCHID });
    expect(codes(modern)).toContain('PKCS12_FORMAT');
    expect(modern.findings.find((f) => f.code === 'PKCS12_FORMAT')?.message).toContain('aes-256-cbc');
    expect(modern.ok).toBe(true);
  });

  it('reports a wrong or missing PKCS#12 password', () => {
    expect(codes(diagnoseKeyMaterial({ path: `${VECTORS}sender/apiclient_cert.p12` }, { password: 'x' }), 'error')).toContain('KEY_PASSWORD_WRONG');
    expect(codes(diagnoseKeyMaterial({ path: `${VECTORS}sender/apiclient_cert.p12` }), 'error')).toContain('KEY_PASSWORD_WRONG');
  });

  it('checks a PEM bundle of key and certificate together', () => {
    const report = diagnoseKeyMaterial(`${certPem}\n${keyPem}`);
    expect(report.kind).toBe('bundle');
    expect(codes(report)).toContain('KEY_CERT_MATCH');
  });

  it('reports unreadable paths and garbage as findings instead of throwing', () => {
    const missing = diagnoseKeyMaterial({ path: tmp.file('missing.pem') });
    expect(missing).toMatchObject({ ok: false, kind: 'unknown' });
    expect(codes(missing)).toEqual(['KEY_UNREADABLE']);
    expect(codes(diagnoseKeyMaterial('garbage'))).toEqual(['KEY_FORMAT_UNKNOWN']);
  });

  it('never throws, whatever the input (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 400 })), fc.option(fc.string({ maxLength: 12 }), { nil: undefined }), (input, password) => {
        const report = diagnoseKeyMaterial(input, password === undefined ? {} : { password });
        return Array.isArray(report.findings) && typeof report.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
  });
});
