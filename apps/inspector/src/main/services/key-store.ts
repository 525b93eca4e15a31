/**
 * The key store: the only place private keys live (design.md, dependency rules: the renderer never holds a
 * private key). Keys are loaded once into core handles (the fast path of the crypto engine) and persisted as
 * PEM in `keys.json` of the app data directory, written atomically with mode 0600.
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  assertKeyMatchesCertificate,
  generateTestKeySet,
  keyMatchesCertificate,
  loadCertificate,
  loadPkcs12,
  loadPrivateKey,
  loadPublicKey,
  type CertificateInfo,
  type PrivateKeyHandle,
  type PublicKeyHandle,
} from '@auditnotify/core';
import type { BytesInput, CertificateSummary, KeyRole, KeySummary } from '../../shared/api.js';
import { readJsonFile, writeFileAtomic } from './atomic-file.js';
import { bytesOf } from './bytes.js';
import { fail } from './errors.js';

/**
 * A stored key with its loaded handles (main process only).
 *
 * @example
 * ```ts
 * const key: LoadedKey = store.get('k_1');
 * key.publicKey.fingerprint;
 * ```
 */
export interface LoadedKey {
  summary: KeySummary;
  privateKey?: PrivateKeyHandle;
  publicKey: PublicKeyHandle;
  certificate?: CertificateInfo;
}

/**
 * What `keys.import` gives the store (already validated by the shared schema).
 *
 * @example
 * ```ts
 * const input: KeyImport = { role: 'merchant', mchid: '1900016681', pkcs12: { base64 }, password: '1900016681' };
 * ```
 */
export interface KeyImport {
  role: KeyRole;
  label?: string;
  keyId?: string;
  mchid?: string;
  privateKey?: BytesInput;
  certificate?: BytesInput;
  publicKey?: BytesInput;
  pkcs12?: BytesInput;
  password?: string;
}

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
  import(input: KeyImport): KeySummary;
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

interface StoredKey {
  id: string;
  role: KeyRole;
  keyId: string;
  mchid?: string;
  label: string;
  source: KeySummary['source'];
  createdAt: string;
  privateKeyPem?: string;
  publicKeyPem: string;
  certificatePem?: string;
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
export function createKeyStore(options: { dataDir?: string }): KeyStore {
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, FILE);
  const keys = new Map<string, { stored: StoredKey; loaded: LoadedKey }>();
  const listeners = new Set<() => void>();

  for (const stored of (path ? readJsonFile<{ keys: StoredKey[] }>(path)?.keys : undefined) ?? []) {
    keys.set(stored.id, { stored, loaded: loadStored(stored) });
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
    const loaded = loadStored(stored);
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
        id: newId(),
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
        id: newId(),
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
    import(input) {
      const stored = importToStored(input);
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

function newId(): string {
  return `k_${randomBytes(6).toString('hex')}`;
}

function publicPemOf(handle: PublicKeyHandle): string {
  return handle.keyObject.export({ type: 'spki', format: 'pem' }).toString();
}

function importToStored(input: KeyImport): StoredKey {
  let privateKey: PrivateKeyHandle | undefined;
  let certificate: CertificateInfo | undefined;
  let publicKey: PublicKeyHandle | undefined;
  let source: KeySummary['source'];

  if (input.pkcs12) {
    // protocol.md §5: the PKCS#12 password is the mchid unless the integrator changed it.
    const p12 = loadPkcs12(bytesOf(input.pkcs12), input.password ?? input.mchid ?? '');
    privateKey = p12.privateKey;
    certificate = p12.certificate;
    source = 'pkcs12';
  }
  if (input.privateKey) {
    privateKey = loadPrivateKey(keyInput(input.privateKey), input.password === undefined ? {} : { password: input.password });
  }
  if (input.certificate) certificate = loadCertificate(keyInput(input.certificate));
  if (input.publicKey) publicKey = loadPublicKey(keyInput(input.publicKey));
  if (privateKey && certificate) assertKeyMatchesCertificate(privateKey, certificate);
  if (privateKey && publicKey && !keyMatchesCertificate(privateKey, publicKey)) {
    fail('KEY_CERT_MISMATCH', 'The private key does not belong to the public key given with it.');
  }
  source ??= privateKey ? (privateKey.source === 'generated' ? 'pkcs8' : privateKey.source) : certificate ? 'certificate' : 'public-key';

  const publicHandle =
    certificate?.publicKey ?? publicKey ?? (privateKey ? loadPublicKey(createPublicKey(privateKey.keyObject).export({ type: 'spki', format: 'pem' }).toString()) : undefined);
  if (!publicHandle) fail('INVALID_INPUT', 'Give a private key, certificate, public key or PKCS#12 file.');

  const keyId = input.keyId ?? certificate?.serialNo;
  if (!keyId) {
    fail('INVALID_INPUT', input.role === 'merchant' ? 'Give keyId (the certificate serial_no) or the certificate.' : 'Give keyId: the PUB_KEY_ID_… of this public key.', {
      field: 'keyId',
    });
  }
  if (input.role === 'merchant' && !input.mchid) fail('INVALID_INPUT', 'A merchant key needs its mchid (商户号).', { field: 'mchid' });

  return {
    id: newId(),
    role: input.role,
    keyId,
    ...(input.mchid ? { mchid: input.mchid } : {}),
    label: input.label ?? (input.role === 'merchant' ? `Merchant ${input.mchid ?? ''}`.trim() : keyId),
    source,
    createdAt: new Date().toISOString(),
    ...(privateKey ? { privateKeyPem: privateKey.keyObject.export({ type: 'pkcs8', format: 'pem' }).toString() } : {}),
    publicKeyPem: publicPemOf(publicHandle),
    ...(certificate ? { certificatePem: certificate.pem } : {}),
  };
}

function keyInput(input: BytesInput): string | Uint8Array {
  return 'text' in input ? input.text : bytesOf(input);
}

function loadStored(stored: StoredKey): LoadedKey {
  const privateKey = stored.privateKeyPem ? loadPrivateKey(stored.privateKeyPem) : undefined;
  const certificate = stored.certificatePem ? loadCertificate(stored.certificatePem) : undefined;
  const publicKey = certificate?.publicKey ?? loadPublicKey(stored.publicKeyPem);
  const summary: KeySummary = {
    id: stored.id,
    role: stored.role,
    keyId: stored.keyId,
    ...(stored.mchid ? { mchid: stored.mchid } : {}),
    label: stored.label,
    hasPrivateKey: privateKey !== undefined,
    hasPublicKey: true,
    bits: publicKey.bits,
    fingerprint: publicKey.fingerprint,
    source: stored.source,
    ...(certificate ? { certificate: certificateSummary(certificate) } : {}),
    createdAt: stored.createdAt,
  };
  return { summary, publicKey, ...(privateKey ? { privateKey } : {}), ...(certificate ? { certificate } : {}) };
}

function certificateSummary(cert: CertificateInfo): CertificateSummary {
  return {
    serialNo: cert.serialNo,
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    expired: cert.notAfter.getTime() < Date.now(),
  };
}
