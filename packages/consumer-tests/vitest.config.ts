import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real processes: npm pack, tsx, tsc and the auditnotify command, on a machine shared with other builds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
