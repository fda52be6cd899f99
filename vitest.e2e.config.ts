import { defineConfig } from 'vitest/config';

// One Chromium and several `spendbar serve` processes per file: run files one at a time, with generous
// but bounded timeouts (every wait inside the tests is bounded too).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
