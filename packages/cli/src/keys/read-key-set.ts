/**
 * Reads a key set folder (`--keys DIR`) written by `auditnotify keygen`.
 */
import { CliError } from '../cli-error.js';
import { join } from 'node:path';
import type { CliIo } from '../io.js';
import { readInput } from '../input/read-input.js';
import { KEY_SET_LAYOUT } from './key-set-layout.js';
import type { KeySetManifest } from './key-set-layout.js';

/**
 * A key set folder: its manifest and the paths of its files (relative to the working directory).
 *
 * @example
 * ```ts
 * const { manifest, senderKey }: KeySetPaths = await readKeySet('keys', io);
 * ```
 */
export interface KeySetPaths {
  manifest: KeySetManifest;
  senderKey: string;
  senderCert: string;
  senderPkcs12: string;
  receiverKey: string;
  receiverPublicKey: string;
}

/**
 * Reads and checks `DIR/keys.json`; the key files themselves are loaded by whoever needs them.
 *
 * @example
 * ```ts
 * const set = await readKeySet('keys', io);
 * set.manifest.serial_no; // '5157F09E…'
 * ```
 */
export async function readKeySet(dir: string, io: CliIo): Promise<KeySetPaths> {
  const bytes = await readInput(join(dir, KEY_SET_LAYOUT.manifest), io, '--keys');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new CliError('INPUT_UNREADABLE', `--keys: ${KEY_SET_LAYOUT.manifest} in ${dir} is not JSON`, {
      cause: error,
      detail: { flag: '--keys', path: dir },
    });
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  for (const field of ['mchid', 'serial_no', 'wechatpay_public_key_id'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') {
      throw new CliError('INPUT_UNREADABLE', `--keys: ${KEY_SET_LAYOUT.manifest} in ${dir} has no "${field}"`, {
        detail: { flag: '--keys', path: dir, field },
      });
    }
  }
  return {
    manifest: {
      mchid: record.mchid as string,
      serial_no: record.serial_no as string,
      wechatpay_public_key_id: record.wechatpay_public_key_id as string,
    },
    senderKey: join(dir, KEY_SET_LAYOUT.senderKey),
    senderCert: join(dir, KEY_SET_LAYOUT.senderCert),
    senderPkcs12: join(dir, KEY_SET_LAYOUT.senderPkcs12),
    receiverKey: join(dir, KEY_SET_LAYOUT.receiverKey),
    receiverPublicKey: join(dir, KEY_SET_LAYOUT.receiverPublicKey),
  };
}
