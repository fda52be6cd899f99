#!/usr/bin/env node
// Thin launcher: `npm run build:cli` (run by `prepare` on install) compiles the CLI to out/node and bundles
// it into out/node/bundle (one file loads much faster than hundreds of modules); this runs the bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/node/bundle/spendbar.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('Spendbar is not built yet: run `npm install` (or `npm run build:cli`) in the checkout first.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
