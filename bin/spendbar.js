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
// `serve` and `watch` run for days and poll every few minutes: they are waiting on the network, not
// running hot loops. After a burst of polls the optimizing compiler (TurboFan) left about 11 MiB of its
// work memory in the C allocator's per-thread pools, which are not given back (memory outside V8's heap
// about 23 MiB with it, 12 MiB without, after 1,000 polls), and the polls took the same CPU time without
// it (docs/performance.md). Set before any of Spendbar's code runs; other commands are short and keep it.
if (process.argv[2] === 'serve' || process.argv[2] === 'watch') {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--no-turbofan');
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
