import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { devCspPlugin } from './vite.renderer.config.js';

const root = import.meta.dirname;

/**
 * out/main/index.js (ESM, like package.json), out/preload/index.cjs, out/renderer/ (the same folder the
 * plain renderer build writes, which `spendbar serve` also serves).
 */
export default defineConfig({
  main: {
    build: {
      // Dependencies stay in node_modules and load at run time: the native @napi-rs/keyring cannot be
      // bundled, and the others need not be.
      externalizeDeps: true,
      rolldownOptions: { input: { index: resolve(root, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but 'electron': bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), devCspPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves builds unminified by default; the popover should load as fast as the browser one.
      minify: true,
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
