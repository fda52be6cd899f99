/** Vitest global setup: compile the CLI once so tests run the same code `npx spendbar` runs. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildCli(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.cli.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}
