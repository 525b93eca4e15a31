import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // The suites start redis-server, receivers and worker processes: one file at a time on a small machine.
    fileParallelism: false,
  },
});
