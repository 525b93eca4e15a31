import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Renderer build. `base: './'` keeps every asset URL relative so the same `dist/renderer/index.html`
 * loads from `file://` inside Electron and from the browser-mode bridge server.
 *
 * @example
 * // scripts/build.mjs runs: vite build --config vite.config.ts
 */
export default defineConfig({
  root: `${here}src/renderer`,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { port: 5174, strictPort: false },
});
