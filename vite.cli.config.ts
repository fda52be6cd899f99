import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Bundles the CLI (`npm run build:cli`, after tsc) into out/node/bundle, the code bin/spendbar.js runs.
 * Loading ~250 small ES modules (ours and zod's) was most of `spendbar status`'s start-up time; one
 * file loads in a fraction of it. Commands loaded on demand (serve, mcp, track) stay separate chunks.
 * Packages with native code, CommonJS or large data stay external and are loaded lazily where used;
 * zod and decimal.js, needed by every command, are bundled in.
 */
const BUNDLED = ['zod', 'decimal.js'];

export default defineConfig({
  logLevel: 'warn',
  ssr: { noExternal: BUNDLED },
  build: {
    ssr: fileURLToPath(new URL('./src/cli/main.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('./out/node/bundle', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: { entryFileNames: 'spendbar.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
