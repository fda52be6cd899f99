/** scripts/update-rates.mjs: the bundled reference rates rewritten from a downloaded ECB file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

function run(input: string, target: string) {
  return spawnSync(process.execPath, [join(repoRoot, 'scripts', 'update-rates.mjs'), input], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, SPENDBAR_RATES_TARGET: target },
  });
}

describe('scripts/update-rates.mjs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'spendbar-update-rates-'));

  it('writes exactly the bundled file from the ECB file it came from', () => {
    const target = join(folder, 'from-xml.ts');
    const result = run(join(repoRoot, 'src', 'core', 'rates', '__fixtures__', 'eurofxref-daily.xml'), target);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Wrote 30 rates for 2024-06-28');
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(join(repoRoot, 'src', 'core', 'rates', 'bundled-rates.ts'), 'utf8'));
  });

  it('reads the one-day CSV too, with its date', () => {
    const csv = join(folder, 'eurofxref.csv');
    writeFileSync(csv, 'Date, USD, JPY, \n03 December 2026, 1.1612, 180.12, \n');
    const target = join(folder, 'from-csv.ts');
    const result = run(csv, target);
    expect(result.status, result.stderr).toBe(0);
    const written = readFileSync(target, 'utf8');
    expect(written).toContain("date: '2026-12-03'");
    expect(written).toContain("USD: '1.1612'");
    expect(written).toContain("JPY: '180.12'");
  });

  it('refuses a file that is not an ECB rates file and leaves the target alone', () => {
    const page = join(folder, 'error.html');
    writeFileSync(page, '<html>Service unavailable</html>');
    const target = join(folder, 'untouched.ts');
    writeFileSync(target, 'before');
    const result = run(page, target);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no date/);
    expect(readFileSync(target, 'utf8')).toBe('before');
  });
});
