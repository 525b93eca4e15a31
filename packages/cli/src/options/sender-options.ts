/**
 * The sender flags (`--mchid`, `--key`, `--key-password`, `--serial`, `--cert`, `--wechatpay-public-key`,
 * `--wechatpay-public-key-id`, or `--keys DIR` for all of them) and how they resolve to a signing identity.
 */
import { extname } from 'node:path';
import { keyMatchesCertificate, loadCertificate, loadPkcs12, loadPrivateKey, loadPublicKey } from '@auditnotify/core';
import type { CertificateInfo, PrivateKeyHandle, PublicKeyHandle } from '@auditnotify/core';
import { AuditNotifyError } from '@auditnotify/core';
import type { CliIo } from '../io.js';
import { readKeySet } from '../keys/read-key-set.js';
import { usageError } from '../usage-error.js';
import { readInput } from '../input/read-input.js';
import { loadKeyFile, withKeyErrors } from './load-key-file.js';

/**
 * The `parseArgs` table of the sender flags.
 *
 * @example
 * ```ts
 * parseFlags(args, { ...SENDER_OPTIONS, json: { type: 'boolean' } } as const);
 * ```
 */
export const SENDER_OPTIONS = {
  keys: { type: 'string' },
  mchid: { type: 'string' },
  key: { type: 'string' },
  'key-password': { type: 'string' },
  serial: { type: 'string' },
  cert: { type: 'string' },
  'wechatpay-public-key': { type: 'string' },
  'wechatpay-public-key-id': { type: 'string' },
} as const;

/**
 * Parsed values of {@link SENDER_OPTIONS}.
 *
 * @example
 * ```ts
 * const flags: SenderFlags = { mchid: '1900016681', key: 'apiclient_cert.p12' };
 * ```
 */
export interface SenderFlags {
  keys?: string | undefined;
  mchid?: string | undefined;
  key?: string | undefined;
  'key-password'?: string | undefined;
  serial?: string | undefined;
  cert?: string | undefined;
  'wechatpay-public-key'?: string | undefined;
  'wechatpay-public-key-id'?: string | undefined;
}

/**
 * A resolved sender: who signs, with which key, and which WeChat Pay public key checks the answers.
 *
 * @example
 * ```ts
 * const sender: SenderIdentity = await resolveSender({ keys: 'keys' }, io, { needWechatpayKey: true });
 * createClient({ ...sender });
 * ```
 */
export interface SenderIdentity {
  mchid: string;
  serialNo: string;
  privateKey: PrivateKeyHandle;
  /** Empty unless `needWechatpayKey` was asked for or the flags named one. */
  wechatpayPublicKeys: { id: string; publicKey: PublicKeyHandle }[];
}

/**
 * Options of {@link resolveSender}.
 *
 * @example
 * ```ts
 * const forSign: ResolveSenderOptions = { needWechatpayKey: false };
 * ```
 */
export interface ResolveSenderOptions {
  /** `send` verifies answers and so needs `--wechatpay-public-key` and its id; `sign` does not. */
  needWechatpayKey: boolean;
}

const PKCS12_EXTENSIONS = new Set(['.p12', '.pfx']);

function looksLikePem(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 4096)).toString('latin1').includes('-----BEGIN');
}

/**
 * Resolves the sender flags. `--keys DIR` fills every flag that was not given; `--serial` wins over a
 * certificate's serial, which comes from `--cert` or from inside a PKCS#12 `--key`.
 *
 * @example
 * ```ts
 * const sender = await resolveSender({ keys: 'keys' }, io, { needWechatpayKey: false });
 * sender.serialNo; // from keys/keys.json
 * ```
 */
export async function resolveSender(
  flags: SenderFlags,
  io: CliIo,
  options: ResolveSenderOptions,
): Promise<SenderIdentity> {
  const set = flags.keys === undefined ? undefined : await readKeySet(flags.keys, io);
  const mchid = flags.mchid ?? set?.manifest.mchid;
  if (mchid === undefined || mchid === '') throw usageError('missing --mchid (or --keys DIR)', { flag: '--mchid' });

  const keyPath = flags.key ?? set?.senderKey;
  if (keyPath === undefined) throw usageError('missing --key FILE (or --keys DIR)', { flag: '--key' });
  const password = flags['key-password'] ?? mchid;

  let privateKey: PrivateKeyHandle;
  let pkcs12Cert: CertificateInfo | undefined;
  const keyBytes = await readInput(keyPath, io, '--key');
  const isPkcs12 = PKCS12_EXTENSIONS.has(extname(keyPath).toLowerCase()) || !looksLikePem(keyBytes);
  if (isPkcs12) {
    const bundle = withKeyErrors('--key', keyPath, () => {
      try {
        return loadPkcs12(keyBytes, password);
      } catch (error) {
        // A DER private key is not a PKCS#12 file: fall back to the plain key loader.
        if (!PKCS12_EXTENSIONS.has(extname(keyPath).toLowerCase())) return { privateKey: loadPrivateKey(keyBytes) };
        throw error;
      }
    });
    privateKey = bundle.privateKey;
    pkcs12Cert = 'certificate' in bundle ? bundle.certificate : undefined;
  } else {
    privateKey = withKeyErrors('--key', keyPath, () => loadPrivateKey(keyBytes));
  }

  let serialNo = flags.serial;
  let cert: CertificateInfo | undefined;
  if (flags.cert !== undefined) {
    cert = await loadKeyFile('--cert', flags.cert, io, (bytes) => loadCertificate(bytes));
    if (flags.key !== undefined && !keyMatchesCertificate(privateKey, cert)) {
      throw new AuditNotifyError('KEY_CERT_MISMATCH', `--key ${keyPath} does not belong to --cert ${flags.cert}`, {
        detail: { flag: '--cert', keyFingerprint: privateKey.fingerprint, certFingerprint: cert.publicKey.fingerprint },
      });
    }
  }
  serialNo ??= cert?.serialNo ?? pkcs12Cert?.serialNo;
  if (serialNo === undefined && set !== undefined) {
    // Without an explicit key the key set's certificate is the right one; with one, trust keys.json only.
    serialNo = set.manifest.serial_no;
  }
  if (serialNo === undefined || serialNo === '') {
    throw usageError('missing --serial HEX (or --cert FILE, a PKCS#12 --key, or --keys DIR)', { flag: '--serial' });
  }

  const wechatpayPublicKeys: SenderIdentity['wechatpayPublicKeys'] = [];
  const pubPath = flags['wechatpay-public-key'] ?? set?.receiverPublicKey;
  const pubId = flags['wechatpay-public-key-id'] ?? set?.manifest.wechatpay_public_key_id;
  if (options.needWechatpayKey || flags['wechatpay-public-key'] !== undefined) {
    if (pubPath === undefined) {
      throw usageError('missing --wechatpay-public-key FILE (or --keys DIR)', { flag: '--wechatpay-public-key' });
    }
    if (pubId === undefined || pubId === '') {
      throw usageError('missing --wechatpay-public-key-id ID (or --keys DIR)', { flag: '--wechatpay-public-key-id' });
    }
    const publicKey = await loadKeyFile('--wechatpay-public-key', pubPath, io, (bytes) => loadPublicKey(bytes));
    wechatpayPublicKeys.push({ id: pubId, publicKey });
  }
  return { mchid, serialNo, privateKey, wechatpayPublicKeys };
}
