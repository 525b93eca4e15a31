import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../src/main/window-options.js';

describe('createWindowOptions', () => {
  it('keeps every security setting of the window locked down (any weakening fails here)', () => {
    const { webPreferences } = createWindowOptions('/app/dist/preload/preload.cjs');
    expect(webPreferences).toStrictEqual({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('returns a fresh object each time so no caller can weaken another window', () => {
    const first = createWindowOptions('a');
    (first.webPreferences as { sandbox: boolean }).sandbox = false;
    expect(createWindowOptions('a').webPreferences.sandbox).toBe(true);
  });
});
