/**
 * Vitest global setup: build the CLI once, as `npm run build:cli` does, so tests run the same code
 * `npx spendbar` runs: tsc's per-file output in out/node (which some tests and scripts import), then
 * the bundle in out/node/bundle that bin/spendbar.js loads.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildCli(): void {
  const root = join(import.meta.dirname, '..', '..');
  const run = (script: string, args: string[]): void => {
    execFileSync(process.execPath, [join(root, 'node_modules', ...script.split('/')), ...args], { cwd: root, stdio: 'inherit' });
  };
  run('typescript/bin/tsc', ['-p', join(root, 'tsconfig.cli.json')]);
  run('vite/bin/vite.js', ['build', '--config', join(root, 'vite.cli.config.ts')]);
}
