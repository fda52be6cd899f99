import { defineConfig } from 'vitest/config';

// The fault suite (`npm run test:faults`): every provider fault against every adapter, a SIGKILL loop over
// polls and manual edits, a full disk on a small tmpfs, and property tests. Each test is bounded in count
// and in time and stops by itself. The CLI is compiled once first, as for the unit suite.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/helpers/build-cli.ts'],
    setupFiles: ['tests/faults/fixed-seed.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
