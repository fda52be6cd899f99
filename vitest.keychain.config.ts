import { defineConfig } from 'vitest/config';

// Runs inside a private D-Bus session with an unlocked gnome-keyring (tests/keychain/run.sh).
export default defineConfig({
  test: {
    include: ['tests/keychain/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/helpers/build-cli.ts'],
    testTimeout: 30_000,
    fileParallelism: false,
  },
});
