/**
 * `spendbar status` starts without loading what it does not use: the HTTP client library, the price
 * table, the cloud SDKs and the MCP SDK are loaded by the commands that need them. Checked in a child
 * process running the compiled CLI, by the CommonJS modules it loaded (each of these packages is, or
 * pulls in, CommonJS); the last case shows the check sees a heavy module when one is loaded.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, repoRoot, tempDataDir } from '../helpers/cli.js';

const HEAVY = ['node_modules/undici/', 'node_modules/@pydantic/genai-prices/', 'node_modules/@aws-sdk/', 'node_modules/google-auth-library/', 'node_modules/@modelcontextprotocol/', 'node_modules/ajv/'];

/** Runs `main(argv)` of the compiled CLI in a child; the heavy packages found among its loaded modules. */
function heavyModulesLoadedBy(argv: string[], extra = ''): string[] {
  const main = join(repoRoot, 'out', 'node', 'cli', 'main.js');
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(main)});
    process.stdout.write = () => true;
    await main(${JSON.stringify(argv)});
    ${extra}
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.error(JSON.stringify(${JSON.stringify(HEAVY)}.filter((heavy) => loaded.some((file) => file.includes(heavy)))));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: cleanEnv({ SPENDBAR_DATA_DIR: tempDataDir() }), encoding: 'utf8', timeout: 20_000 });
  const line = result.stderr.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as string[];
}

describe('CLI start-up', () => {
  it('status loads none of the heavy packages', () => {
    expect(heavyModulesLoadedBy(['status', '--json'])).toEqual([]);
  });

  it('entry list and accounts list load none of them either', () => {
    expect(heavyModulesLoadedBy(['entry', 'list'])).toEqual([]);
    expect(heavyModulesLoadedBy(['accounts', 'list'])).toEqual([]);
  });

  it('the check sees them once something uses them (pricing a tracked call loads the price table)', () => {
    const pricing = join(repoRoot, 'out', 'node', 'core', 'tracked', 'pricing.js');
    const loaded = heavyModulesLoadedBy(['status'], `(await import(${JSON.stringify(pricing)})).estimateCost('openai', 'gpt-4o', { inputTokens: 1000, outputTokens: 10 }, new Date());`);
    expect(loaded).toContain('node_modules/@pydantic/genai-prices/');
  });
});
