// The key doctor behind the inspector's key panel and `auditnotify keys doctor`: instead of stopping at the
// first problem like the loaders, it reads everything it can and lists what it found, so one run explains a
// set-up (protocol.md §5, §7.2, §7.3, §7.10). Every check that can fail has a stable code.
import { createPrivateKey, createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { isAuditNotifyError } from '../errors.js';
import type { Clock, KeyInput } from '../types.js';
import { sha256Fingerprint } from './encoding.js';
import { MIN_RSA_BITS } from '../protocol/constants.js';
import { certificatePublicKey, commonNameOf, oneLineName, parseCertificate, serialOf, validityOf } from './load-certificate.js';
import { openPkcs12 } from './load-pkcs12.js';
import { DECRYPT_KEY_HINT } from './load-private-key.js';
import { readMaterial, type Material, type MaterialItem, type MaterialRepair } from './material.js';
import { inspectPkcs12 } from './pkcs12-info.js';

/**
 * One result of the key doctor.
 *
 * @example
 * ```ts
 * const errors = report.findings.filter((f: KeyFinding) => f.level === 'error');
 * ```
 */
export interface KeyFinding {
  readonly level: 'ok' | 'warn' | 'error';
  /** Stable code, e.g. `KEY_FORMAT_PKCS1`, `CERT_EXPIRED`, `KEY_CERT_MISMATCH`. */
  readonly code: string;
  /** One sentence for people, with the fix when there is one. Never holds key material. */
  readonly message: string;
}

/**
 * What the key doctor found, with the facts it could read.
 *
 * @example
 * ```ts
 * const report: KeyReport = diagnoseKeyMaterial({ path: 'apiclient_cert.p12' }, { mchid: '1900016681' });
 * report.certificate?.serialNo; // '5157F09E…'
 * ```
 */
export interface KeyReport {
  /** True when no finding is an error. */
  readonly ok: boolean;
  readonly findings: readonly KeyFinding[];
  /** What the main input turned out to be. */
  readonly kind: 'private-key' | 'public-key' | 'certificate' | 'pkcs12' | 'bundle' | 'unknown';
  readonly privateKey?: { readonly format: string; readonly type: string; readonly bits: number; readonly fingerprint: string };
  readonly publicKey?: { readonly type: string; readonly bits: number; readonly fingerprint: string };
  readonly certificate?: {
    readonly serialNo: string;
    readonly subject: string;
    readonly issuer: string;
    readonly notBefore: Date;
    readonly notAfter: Date;
    readonly fingerprint: string;
  };
}

/**
 * Options of {@link diagnoseKeyMaterial}.
 *
 * @example
 * ```ts
 * const options: DiagnoseKeyOptions = { certificate: { path: 'apiclient_cert.pem' }, serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', mchid: '1900016681' };
 * ```
 */
export interface DiagnoseKeyOptions {
  /** Password of a PKCS#12 file or encrypted PEM. */
  password?: string;
  /** Merchant id: default PKCS#12 password, and compared with the certificate's CN. */
  mchid?: string;
  /** The certificate to check the private key against, when the input holds only the key. */
  certificate?: KeyInput;
  /** The `serial_no` the integration is configured with, compared with the certificate's serial. */
  serialNo?: string;
  /** Time source for the validity checks (Unix seconds). */
  clock?: Clock;
  /** Warn when the certificate expires within this many days. Default 30. */
  expiryWarningDays?: number;
}

const REPAIR_TEXT: Record<MaterialRepair, string> = {
  crlf: 'Windows (CRLF) line ends',
  whitespace: 'indentation or trailing spaces',
  rewrapped: 'lines not wrapped at 64 characters',
  'escaped-newlines': 'literal "\\n" instead of line breaks',
  'no-armour': 'no BEGIN/END lines',
  bom: 'a byte-order mark',
  'multiple-blocks': '',
};

interface Collected {
  findings: KeyFinding[];
  privateKey?: { object: KeyObject; format: string };
  publicKeys: KeyObject[];
  certificates: X509Certificate[];
}

/** Parses a certificate and touches every lazily parsed part, so later checks cannot throw. */
function collectCertificate(out: Collected, der: Uint8Array): void {
  try {
    const x509 = parseCertificate(der);
    certificatePublicKey(x509);
    validityOf(x509);
    void [x509.subject, x509.issuer, x509.serialNumber];
    out.certificates.push(x509);
  } catch (error) {
    out.findings.push(errorFinding(error));
  }
}

function spkiFingerprint(key: KeyObject): string {
  // createPublicKey() accepts only private key objects; public ones export directly.
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  return sha256Fingerprint(publicKey.export({ format: 'der', type: 'spki' }));
}

function keyFacts(key: KeyObject): { type: string; bits: number } {
  return { type: key.asymmetricKeyType ?? 'unknown', bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
}

function checkKey(out: Collected, key: KeyObject, what: string): void {
  const { type, bits } = keyFacts(key);
  if (type !== 'rsa') {
    out.findings.push({ level: 'error', code: 'KEY_NOT_RSA', message: `The ${what} is ${type}, not RSA: WECHATPAY2-SHA256-RSA2048 needs RSA.` });
  } else if (bits < MIN_RSA_BITS) {
    out.findings.push({ level: 'error', code: 'KEY_TOO_SMALL', message: `The ${what} is RSA-${bits}: at least ${MIN_RSA_BITS} bits are needed.` });
  } else {
    out.findings.push({ level: 'ok', code: 'KEY_SIZE', message: `The ${what} is RSA-${bits}.` });
  }
}

function errorFinding(error: unknown): KeyFinding {
  if (isAuditNotifyError(error)) return { level: 'error', code: error.code, message: error.message };
  return { level: 'error', code: 'KEY_FORMAT_UNKNOWN', message: 'The material cannot be read.' };
}

function collectItem(out: Collected, item: MaterialItem, options: DiagnoseKeyOptions): void {
  const push = (level: KeyFinding['level'], code: string, message: string): void => {
    out.findings.push({ level, code, message });
  };
  switch (item.kind) {
    case 'pkcs8':
    case 'pkcs1': {
      try {
        const key = createPrivateKey({ key: Buffer.from(item.der), format: 'der', type: item.kind });
        if (item.kind === 'pkcs1') {
          push('warn', 'KEY_FORMAT_PKCS1', 'PKCS#1 private key ("BEGIN RSA PRIVATE KEY"): accepted here, but the official SDKs load PKCS#8; convert with `openssl pkcs8 -topk8 -nocrypt -in k.pem -out apiclient_key.pem`.');
        } else {
          push('ok', 'KEY_FORMAT_PKCS8', 'PKCS#8 private key ("BEGIN PRIVATE KEY"), as WeChat Pay issues it.');
        }
        out.privateKey ??= { object: key, format: item.kind };
        checkKey(out, key, 'private key');
      } catch {
        push('error', 'KEY_FORMAT_UNKNOWN', 'The private key cannot be parsed (damaged?).');
      }
      return;
    }
    case 'encrypted-pkcs8':
    case 'encrypted-pkcs1': {
      if (options.password === undefined) {
        push('error', 'KEY_ENCRYPTED', `The private key is encrypted: decrypt it once with \`${DECRYPT_KEY_HINT}\`.`);
        return;
      }
      try {
        const key =
          item.pem !== undefined
            ? createPrivateKey({ key: item.pem, format: 'pem', passphrase: options.password })
            : createPrivateKey({ key: Buffer.from(item.der), format: 'der', type: 'pkcs8', passphrase: options.password });
        push('warn', 'KEY_ENCRYPTED', `The private key is encrypted (the password opens it): store it decrypted with \`${DECRYPT_KEY_HINT}\` for servers that load it unattended.`);
        out.privateKey ??= { object: key, format: item.kind };
        checkKey(out, key, 'private key');
      } catch {
        push('error', 'KEY_PASSWORD_WRONG', 'The password does not decrypt the private key.');
      }
      return;
    }
    case 'ec':
    case 'other-private':
      push('error', 'KEY_NOT_RSA', `The private key is ${item.label ?? 'an EC key'}, not RSA: WECHATPAY2-SHA256-RSA2048 needs RSA.`);
      return;
    case 'openssh':
      push('error', 'KEY_FORMAT_UNKNOWN', 'OpenSSH private key: convert it with `ssh-keygen -p -m PKCS8 -f <file>`.');
      return;
    case 'spki':
    case 'pkcs1-public': {
      try {
        const key = createPublicKey({ key: Buffer.from(item.der), format: 'der', type: item.kind === 'spki' ? 'spki' : 'pkcs1' });
        push('ok', 'PUBLIC_KEY_FORMAT', item.kind === 'spki' ? 'Public key ("BEGIN PUBLIC KEY"), like wxp_pub.pem.' : 'PKCS#1 public key ("BEGIN RSA PUBLIC KEY").');
        out.publicKeys.push(key);
        checkKey(out, key, 'public key');
      } catch {
        push('error', 'KEY_FORMAT_UNKNOWN', 'The public key cannot be parsed (damaged?).');
      }
      return;
    }
    case 'certificate':
      collectCertificate(out, item.der);
      return;
    case 'pkcs12': {
      collectPkcs12(out, item.der, options);
      return;
    }
    default:
      push('error', 'KEY_FORMAT_UNKNOWN', item.label ? `Unsupported PEM block "${item.label}".` : 'Unrecognised material.');
  }
}

function collectPkcs12(out: Collected, der: Uint8Array, options: DiagnoseKeyOptions): void {
  const info = inspectPkcs12(der);
  const algorithms = [...info.encryptions, ...(info.macAlgorithm ? [`${info.macAlgorithm} MAC`] : [])].join(', ');
  out.findings.push(
    info.legacy
      ? { level: 'ok', code: 'PKCS12_LEGACY', message: `Legacy PKCS#12 (${algorithms}): readable here; OpenSSL 3's \`openssl pkcs12\` needs \`-legacy\` for it.` }
      : { level: 'ok', code: 'PKCS12_FORMAT', message: `PKCS#12 (${algorithms || 'unencrypted'}).` },
  );
  const password = options.password ?? options.mchid;
  if (password === undefined) {
    out.findings.push({ level: 'error', code: 'KEY_PASSWORD_WRONG', message: 'A PKCS#12 file needs its password: give the password or the mchid.' });
    return;
  }
  try {
    const bags = openPkcs12(der, password);
    for (const keyDer of bags.keys.slice(0, 1)) {
      const key = createPrivateKey({ key: Buffer.from(keyDer), format: 'der', type: 'pkcs8' });
      out.privateKey ??= { object: key, format: 'pkcs12' };
      checkKey(out, key, 'private key');
    }
    if (bags.keys.length === 0) out.findings.push({ level: 'error', code: 'PKCS12_INVALID', message: 'The PKCS#12 file holds no private key.' });
    for (const certDer of bags.certificates) collectCertificate(out, certDer);
  } catch (error) {
    out.findings.push(errorFinding(error));
  }
}

function checkCertificate(out: Collected, x509: X509Certificate, options: DiagnoseKeyOptions, nowMs: number): void {
  const push = (level: KeyFinding['level'], code: string, message: string): void => {
    out.findings.push({ level, code, message });
  };
  const serialNo = serialOf(x509);
  if (/^[0-9A-F]{40}$/.test(serialNo)) push('ok', 'SERIAL_FORMAT', `Certificate serial ${serialNo} (40 hex characters, the serial_no to send).`);
  else push('warn', 'SERIAL_FORMAT', `Certificate serial ${serialNo} has ${serialNo.length} hex characters; WeChat Pay merchant serials have 40.`);
  if (options.serialNo !== undefined) {
    if (options.serialNo === serialNo) push('ok', 'SERIAL_MATCH', 'The configured serial_no equals the certificate serial.');
    else if (options.serialNo.toUpperCase() === serialNo) {
      push('warn', 'SERIAL_CASE', 'The configured serial_no is the certificate serial in lower case: send it in upper case, receivers compare exactly.');
    } else push('error', 'SERIAL_MISMATCH', `The configured serial_no ${JSON.stringify(options.serialNo.slice(0, 64))} is not this certificate's serial ${serialNo}.`);
  }
  const { notBefore, notAfter } = validityOf(x509);
  const warnMs = (options.expiryWarningDays ?? 30) * 86_400_000;
  if (nowMs < notBefore.getTime()) push('error', 'CERT_NOT_YET_VALID', `The certificate is valid only from ${notBefore.toISOString()} (check the clock).`);
  else if (nowMs > notAfter.getTime()) push('error', 'CERT_EXPIRED', `The certificate expired on ${notAfter.toISOString()}: download a new one from the merchant platform.`);
  else if (notAfter.getTime() - nowMs < warnMs) push('warn', 'CERT_EXPIRES_SOON', `The certificate expires on ${notAfter.toISOString()}.`);
  else push('ok', 'CERT_VALIDITY', `The certificate is valid until ${notAfter.toISOString()}.`);
  const cn = commonNameOf(x509.subject);
  if (options.mchid !== undefined) {
    if (cn === options.mchid) push('ok', 'CERT_CN_MCHID', `The certificate's CN is the mchid ${options.mchid}.`);
    else push('warn', 'CERT_CN_MCHID', `The certificate's CN ${JSON.stringify(cn ?? '')} is not the mchid ${options.mchid}: is this another merchant's certificate?`);
  }
  if (x509.subject === x509.issuer) push('warn', 'CERT_SELF_SIGNED', 'The certificate is self-signed: fine for tests, but WeChat Pay issues merchant certificates from its own CA.');
  checkKey(out, x509.publicKey, "certificate's public key");
}

/**
 * Examines key material (private key, public key, certificate, PKCS#12, or a PEM bundle of several) and lists
 * findings instead of throwing: format (PKCS#8 vs PKCS#1, pasted-PEM repairs, legacy PKCS#12), encryption,
 * key type and size, certificate serial and validity, CN vs mchid, and whether key and certificate match.
 *
 * @example
 * ```ts
 * const report = diagnoseKeyMaterial({ path: 'apiclient_key.pem' }, { certificate: { path: 'apiclient_cert.pem' }, serialNo });
 * for (const f of report.findings) console.log(`${f.level.padEnd(5)} ${f.code}: ${f.message}`);
 * if (!report.ok) process.exitCode = 1;
 * ```
 */
export function diagnoseKeyMaterial(input: KeyInput, options: DiagnoseKeyOptions = {}): KeyReport {
  const out: Collected = { findings: [], publicKeys: [], certificates: [] };
  let material: Material;
  try {
    material = readMaterial(input, 'key material', 'KEY_FORMAT_UNKNOWN');
  } catch (error) {
    return { ok: false, kind: 'unknown', findings: [errorFinding(error)] };
  }
  const repairs = material.repairs.filter((repair) => REPAIR_TEXT[repair] !== '');
  if (repairs.length > 0) {
    out.findings.push({
      level: 'warn',
      code: 'PEM_REPAIRED',
      message: `The PEM had ${repairs.map((repair) => REPAIR_TEXT[repair]).join(', ')}: accepted here, but other tools may refuse it; keep the file as downloaded.`,
    });
  }
  for (const item of material.items) collectItem(out, item, options);

  if (options.certificate !== undefined) {
    try {
      const extra = readMaterial(options.certificate, 'certificate', 'CERT_INVALID');
      const item = extra.items.find((candidate) => candidate.kind === 'certificate');
      if (item) collectCertificate(out, item.der);
      else out.findings.push({ level: 'error', code: 'CERT_INVALID', message: 'The certificate option holds no X.509 certificate.' });
    } catch (error) {
      out.findings.push(errorFinding(error));
    }
  }

  const nowMs = options.clock ? options.clock() * 1000 : Date.now();
  const privateFingerprint = out.privateKey ? spkiFingerprint(out.privateKey.object) : undefined;
  // With a key, judge the certificate that belongs to it (a PKCS#12 may also carry CA certificates).
  const certificate =
    out.certificates.find((x509) => privateFingerprint !== undefined && spkiFingerprint(x509.publicKey) === privateFingerprint) ??
    out.certificates[0];
  if (certificate) checkCertificate(out, certificate, options, nowMs);

  if (privateFingerprint !== undefined) {
    const counterpart = certificate?.publicKey ?? out.publicKeys[0];
    if (counterpart) {
      const what = certificate ? 'certificate' : 'public key';
      out.findings.push(
        spkiFingerprint(counterpart) === privateFingerprint
          ? { level: 'ok', code: 'KEY_CERT_MATCH', message: `The private key belongs to the ${what}.` }
          : { level: 'error', code: 'KEY_CERT_MISMATCH', message: `The private key does not belong to the ${what}: they come from different key pairs.` },
      );
    }
  }

  const kinds = new Set(material.items.map((item) => item.kind));
  const kind: KeyReport['kind'] =
    material.items.length > 1
      ? 'bundle'
      : kinds.has('pkcs12')
        ? 'pkcs12'
        : kinds.has('certificate')
          ? 'certificate'
          : kinds.has('spki') || kinds.has('pkcs1-public')
            ? 'public-key'
            : kinds.has('unknown')
              ? 'unknown'
              : 'private-key';
  const publicKey = out.publicKeys[0];
  return {
    ok: !out.findings.some((finding) => finding.level === 'error'),
    findings: out.findings,
    kind,
    ...(out.privateKey && privateFingerprint
      ? { privateKey: { format: out.privateKey.format, ...keyFacts(out.privateKey.object), fingerprint: privateFingerprint } }
      : {}),
    ...(publicKey ? { publicKey: { ...keyFacts(publicKey), fingerprint: spkiFingerprint(publicKey) } } : {}),
    ...(certificate
      ? {
          certificate: {
            serialNo: serialOf(certificate),
            subject: oneLineName(certificate.subject),
            issuer: oneLineName(certificate.issuer),
            ...validityOf(certificate),
            fingerprint: spkiFingerprint(certificate.publicKey),
          },
        }
      : {}),
  };
}
