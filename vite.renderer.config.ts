import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rollup } from 'vite';

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

/**
 * The entry (main.tsx) loads the popover (app.tsx) with a dynamic import, after starting the first
 * overview request. A modulepreload link for that chunk and everything it imports lets the browser fetch
 * and compile them while the entry runs, instead of only when the import is reached. Lazy views (Settings,
 * the detail view…) are left to load on demand. Exported for electron.vite.config.ts, so both builds
 * split and preload alike.
 */
export function preloadAppPlugin(appModule = 'app.tsx'): Plugin {
  return {
    name: 'spendbar:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((output): output is Rollup.OutputChunk => output.type === 'chunk');
        const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(`/${appModule}`));
        if (!app) throw new Error(`preloadAppPlugin: no chunk for ${appModule}; is it still imported with import()?`);
        const entry = context.chunk?.fileName;
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (fileName === entry || files.has(fileName)) return;
          files.add(fileName);
          const output = bundle[fileName];
          if (output?.type === 'chunk') output.imports.forEach(visit);
        };
        visit(app.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

// Builds the popover for `spendbar serve` (and checks it on its own); Electron builds it via electron-vite.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react(), devCspPlugin(), preloadAppPlugin()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
  },
});
