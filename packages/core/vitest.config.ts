import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run the source: `#runtime` is the Node runtime, as package.json's `source` condition says for tsc.
  resolve: { alias: { '#runtime': fileURLToPath(new URL('./src/runtime/node.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
