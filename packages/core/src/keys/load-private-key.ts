// Loads the sender's (or receiver's answer-signing) RSA private key once, synchronously, so plugins can validate
// their options at start-up (docs/architecture.md, three tiers of failure) and every signature reuses one KeyObject
// (docs/benchmarks-core.md: parsing PEM per call costs two thirds of the throughput).
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { AuditNotifyError } from '../errors.js';
import type { KeyInput, PrivateKeyHandle } from '../types.js';
import { privateHandleOf } from './handles.js';
import { readPkcs12 } from './load-pkcs12.js';
import { readMaterial, type MaterialItem, type MaterialKind } from './material.js';

/**
 * Options of {@link loadPrivateKey}.
 *
 * @example
 * ```ts
 * loadPrivateKey({ path: 'apiclient_cert.p12' }, { mchid: '1900016681' } satisfies LoadPrivateKeyOptions);
 * ```
 */
export interface LoadPrivateKeyOptions {
  /** Passphrase of a PKCS#12 file or of an encrypted PEM. */
  password?: string;
  /**
   * The merchant id: the password of a WeChat Pay `apiclient_cert.p12` when `password` is not given
   * (protocol.md §5).
   */
  mchid?: string;
}

const PRIVATE_KINDS: ReadonlySet<MaterialKind> = new Set([
  'pkcs8',
  'pkcs1',
  'encrypted-pkcs8',
  'encrypted-pkcs1',
  'ec',
  'other-private',
  'openssh',
  'pkcs12',
]);

/**
 * How to get a plain key out of an encrypted one; the one-liner the error and the key doctor give.
 *
 * @example
 * ```ts
 * console.error(`Decrypt the key first: ${DECRYPT_KEY_HINT}`);
 * ```
 */
export const DECRYPT_KEY_HINT = 'openssl pkey -in k.pem -out k-plain.pem';

/**
 * Loads an RSA private key (≥ 2048 bits) from PKCS#8 or PKCS#1 PEM/DER, or from a PKCS#12 file, given as a
 * string, bytes or `{ path }`. Pasted PEM damage (CRLF, indentation, re-wrapped lines, `\n` escapes, missing
 * armour) is repaired; if several PEM blocks are present the first private key is used.
 *
 * Throws {@link AuditNotifyError} with `KEY_UNREADABLE`, `KEY_FORMAT_UNKNOWN`, `KEY_ENCRYPTED`, `KEY_NOT_RSA`,
 * `KEY_TOO_SMALL`, `KEY_PASSWORD_WRONG`, `PKCS12_INVALID` or `KEY_CERT_MISMATCH` (a PKCS#12 whose key and
 * certificate differ).
 *
 * @example
 * ```ts
 * const key = loadPrivateKey({ path: '/etc/wechatpay/apiclient_key.pem' });
 * const fromP12 = loadPrivateKey({ path: 'apiclient_cert.p12' }, { mchid: '1900016681' });
 * key.fingerprint; // 'a3:5f:…'
 * ```
 */
export function loadPrivateKey(input: KeyInput, options: LoadPrivateKeyOptions = {}): PrivateKeyHandle {
  const material = readMaterial(input, 'private key', 'KEY_FORMAT_UNKNOWN');
  const item = material.items.find((candidate) => PRIVATE_KINDS.has(candidate.kind));
  if (!item) throw notAPrivateKey(material.items);
  return privateKeyFromItem(item, options);
}

function notAPrivateKey(items: readonly MaterialItem[]): AuditNotifyError {
  const kinds = items.map((item) => item.kind);
  let message = 'No private key found: expected PKCS#8 ("BEGIN PRIVATE KEY"), PKCS#1 ("BEGIN RSA PRIVATE KEY") or PKCS#12.';
  if (kinds.includes('certificate')) message = 'This is a certificate, not a private key: pass apiclient_key.pem (or the .p12).';
  else if (kinds.includes('spki') || kinds.includes('pkcs1-public')) message = 'This is a public key, not a private key.';
  else if (kinds.includes('unknown') && items.some((item) => item.der.length === 0)) {
    message = 'The PEM body is not valid Base64 (characters lost or added when pasted?).';
  }
  return new AuditNotifyError('KEY_FORMAT_UNKNOWN', message, { detail: { found: kinds } });
}

/**
 * Loads the private key of one classified material item (shared with the key doctor).
 *
 * @example
 * ```ts
 * const handle = privateKeyFromItem(readMaterial(pem, 'private key', 'KEY_FORMAT_UNKNOWN').items[0], {});
 * ```
 */
export function privateKeyFromItem(item: MaterialItem, options: LoadPrivateKeyOptions): PrivateKeyHandle {
  switch (item.kind) {
    case 'pkcs8':
    case 'pkcs1':
      return privateHandleOf(parseDer(item.der, item.kind), item.kind);
    case 'encrypted-pkcs8':
    case 'encrypted-pkcs1':
      return privateHandleOf(decryptPem(item, options.password), item.kind === 'encrypted-pkcs1' ? 'pkcs1' : 'pkcs8');
    case 'pkcs12': {
      const password = options.password ?? options.mchid;
      if (password === undefined) {
        throw new AuditNotifyError(
          'KEY_PASSWORD_WRONG',
          'A PKCS#12 file needs its password: pass { password } or { mchid } (WeChat Pay uses the merchant id).',
          { detail: { reason: 'PASSWORD_MISSING' } },
        );
      }
      return readPkcs12(item.der, password).privateKey;
    }
    case 'ec':
    case 'other-private':
      throw new AuditNotifyError('KEY_NOT_RSA', `The private key is ${item.label ?? 'an EC key'}, not RSA: WECHATPAY2-SHA256-RSA2048 needs an RSA key.`, {
        detail: { label: item.label ?? null },
      });
    case 'openssh':
      throw new AuditNotifyError(
        'KEY_FORMAT_UNKNOWN',
        'This is an OpenSSH private key: convert it to PKCS#8 with `ssh-keygen -p -m PKCS8 -f <file>`.',
        { detail: { reason: 'OPENSSH' } },
      );
    default:
      throw notAPrivateKey([item]);
  }
}

function parseDer(der: Uint8Array, type: 'pkcs8' | 'pkcs1'): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(der), format: 'der', type });
  } catch (error) {
    throw new AuditNotifyError('KEY_FORMAT_UNKNOWN', `The ${type === 'pkcs8' ? 'PKCS#8' : 'PKCS#1'} private key cannot be parsed (damaged?).`, {
      detail: { reason: (error as Error).message },
    });
  }
}

function decryptPem(item: MaterialItem, password: string | undefined): KeyObject {
  if (password === undefined) {
    throw new AuditNotifyError(
      'KEY_ENCRYPTED',
      `The private key is encrypted with a passphrase. Decrypt it once with \`${DECRYPT_KEY_HINT}\` (it asks for the passphrase), or pass { password }.`,
      { detail: { format: item.kind } },
    );
  }
  try {
    return item.pem !== undefined
      ? createPrivateKey({ key: item.pem, format: 'pem', passphrase: password })
      : createPrivateKey({ key: Buffer.from(item.der), format: 'der', type: 'pkcs8', passphrase: password });
  } catch (error) {
    throw new AuditNotifyError('KEY_PASSWORD_WRONG', 'The passphrase does not decrypt the private key.', {
      detail: { reason: (error as Error).message },
    });
  }
}
