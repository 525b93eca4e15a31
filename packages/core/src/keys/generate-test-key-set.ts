// Test material shaped like a real WeChat Pay set-up (protocol.md §5): the merchant's key, a certificate with a
// 40-hex-character serial and CN = mchid, its PKCS#12 (password = mchid), and the receiver's key known by a
// `PUB_KEY_ID_…` id. Keys come from node:crypto (a 2048-bit key takes milliseconds there, seconds in forge);
// forge builds only the certificate and the PKCS#12, which node:crypto cannot write.
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import forge, { type ForgeTypes } from '../internal/forge.js';

/**
 * Options of {@link generateTestKeySet}.
 *
 * @example
 * ```ts
 * generateTestKeySet({ mchid: '1900000001', notAfter: new Date('2020-01-01') } satisfies TestKeySetOptions); // an expired certificate
 * ```
 */
export interface TestKeySetOptions {
  /** Merchant id (digits); CN of the certificate and the PKCS#12 password. Default `1900016681` (the documentation's). */
  mchid?: string;
  /** Certificate serial as hex (upper-cased; first byte not 00). Default: 20 random bytes, 40 characters. */
  serialNo?: string;
  /** Id of the receiver's public key. Default `PUB_KEY_ID_01` + mchid + today (YYYYMMDD) + 14 random digits. */
  wechatpayPublicKeyId?: string;
  /** RSA modulus length of both keys, 1024–8192 (below 2048 only to test rejections). Default 2048. */
  bits?: number;
  /** Certificate validity start. Default: one hour ago (tolerates small clock drift). */
  notBefore?: Date;
  /** Certificate validity end. Default: five years after `notBefore`, like merchant certificates. */
  notAfter?: Date;
}

/**
 * A full, self-consistent set of test keys for both sides of the notification.
 *
 * @example
 * ```ts
 * const set: TestKeySet = generateTestKeySet();
 * writeFileSync('apiclient_key.pem', set.sender.privateKeyPem);
 * ```
 */
export interface TestKeySet {
  readonly mchid: string;
  /** Upper-case hex serial of `sender.certificatePem`: the `serial_no` of the Authorization header. */
  readonly serialNo: string;
  /** Id of `receiver.publicKeyPem`: the `Wechatpay-Serial` of requests and signed answers. */
  readonly wechatpayPublicKeyId: string;
  readonly sender: {
    /** PKCS#8 PEM, like `apiclient_key.pem`. */
    readonly privateKeyPem: string;
    /** Self-signed X.509 PEM, like `apiclient_cert.pem`. */
    readonly certificatePem: string;
    /**
     * PKCS#12 like `apiclient_cert.p12`, password = mchid: key encrypted with PBES2 (PBKDF2-HMAC-SHA256,
     * AES-256-CBC), certificate unencrypted, HMAC-SHA256 MAC. Readable by node-forge and by OpenSSL 3 without
     * `-legacy` (forge cannot encrypt the certificate part, OpenSSL 3's default does; neither needs it).
     */
    readonly pkcs12: Uint8Array;
  };
  readonly receiver: {
    /** PKCS#8 PEM of the key that signs answers. */
    readonly privateKeyPem: string;
    /** SPKI PEM, like `wxp_pub.pem`. */
    readonly publicKeyPem: string;
  };
}

const DEFAULT_MCHID = '1900016681';

type P12Options = NonNullable<Parameters<typeof ForgeTypes.pkcs12.toPkcs12Asn1>[3]>;

function invalid(message: string, field: string): never {
  throw new AuditNotifyError('INVALID_OPTIONS', message, { detail: { field } });
}

function validSerial(serialNo: string | undefined): string {
  if (serialNo === undefined) {
    const bytes = randomBytes(20);
    // A leading 00 byte would vanish from the DER INTEGER and shorten the serial to 38 characters.
    if (bytes[0] === 0) bytes[0] = 1 + randomInt(255);
    return bytes.toString('hex').toUpperCase();
  }
  if (!/^(?:[0-9A-Fa-f]{2}){1,20}$/.test(serialNo) || /^00/.test(serialNo)) {
    invalid('serialNo must be 1–20 bytes of hex (even length) whose first byte is not 00.', 'serialNo');
  }
  return serialNo.toUpperCase();
}

function todayDigits(): string {
  return new Date().toISOString().slice(0, 10).replace(/-/g, '');
}

function randomDigits(count: number): string {
  let digits = '';
  for (let i = 0; i < count; i += 1) digits += String(randomInt(10));
  return digits;
}

/** forge's toPkcs12Asn1 always MACs with SHA-1; replace that MacData with HMAC-SHA256 (the OpenSSL 3 default). */
function withSha256Mac(pfx: ForgeTypes.asn1.Asn1, password: string): ForgeTypes.asn1.Asn1 {
  const { asn1 } = forge;
  const parts = pfx.value as ForgeTypes.asn1.Asn1[];
  const authSafe = parts[1]!.value as ForgeTypes.asn1.Asn1[];
  const octets = ((authSafe[1]!.value as ForgeTypes.asn1.Asn1[])[0]!.value as string);
  const salt = forge.random.getBytesSync(8);
  const iterations = 2048;
  const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt), 3, iterations, 32, forge.md.sha256.create());
  const hmac = forge.hmac.create();
  hmac.start(forge.md.sha256.create(), key);
  hmac.update(octets);
  const mac = hmac.digest().getBytes();
  const U = asn1.Class.UNIVERSAL;
  parts[2] = asn1.create(U, asn1.Type.SEQUENCE, true, [
    asn1.create(U, asn1.Type.SEQUENCE, true, [
      asn1.create(U, asn1.Type.SEQUENCE, true, [
        asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(forge.pki.oids.sha256!).getBytes()),
        asn1.create(U, asn1.Type.NULL, false, ''),
      ]),
      asn1.create(U, asn1.Type.OCTETSTRING, false, mac),
    ]),
    asn1.create(U, asn1.Type.OCTETSTRING, false, salt),
    asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(iterations).getBytes()),
  ]);
  return pfx;
}

/**
 * Generates a sender key with its self-signed certificate and PKCS#12, and a receiver key pair, for tests,
 * samples and the inspector. Never use the output for real traffic.
 *
 * Throws `INVALID_OPTIONS` for a non-digit mchid, bad serial, empty key id or unsupported `bits`.
 *
 * @example
 * ```ts
 * const set = generateTestKeySet({ mchid: '1900000001' });
 * set.serialNo;              // e.g. '3F9C…' (40 hex characters)
 * set.wechatpayPublicKeyId;  // e.g. 'PUB_KEY_ID_01190000000120261126…'
 * writeFileSync('apiclient_cert.p12', set.sender.pkcs12);
 * ```
 */
export function generateTestKeySet(options: TestKeySetOptions = {}): TestKeySet {
  const mchid = options.mchid ?? DEFAULT_MCHID;
  if (!/^\d{1,32}$/.test(mchid)) invalid('mchid must be digits, like a WeChat Pay merchant id.', 'mchid');
  const serialNo = validSerial(options.serialNo);
  const wechatpayPublicKeyId = options.wechatpayPublicKeyId ?? `PUB_KEY_ID_01${mchid}${todayDigits()}${randomDigits(14)}`;
  // The id travels in a header and in quotes: printable ASCII without quotes or commas (protocol.md §3).
  if (!/^[\x21-\x7e]+$/.test(wechatpayPublicKeyId) || /["',]/.test(wechatpayPublicKeyId)) {
    invalid('wechatpayPublicKeyId must be printable ASCII without quotes, commas or spaces.', 'wechatpayPublicKeyId');
  }
  const bits = options.bits ?? 2048;
  if (!Number.isInteger(bits) || bits < 1024 || bits > 8192 || bits % 8 !== 0) {
    invalid('bits must be a multiple of 8 from 1024 to 8192.', 'bits');
  }
  const notBefore = options.notBefore ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * 86_400_000);
  if (!(notAfter.getTime() > notBefore.getTime())) invalid('notAfter must be after notBefore.', 'notAfter');

  const generate = (): { privateKey: string; publicKey: string } =>
    generateKeyPairSync('rsa', {
      modulusLength: bits,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
  const sender = generate();
  const receiver = generate();

  const forgeKey = forge.pki.privateKeyFromPem(sender.privateKey) as ForgeTypes.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(sender.publicKey);
  // forge writes the serial bytes as given; a first byte ≥ 0x80 needs the DER sign byte to stay positive.
  cert.serialNumber = (parseInt(serialNo.slice(0, 2), 16) >= 0x80 ? '00' : '') + serialNo.toLowerCase();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const name = [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: 'auditnotify test merchant' },
    { shortName: 'OU', value: 'test only, not issued by WeChat Pay' },
    { shortName: 'CN', value: mchid },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyEncipherment: true },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());

  const p12Options: P12Options & { prfAlgorithm: string } = {
    algorithm: 'aes256',
    // PBKDF2 with HMAC-SHA256 as OpenSSL 3 writes it (forge's default PRF would be SHA-1); forge passes this
    // option on to its PBES2 encryption although its typings do not list it.
    prfAlgorithm: 'sha256',
    count: 2048,
    friendlyName: 'Tenpay Certificate',
  };
  const pfx = forge.pkcs12.toPkcs12Asn1(forgeKey, [cert], mchid, p12Options);
  const pkcs12 = new Uint8Array(Buffer.from(forge.asn1.toDer(withSha256Mac(pfx, mchid)).getBytes(), 'binary'));

  return Object.freeze({
    mchid,
    serialNo,
    wechatpayPublicKeyId,
    sender: Object.freeze({
      privateKeyPem: sender.privateKey,
      certificatePem: forge.pki.certificateToPem(cert),
      pkcs12,
    }),
    receiver: Object.freeze({ privateKeyPem: receiver.privateKey, publicKeyPem: receiver.publicKey }),
  });
}
