import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A guard, not an assertion: Bun, Deno and workerd run in their own processes and every function option
    // of a case is a call back into the test process (the 201-request case makes over 600 of them), which on a
    // busy shared machine takes far longer than in process.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
