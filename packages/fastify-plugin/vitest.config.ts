import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A guard, not an assertion: the 201-request case and starting the README example under tsx take far
    // longer than usual on a busy shared machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
