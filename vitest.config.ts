import { defineConfig } from 'vitest/config';

// Unit and integration tests sit beside the code (and CLI tests in tests/cli); the browser end-to-end
// suite has its own config (vitest.e2e.config.ts). The CLI is compiled once first, so CLI tests run the
// same code `npx spendbar` runs.
export default defineConfig({
  test: {
    // tests/electron: the built main process under a stand-in electron module, and the package layout;
    // tests/layers: the layering check.
    include: ['src/**/*.test.{ts,tsx}', 'tests/cli/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/layers/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    globalSetup: ['tests/helpers/build-cli.ts', 'tests/electron/build-app.ts'],
    testTimeout: 20_000,
  },
});
