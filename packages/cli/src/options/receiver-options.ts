/**
 * The receiver flags (`--sender-cert FILE`… or `--sender-public-key FILE --sender-serial HEX`,
 * `--answer-key FILE --answer-key-id ID`, or `--keys DIR` for all of them) and how they resolve to the keys
 * a receiver checks requests and signs answers with.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { loadCertificate, loadPrivateKey, loadPublicKey } from '@auditnotify/core';
import type { PrivateKeyHandle, PublicKeyHandle } from '@auditnotify/core';
import type { CliIo } from '../io.js';
import { readKeySet } from '../keys/read-key-set.js';
import { usageError } from '../usage-error.js';
import { loadKeyFile } from './load-key-file.js';

/**
 * The `parseArgs` table of the receiver flags.
 *
 * @example
 * ```ts
 * parseFlags(args, { ...RECEIVER_OPTIONS, port: { type: 'string' } } as const);
 * ```
 */
export const RECEIVER_OPTIONS = {
  keys: { type: 'string' },
  'sender-cert': { type: 'string', multiple: true },
  'sender-public-key': { type: 'string' },
  'sender-serial': { type: 'string' },
  'answer-key': { type: 'string' },
  'answer-key-id': { type: 'string' },
} as const;

/**
 * Parsed values of {@link RECEIVER_OPTIONS}.
 *
 * @example
 * ```ts
 * const flags: ReceiverFlags = { 'sender-cert': ['apiclient_cert.pem'], 'answer-key': 'wxp_key.pem', 'answer-key-id': 'PUB_KEY_ID_…' };
 * ```
 */
export interface ReceiverFlags {
  keys?: string | undefined;
  'sender-cert'?: string[] | undefined;
  'sender-public-key'?: string | undefined;
  'sender-serial'?: string | undefined;
  'answer-key'?: string | undefined;
  'answer-key-id'?: string | undefined;
}

/**
 * Resolved receiver keys.
 *
 * @example
 * ```ts
 * const keys: ReceiverKeys = await resolveReceiver({ keys: 'keys' }, io, { needAnswerKey: true, needSenders: true });
 * keys.publicKeys.get(keys.senders[0].serialNo);
 * ```
 */
export interface ReceiverKeys {
  /** Senders' public keys by `serial_no` (what `createReceiver`'s `senders` and `diagnoseSignature` take). */
  senders: { serialNo: string; publicKey: PublicKeyHandle }[];
  /** The key that signs answers, if the flags named one. */
  answerKeys: { id: string; privateKey: PrivateKeyHandle }[];
  /** `senders` as a map, for `diagnoseSignature`. */
  publicKeys: Map<string, PublicKeyHandle>;
  /** The public halves of `answerKeys` by id, for `diagnoseSignature` to recognise a request signed with one. */
  answerPublicKeys: Map<string, PublicKeyHandle>;
}

/**
 * Options of {@link resolveReceiver}.
 *
 * @example
 * ```ts
 * const forVerify: ResolveReceiverOptions = { needAnswerKey: false, needSenders: true };
 * ```
 */
export interface ResolveReceiverOptions {
  /** `listen` signs answers and so needs an answer key; `verify` and `decode` do not. */
  needAnswerKey: boolean;
  /** `decode` runs without any receiver flag; `verify` and `listen` need sender keys. */
  needSenders: boolean;
}

/**
 * True when any receiver flag was given (`decode` then also verifies).
 *
 * @example
 * ```ts
 * hasReceiverFlags({ keys: 'keys' }); // true
 * hasReceiverFlags({}); // false
 * ```
 */
export function hasReceiverFlags(flags: ReceiverFlags): boolean {
  return (
    flags.keys !== undefined ||
    (flags['sender-cert']?.length ?? 0) > 0 ||
    flags['sender-public-key'] !== undefined ||
    flags['answer-key'] !== undefined
  );
}

/**
 * Resolves the receiver flags; `--keys DIR` fills what was not given (the sender certificate, the
 * receiver's key and its id from `keys.json`).
 *
 * @example
 * ```ts
 * const keys = await resolveReceiver({ keys: 'keys' }, io, { needAnswerKey: true, needSenders: true });
 * createReceiver({ senders: keys.senders, answerKeys: keys.answerKeys, handler });
 * ```
 */
export async function resolveReceiver(
  flags: ReceiverFlags,
  io: CliIo,
  options: ResolveReceiverOptions,
): Promise<ReceiverKeys> {
  const set = flags.keys === undefined ? undefined : await readKeySet(flags.keys, io);
  const senders: ReceiverKeys['senders'] = [];

  const certPaths = flags['sender-cert'] ?? [];
  for (const path of certPaths) {
    const cert = await loadKeyFile('--sender-cert', path, io, (bytes) => loadCertificate(bytes));
    senders.push({ serialNo: cert.serialNo, publicKey: cert.publicKey });
  }
  const publicKeyPath = flags['sender-public-key'];
  const serial = flags['sender-serial'];
  if (publicKeyPath !== undefined || serial !== undefined) {
    if (publicKeyPath === undefined) throw usageError('--sender-serial needs --sender-public-key FILE', { flag: '--sender-public-key' });
    if (serial === undefined || serial === '') throw usageError('--sender-public-key needs --sender-serial HEX', { flag: '--sender-serial' });
    const publicKey = await loadKeyFile('--sender-public-key', publicKeyPath, io, (bytes) => loadPublicKey(bytes));
    senders.push({ serialNo: serial, publicKey });
  }
  // A receiver in a key rotation accepts the old and the new certificate: --sender-cert adds to the set's.
  if (set !== undefined) {
    const cert = await loadKeyFile('--keys', set.senderCert, io, (bytes) => loadCertificate(bytes));
    senders.unshift({ serialNo: cert.serialNo, publicKey: cert.publicKey });
  }
  const seen = new Map<string, string>();
  for (const sender of senders) {
    const previous = seen.get(sender.serialNo);
    if (previous !== undefined && previous !== sender.publicKey.fingerprint) {
      throw usageError(`two different keys are given for serial_no ${sender.serialNo}; each serial must name one key`, { flag: '--sender-cert' });
    }
    seen.set(sender.serialNo, sender.publicKey.fingerprint);
  }
  if (options.needSenders && senders.length === 0) {
    throw usageError('missing --sender-cert FILE (or --sender-public-key FILE --sender-serial HEX, or --keys DIR)', {
      flag: '--sender-cert',
    });
  }

  const answerKeys: ReceiverKeys['answerKeys'] = [];
  const answerPath = flags['answer-key'] ?? set?.receiverKey;
  const answerId = flags['answer-key-id'] ?? set?.manifest.wechatpay_public_key_id;
  if (flags['answer-key-id'] !== undefined && flags['answer-key'] === undefined && set === undefined) {
    throw usageError('--answer-key-id needs --answer-key FILE', { flag: '--answer-key' });
  }
  if (answerPath !== undefined) {
    if (answerId === undefined || answerId === '') throw usageError('--answer-key needs --answer-key-id ID', { flag: '--answer-key-id' });
    const privateKey = await loadKeyFile('--answer-key', answerPath, io, (bytes) => loadPrivateKey(bytes));
    answerKeys.push({ id: answerId, privateKey });
  } else if (options.needAnswerKey) {
    throw usageError('missing --answer-key FILE --answer-key-id ID (or --keys DIR)', { flag: '--answer-key' });
  }

  const answerPublicKeys = new Map(
    answerKeys.map((key) => [key.id, loadPublicKey(createPublicKey(createPrivateKey({ key: Buffer.from(key.privateKey.pkcs8Der), format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'pem' }))]),
  );
  const unique = senders.filter((sender, i) => senders.findIndex((other) => other.serialNo === sender.serialNo) === i);
  return { senders: unique, answerKeys, publicKeys: new Map(unique.map((s) => [s.serialNo, s.publicKey])), answerPublicKeys };
}
