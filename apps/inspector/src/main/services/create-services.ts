/**
 * Wires the inspector's services together. Plain modules, no Electron import: the same services serve the
 * desktop app (IPC), browser mode (the bridge server) and the tests.
 */
import { BACKUP_HOST, NOTIFY_PATH, PRIMARY_HOST } from '@auditnotify/core';
import type { AppInfo } from '../../shared/api.js';
import { createKeyJobRunner, type KeyJobRunner } from '../key-worker/key-worker-client.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectionService, type CollectionService } from './collection-service.js';
import { createComposeService, type ComposeService } from './compose-service.js';
import { createDecodeService, type DecodeService } from './decode-service.js';
import { createHistoryStore, type HistoryStore } from './history-store.js';
import { isInspectorError } from './errors.js';
import { createKeyStore, type KeyStore } from './key-store.js';
import { createProfileStore, type ProfileStore } from './profile-store.js';
import { createReceiverService, type ReceiverService } from './receiver-service.js';
import { createSendService, type SendService } from './send-service.js';

/**
 * Options of {@link createServices}.
 *
 * @example
 * ```ts
 * const options: ServicesOptions = { dataDir, mode: 'electron', version: app.getVersion(), seedKeys: true };
 * ```
 */
export interface ServicesOptions {
  /** Where keys and history are kept; `undefined` keeps everything in memory (tests). */
  dataDir?: string;
  mode: AppInfo['mode'];
  version: string;
  locale?: string;
  /** Generate a test key set when the store is empty (first start works with nothing configured). */
  seedKeys?: boolean;
  fetch?: typeof fetch;
  /**
   * The built key worker (`dist/main/key-worker.cjs`): PKCS#12 files and the key doctor run there, off the
   * thread that answers the UI and the local receiver. Without it they run on the calling thread (tests).
   */
  keyWorkerScript?: string;
}

/**
 * Every service of the inspector.
 *
 * @example
 * ```ts
 * const services: Services = createServices(options);
 * await services.close();
 * ```
 */
export interface Services {
  keys: KeyStore;
  /** Runs the slow key work (PKCS#12, key doctor) in the key worker. */
  keyJobs: KeyJobRunner;
  history: HistoryStore;
  compose: ComposeService;
  send: SendService;
  decode: DecodeService;
  receiver: ReceiverService;
  /** Saved requests in a collection folder (docs/collections.md). */
  collection: CollectionService;
  /** Named sets of key, mchid, target and answer keys; the chosen one pins the receiver's port. */
  profiles: ProfileStore;
  info(): AppInfo;
  /**
   * Starts the local receiver at start-up. A taken pinned port does not stop the app: the receiver stays
   * stopped and its status carries the `RECEIVER_PORT_IN_USE` error for the UI.
   */
  startReceiver(): Promise<void>;
  /** Stops the local receiver. */
  close(): Promise<void>;
}

/**
 * Creates the services.
 *
 * @example
 * ```ts
 * const services = createServices({ dataDir, mode: 'browser', version: '0.1.0', seedKeys: true });
 * await services.receiver.start();
 * ```
 */
export function createServices(options: ServicesOptions): Services {
  const keyJobs = createKeyJobRunner(options.keyWorkerScript);
  const keys = createKeyStore({ ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }), keyJobs });
  if (options.seedKeys && keys.list().length === 0) keys.generate();
  const history = createHistoryStore({ ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }) });
  const profiles = createProfileStore({ keys, ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }) });
  const receiver = createReceiverService({ keys, history, profiles });
  const send = createSendService({
    keys,
    history,
    productionReason: (keyIds) => profiles.productionReason(keyIds),
    localReceiverUrl: () => receiver.ensureUrl(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const decode = createDecodeService({ keys, recordedRequest: (id) => receiver.rawRequest(id) });
  return {
    keys,
    keyJobs,
    history,
    compose: createComposeService(),
    send,
    decode,
    receiver,
    // Without a data directory (tests) the default collection is a folder of this process under the temp dir.
    collection: createCollectionService({ defaultDir: join(options.dataDir ?? join(tmpdir(), `auditnotify-inspector-${process.pid}`), 'collection') }),
    profiles,
    startReceiver: async () => {
      try {
        await receiver.start();
      } catch (error) {
        if (!isInspectorError(error, 'RECEIVER_PORT_IN_USE')) throw error;
      }
    },
    info: () => ({
      name: '@auditnotify/inspector',
      version: options.version,
      mode: options.mode,
      locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
      platform: process.platform,
      notifyPath: NOTIFY_PATH,
      primaryHost: PRIMARY_HOST,
      backupHost: BACKUP_HOST,
      dataDir: options.dataDir ?? '(memory)',
    }),
    close: async () => {
      await receiver.stop();
    },
  };
}
