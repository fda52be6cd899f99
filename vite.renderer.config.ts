import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server needs an inline React Refresh preamble and a websocket, both of which the page's strict
 * CSP forbids; this loosens the CSP for `vite dev` only. Built files keep the strict one.
 * Exported so electron.vite.config.ts can reuse it for `electron-vite dev`.
 */
export function devCspPlugin(): Plugin {
  return {
    name: 'spendbar:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
  };
}

// Builds the popover for `spendbar serve` (and checks it on its own); Electron builds it via electron-vite.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react(), devCspPlugin()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
  },
});
