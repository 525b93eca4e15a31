/**
 * Writes a key set folder atomically: every file goes to a staging folder beside the target first, and
 * only a complete set is moved into place, so a failure never leaves half a key set behind.
 */
import { CliError } from '../cli-error.js';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { TestKeySet } from '@auditnotify/core';
import { usageError } from '../usage-error.js';
import { KEY_SET_LAYOUT } from './key-set-layout.js';
import type { KeySetManifest } from './key-set-layout.js';

// Top-level entries of a key set; the manifest moves last, so a reader that sees keys.json sees it all.
const ENTRIES = ['sender', 'receiver', KEY_SET_LAYOUT.manifest] as const;

/**
 * Options of {@link writeKeySet}.
 *
 * @example
 * ```ts
 * const options: WriteKeySetOptions = { force: true };
 * ```
 */
export interface WriteKeySetOptions {
  /** Replace an existing key set in `dir` (otherwise that is a usage error). */
  force?: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function stage(dir: string, keys: TestKeySet): Promise<void> {
  await mkdir(join(dir, 'sender'));
  await mkdir(join(dir, 'receiver'));
  const secret = { mode: 0o600 } as const;
  await writeFile(join(dir, KEY_SET_LAYOUT.senderKey), keys.sender.privateKeyPem, secret);
  await writeFile(join(dir, KEY_SET_LAYOUT.senderCert), keys.sender.certificatePem);
  await writeFile(join(dir, KEY_SET_LAYOUT.senderPkcs12), keys.sender.pkcs12, secret);
  await writeFile(join(dir, KEY_SET_LAYOUT.receiverKey), keys.receiver.privateKeyPem, secret);
  await writeFile(join(dir, KEY_SET_LAYOUT.receiverPublicKey), keys.receiver.publicKeyPem);
  const manifest: KeySetManifest = {
    mchid: keys.mchid,
    serial_no: keys.serialNo,
    wechatpay_public_key_id: keys.wechatpayPublicKeyId,
  };
  await writeFile(join(dir, KEY_SET_LAYOUT.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
}

// Moves the staged entries into an existing folder, keeping the old ones aside until all moves succeeded.
async function swapInto(target: string, staging: string, parent: string): Promise<void> {
  const backup = await mkdtemp(join(parent, `.${basename(target)}.old-`));
  const movedOut: string[] = [];
  const movedIn: string[] = [];
  try {
    for (const entry of ENTRIES) {
      if (await exists(join(target, entry))) {
        await rename(join(target, entry), join(backup, entry));
        movedOut.push(entry);
      }
    }
    for (const entry of ENTRIES) {
      await rename(join(staging, entry), join(target, entry));
      movedIn.push(entry);
    }
  } catch (error) {
    for (const entry of movedIn) await rm(join(target, entry), { recursive: true, force: true });
    for (const entry of movedOut) await rename(join(backup, entry), join(target, entry));
    await rm(backup, { recursive: true, force: true });
    throw error;
  }
  await rm(backup, { recursive: true, force: true });
}

/**
 * Writes `DIR/sender/{apiclient_key.pem, apiclient_cert.pem, apiclient_cert.p12}`,
 * `DIR/receiver/{wxp_key.pem, wxp_pub.pem}` and `DIR/keys.json`. Private keys get mode 0600.
 * Refuses (`USAGE_ERROR`) to replace an existing key set unless `force`.
 *
 * @example
 * ```ts
 * await writeKeySet('/tmp/keys', generateTestKeySet({ mchid: '1900016681' }));
 * ```
 */
export async function writeKeySet(dir: string, keys: TestKeySet, options: WriteKeySetOptions = {}): Promise<void> {
  const parent = dirname(dir);
  const targetExists = await exists(dir);
  if (targetExists) {
    const info = await stat(dir);
    if (!info.isDirectory()) throw usageError(`--out ${dir} exists and is not a folder`, { flag: '--out' });
    const present = [];
    for (const entry of ENTRIES) if (await exists(join(dir, entry))) present.push(entry);
    if (present.length > 0 && options.force !== true) {
      throw usageError(`--out ${dir} already holds a key set (${present.join(', ')}); pass --force to replace it`, {
        flag: '--out',
        present,
      });
    }
  }
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw new CliError('INPUT_UNREADABLE', `--out: cannot create ${parent}`, { cause: error, detail: { flag: '--out' } });
  }
  const staging = await mkdtemp(join(parent, `.${basename(dir)}.keygen-`));
  try {
    await stage(staging, keys);
    if (targetExists) await swapInto(dir, staging, parent);
    else await rename(staging, dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
