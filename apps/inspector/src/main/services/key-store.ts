/**
 * The key store: the only place private keys live (docs/architecture.md, dependency rules: the renderer never holds a
 * private key). Keys are loaded once into core handles (the fast path of the crypto engine) and persisted as
 * PEM in `keys.json` of the app data directory, written atomically with mode 0600.
 */
import { join } from 'node:path';
import { generateTestKeySet, loadCertificate, type PrivateKeyHandle, type PublicKeyHandle } from '@auditnotify/core';
import type { KeyRole, KeySummary } from '../../shared/api.js';
import { createKeyJobRunner, type KeyJobRunner } from '../key-worker/key-worker-client.js';
import { readJsonFile, writeFileAtomic } from './atomic-file.js';
import { fail } from './errors.js';
import { importKeyMaterial, type KeyImport } from './key-import.js';
import { loadStoredKey, newKeyId, publicPemOf, type LoadedKey, type StoredKey } from './stored-key.js';

export type { KeyImport } from './key-import.js';
export type { LoadedKey } from './stored-key.js';

/**
 * The key store's interface.
 *
 * @example
 * ```ts
 * const store: KeyStore = createKeyStore({ dataDir });
 * store.publicKeys('platform').size;
 * ```
 */
export interface KeyStore {
  list(): KeySummary[];
  get(id: string): LoadedKey;
  generate(options?: { mchid?: string; label?: string }): { merchant: KeySummary; platform: KeySummary };
  /** Stores imported material (a PKCS#12 file is opened off the main thread). */
  import(input: KeyImport): Promise<KeySummary>;
  remove(id: string): boolean;
  /** A merchant key that can sign requests. */
  signer(id: string): LoadedKey & { privateKey: PrivateKeyHandle; mchid: string };
  /** Platform key by store id, or the first platform key. */
  platform(id?: string): LoadedKey | undefined;
  /** Every public key by its key id (`serial_no` or `PUB_KEY_ID_…`): what decode and answer checks try. */
  publicKeys(role?: KeyRole): Map<string, PublicKeyHandle>;
  /** Registers a listener called after every change (the local receiver reloads its keys). */
  onChange(listener: () => void): () => void;
}

const FILE = 'keys.json';

/**
 * Creates a key store persisted in `dataDir` (or in memory when `dataDir` is `undefined`).
 *
 * @example
 * ```ts
 * const store = createKeyStore({ dataDir: app.getPath('userData') });
 * if (store.list().length === 0) store.generate();
 * ```
 */
export function createKeyStore(options: { dataDir?: string; keyJobs?: KeyJobRunner }): KeyStore {
  const keyJobs = options.keyJobs ?? createKeyJobRunner(undefined);
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, FILE);
  const keys = new Map<string, { stored: StoredKey; loaded: LoadedKey }>();
  const listeners = new Set<() => void>();

  for (const stored of (path ? readJsonFile<{ keys: StoredKey[] }>(path)?.keys : undefined) ?? []) {
    keys.set(stored.id, { stored, loaded: loadStoredKey(stored) });
  }

  const persist = (): void => {
    if (path) writeFileAtomic(path, `${JSON.stringify({ version: 1, keys: [...keys.values()].map((k) => k.stored) }, null, 2)}\n`);
    for (const listener of listeners) listener();
  };

  const put = (stored: StoredKey): KeySummary => {
    // One entry per role and key id: importing the same serial again replaces it (key rotation keeps two ids).
    for (const [id, entry] of keys) {
      if (entry.stored.role === stored.role && entry.stored.keyId === stored.keyId) {
        keys.delete(id);
        stored.id = id;
      }
    }
    const loaded = loadStoredKey(stored);
    keys.set(stored.id, { stored, loaded });
    return loaded.summary;
  };

  const get = (id: string): LoadedKey => {
    const entry = keys.get(id);
    if (!entry) fail('NOT_FOUND', `No stored key has the id ${id}.`, { id });
    return entry.loaded;
  };

  return {
    list: () => [...keys.values()].map((k) => k.loaded.summary),
    get,
    generate(opts = {}) {
      const set = generateTestKeySet(opts.mchid ? { mchid: opts.mchid } : {});
      const label = opts.label ?? 'Test key set';
      const createdAt = new Date().toISOString();
      const merchant = put({
        id: newKeyId(),
        role: 'merchant',
        keyId: set.serialNo,
        mchid: set.mchid,
        label,
        source: 'generated',
        createdAt,
        privateKeyPem: set.sender.privateKeyPem,
        publicKeyPem: publicPemOf(loadCertificate(set.sender.certificatePem).publicKey),
        certificatePem: set.sender.certificatePem,
      });
      const platform = put({
        id: newKeyId(),
        role: 'platform',
        keyId: set.wechatpayPublicKeyId,
        label,
        source: 'generated',
        createdAt,
        privateKeyPem: set.receiver.privateKeyPem,
        publicKeyPem: set.receiver.publicKeyPem,
      });
      persist();
      return { merchant, platform };
    },
    async import(input) {
      const stored = await importKeyMaterial(input, keyJobs);
      const summary = put(stored);
      persist();
      return summary;
    },
    remove(id) {
      const removed = keys.delete(id);
      if (removed) persist();
      return removed;
    },
    signer(id) {
      const key = get(id);
      if (key.summary.role !== 'merchant' || !key.privateKey || !key.summary.mchid) {
        fail('KEY_ROLE_MISMATCH', 'Requests are signed with a merchant key that holds its private key and an mchid.', {
          id,
          role: key.summary.role,
          hasPrivateKey: key.summary.hasPrivateKey,
        });
      }
      return { ...key, privateKey: key.privateKey, mchid: key.summary.mchid };
    },
    platform(id) {
      if (id !== undefined) {
        const key = get(id);
        if (key.summary.role !== 'platform') fail('KEY_ROLE_MISMATCH', 'Answers are signed with a platform key (PUB_KEY_ID_…).', { id });
        return key;
      }
      return [...keys.values()].find((k) => k.loaded.summary.role === 'platform')?.loaded;
    },
    publicKeys(role) {
      const map = new Map<string, PublicKeyHandle>();
      for (const { loaded } of keys.values()) {
        if (role === undefined || loaded.summary.role === role) map.set(loaded.summary.keyId, loaded.publicKey);
      }
      return map;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
