// Property tests: whatever bytes or text reach a loader, the only thing that may escape is an AuditNotifyError
// (never a TypeError from node:crypto, a forge exception or a RangeError from a deep ASN.1 walk).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAuditNotifyError } from '../src/errors.js';
import { diagnoseKeyMaterial, loadCertificate, loadPkcs12, loadPrivateKey, loadPublicKey } from '../src/keys/index.js';
import { MCHID, VECTORS } from './keys-helpers.js';

const loaders: Array<[string, (input: string | Uint8Array) => unknown]> = [
  ['loadPrivateKey', (input) => loadPrivateKey(input, { mchid: MCHID })],
  ['loadPublicKey', (input) => loadPublicKey(input)],
  ['loadCertificate', (input) => loadCertificate(input)],
  ['loadPkcs12', (input) => loadPkcs12(input, MCHID)],
];

function onlyAuditNotifyErrors(load: (input: string | Uint8Array) => unknown, input: string | Uint8Array): boolean {
  try {
    load(input);
    return true;
  } catch (error) {
    return isAuditNotifyError(error);
  }
}

const keyPem = readFileSync(`${VECTORS}sender/apiclient_key.pem`, 'utf8');
const certPem = readFileSync(`${VECTORS}sender/apiclient_cert.pem`, 'utf8');
const p12 = new Uint8Array(readFileSync(`${VECTORS}sender/apiclient_cert_legacy.p12`));
const keyDer = new Uint8Array(Buffer.from(keyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

/** Flips, deletes or inserts characters of a valid input. */
const mutated = (base: string): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.nat(base.length), fc.constantFrom('flip', 'delete', 'insert'), fc.string({ maxLength: 3 })), {
      minLength: 1,
      maxLength: 5,
    })
    .map((edits) => {
      let text = base;
      for (const [at, op, chars] of edits) {
        const i = at % Math.max(text.length, 1);
        if (op === 'delete') text = text.slice(0, i) + text.slice(i + 1);
        else if (op === 'insert') text = text.slice(0, i) + chars + text.slice(i);
        else text = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
      }
      return text;
    });

const mutatedBytes = (base: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((edits) => {
    const copy = base.slice();
    for (const [at, value] of edits) copy[at] = value;
    return copy;
  });

describe.each(loaders)('%s under fuzzing', (_name, load) => {
  it('throws only AuditNotifyError for random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => onlyAuditNotifyErrors(load, bytes)), { numRuns: 300 });
  });

  it('throws only AuditNotifyError for random DER-looking bytes', () => {
    const derLike = fc
      .tuple(fc.constantFrom([0x30, 0x82], [0x30, 0x80, 0x02, 0x01, 0x03], [0x30, 0x81], [0x30]), fc.uint8Array({ maxLength: 300 }))
      .map(([head, tail]) => new Uint8Array([...head, ...tail]));
    fc.assert(fc.property(derLike, (bytes) => onlyAuditNotifyErrors(load, bytes)), { numRuns: 300 });
  });

  it('throws only AuditNotifyError for random strings and PEM-looking text', () => {
    const pemLike = fc
      .tuple(fc.constantFrom('PRIVATE KEY', 'RSA PRIVATE KEY', 'CERTIFICATE', 'PUBLIC KEY', 'ENCRYPTED PRIVATE KEY', 'X'), fc.base64String({ maxLength: 400 }))
      .map(([label, body]) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`);
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), pemLike), (text) => onlyAuditNotifyErrors(load, text)), {
      numRuns: 300,
    });
  });

  it('throws only AuditNotifyError for damaged real keys, certificates and PKCS#12 files', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(keyPem), mutated(certPem), mutatedBytes(keyDer), mutatedBytes(p12)), (input) =>
        onlyAuditNotifyErrors(load, input),
      ),
      { numRuns: 150 },
    );
  });
});

const certDer = new Uint8Array(Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

describe('damaged certificates', () => {
  it('answers CERT_INVALID when the public key inside a well-formed certificate is damaged', () => {
    // node:crypto parses the SubjectPublicKeyInfo lazily: the certificate itself still parses.
    const hex = Buffer.from(certDer).toString('hex');
    const at = hex.indexOf('0382010f003082010a');
    expect(at).toBeGreaterThan(0);
    const damaged = Buffer.from(`${hex.slice(0, at + 10)}31${hex.slice(at + 12)}`, 'hex');
    for (const load of [loadCertificate, loadPublicKey]) {
      try {
        load(new Uint8Array(damaged));
        expect.unreachable();
      } catch (error) {
        expect(isAuditNotifyError(error) && error.code).toBe('CERT_INVALID');
      }
    }
    const report = diagnoseKeyMaterial(new Uint8Array(damaged));
    expect(report.ok).toBe(false);
    expect(report.findings.map((finding) => finding.code)).toContain('CERT_INVALID');
  });

  it('never lets the loaders or the key doctor throw anything else for changed certificate bytes (fast-check)', () => {
    fc.assert(
      fc.property(mutatedBytes(certDer), (bytes) => {
        diagnoseKeyMaterial(bytes, { certificate: certPem, mchid: MCHID, serialNo: 'AB' });
        return onlyAuditNotifyErrors(loadCertificate, bytes) && onlyAuditNotifyErrors(loadPublicKey, bytes);
      }),
      { numRuns: 500 },
    );
  });
});

it('still loads the undamaged inputs the fuzzers start from', () => {
  expect(loadPrivateKey(keyDer).bits).toBe(2048);
  expect(loadCertificate(certPem).serialNo).toHaveLength(40);
  expect(loadPkcs12(p12, MCHID).certificate.serialNo).toHaveLength(40);
});
