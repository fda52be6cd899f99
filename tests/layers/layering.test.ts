/**
 * The layering check (.dependency-cruiser.cjs) on the real tree passes, and fails when a forbidden import
 * is added: each rule is shown catching one, in a throwaway copy of the folders it names.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const config = join(root, '.dependency-cruiser.cjs');

function cruise(cwd: string, target = 'src'): { ok: boolean; output: string } {
  try {
    const output = execFileSync(depcruise, [target, '--config', config, '--output-type', 'err'], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const sandboxes: string[] = [];
afterAll(() => sandboxes.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A tiny tree with the given files (path -> source), cruised with the project's rules. */
function tree(files: Record<string, string>): { ok: boolean; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'spendbar-layers-'));
  sandboxes.push(folder);
  writeFileSync(join(folder, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowJs: true } }));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), source);
  }
  return cruise(folder);
}

describe('layering', () => {
  it('holds for the project as it is', () => {
    const result = cruise(root);
    expect(result.output).toContain('no dependency violations');
    expect(result.ok).toBe(true);
  });

  it('fails when the engine imports the Electron glue', () => {
    const result = tree({ 'src/core/engine.ts': "import { x } from '../main/glue.js';\nexport const y = x;\n", 'src/main/glue.ts': 'export const x = 1;\n' });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('engine-not-front-ends');
  });

  it('fails on an import cycle', () => {
    const result = tree({
      'src/core/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/core/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-cycles');
  });

  it('fails when an adapter writes to disk or reads the keychain store', () => {
    const result = tree({
      'src/core/providers/acme/acme-provider.ts': "import { writeFileSync } from 'node:fs';\nimport { store } from '../../store/files.js';\nexport const z = [writeFileSync, store];\n",
      'src/core/store/files.ts': 'export const store = 1;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('adapters-not-storage');
    expect(result.output).toMatch(/node:fs|store\/files/);
  });

  it('fails when the renderer reaches past the shared contract', () => {
    const result = tree({
      'src/renderer/view.ts': "import { money } from '../core/money.js';\nexport const v = money;\n",
      'src/core/money.ts': 'export const money = 1;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('renderer-only-shared');
  });
});
