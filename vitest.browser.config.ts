import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    // The demo council is loaded once for the run; each file serves its own copy.
    globalSetup: ['test/browser/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    // A journey on a loaded 2-core machine (axe at two widths on each page) takes far longer than on a quiet one.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
