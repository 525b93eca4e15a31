/**
 * The main window's options. `webPreferences` are the security boundary between the page and the machine
 * (docs/architecture.md, Electron rules): a test reads them back and fails on any weakening.
 */

/**
 * The subset of Electron's `BrowserWindowConstructorOptions` the inspector sets.
 *
 * @example
 * ```ts
 * const options: InspectorWindowOptions = createWindowOptions(preloadPath);
 * options.webPreferences.sandbox; // true
 * ```
 */
export interface InspectorWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    spellcheck: false;
  };
}

/**
 * Options of the inspector's main window.
 *
 * @example
 * ```ts
 * new BrowserWindow(createWindowOptions(join(__dirname, '../preload/preload.cjs')));
 * ```
 */
export function createWindowOptions(preloadPath: string): InspectorWindowOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: 'auditnotify inspector',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      // The page gets only the named API of the preload, in its own JavaScript world.
      contextIsolation: true,
      // The renderer runs in Chromium's OS sandbox; the preload can require only 'electron'.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Dropping a file on the window must not navigate away from the app.
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
