/**
 * Browser mode: where no Electron binary is installed, the same UI is served on 127.0.0.1 with the bridge
 * server standing in for the preload API. First start works with nothing configured: a test key set is
 * generated and the local receiver is running.
 */
import { createApiHandlers } from './api-handlers.js';
import { startBridgeServer, type BridgeServer } from './bridge-server.js';
import { createServices, type Services } from './services/create-services.js';

/**
 * Options of {@link startBrowserMode}.
 *
 * @example
 * ```ts
 * const options: BrowserModeOptions = { port: 5178, dataDir, rendererDir: 'dist/renderer', version: '0.1.0' };
 * ```
 */
export interface BrowserModeOptions {
  /** Port of the page and bridge; 0 picks a free one. */
  port: number;
  /** Where keys and history are kept. */
  dataDir: string;
  rendererDir: string;
  version: string;
  locale?: string;
  /** The built key worker (`dist/main/key-worker.cjs`), see `ServicesOptions.keyWorkerScript`. */
  keyWorkerScript?: string;
}

/**
 * A running browser-mode inspector.
 *
 * @example
 * ```ts
 * const inspector: BrowserModeHandle = await startBrowserMode(options);
 * console.log(inspector.openUrl);
 * ```
 */
export interface BrowserModeHandle {
  /** URL to open, with the token in the fragment (never sent to a server, never logged by one). */
  openUrl: string;
  bridge: BridgeServer;
  services: Services;
  close(): Promise<void>;
}

/**
 * Starts browser mode.
 *
 * @example
 * ```ts
 * const inspector = await startBrowserMode({ port: 0, dataDir, rendererDir, version: '0.1.0' });
 * console.log(`inspector: ${inspector.openUrl}`);
 * ```
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeHandle> {
  const services = createServices({
    dataDir: options.dataDir,
    mode: 'browser',
    version: options.version,
    ...(options.locale ? { locale: options.locale } : {}),
    seedKeys: true,
    ...(options.keyWorkerScript ? { keyWorkerScript: options.keyWorkerScript } : {}),
  });
  await services.startReceiver();
  let bridge: BridgeServer;
  try {
    bridge = await startBridgeServer({ handlers: createApiHandlers(services), rendererDir: options.rendererDir, port: options.port });
  } catch (error) {
    await services.close();
    throw error;
  }
  return {
    openUrl: `${bridge.url}#token=${bridge.token}`,
    bridge,
    services,
    close: async () => {
      await bridge.close();
      await services.close();
    },
  };
}
