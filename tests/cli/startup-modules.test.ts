/**
 * `spendbar status` starts without loading what it does not use: the HTTP client library, the price
 * table, the cloud SDKs, the MCP SDK and the keychain are loaded by the commands that need them, and the
 * CLI runs as one bundled file rather than hundreds of modules. Checked in a child process running the
 * bundle bin/spendbar.js runs, by the modules it loaded: ES modules through a module hook, CommonJS ones
 * through require's cache. The last cases show the check sees a heavy module, of either kind, once loaded.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, repoRoot, tempDataDir } from '../helpers/cli.js';

const HEAVY = ['node_modules/undici/', 'node_modules/@pydantic/genai-prices/', 'node_modules/@aws-sdk/', 'node_modules/google-auth-library/', 'node_modules/@modelcontextprotocol/', 'node_modules/ajv/', 'node_modules/@napi-rs/keyring'];
const BUNDLE = join(repoRoot, 'out', 'node', 'bundle', 'spendbar.js');

// Runs in the module-hooks thread: reports every module URL loaded back to the child's main thread.
const HOOKS = `let port; export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;

interface Loaded {
  /** The heavy packages among the loaded modules. */
  heavy: string[];
  /** How many of the loaded ES modules are files of this repository (outside node_modules). */
  ownFiles: number;
}

/** Runs `main(argv)` of the CLI bundle in a child; what it loaded. */
function modulesLoadedBy(argv: string[], extra = ''): Loaded {
  const script = `
    import { createRequire, register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (url) => urls.push(url));
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: port2 }, transferList: [port2] });
    const { main } = await import(${JSON.stringify(BUNDLE)});
    process.stdout.write = () => true;
    await main(${JSON.stringify(argv)});
    ${extra}
    await new Promise((resolve) => setTimeout(resolve, 200));
    port1.close();
    const loaded = [...urls.map((url) => decodeURIComponent(url)), ...Object.keys(createRequire(import.meta.url).cache)].map((file) => file.replaceAll('\\\\', '/'));
    const own = urls.filter((url) => url.startsWith('file:') && !url.includes('/node_modules/'));
    console.error(JSON.stringify({ heavy: ${JSON.stringify(HEAVY)}.filter((heavy) => loaded.some((file) => file.includes(heavy))), ownFiles: own.length }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: cleanEnv({ SPENDBAR_DATA_DIR: tempDataDir() }), encoding: 'utf8', timeout: 20_000 });
  const line = result.stderr.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Loaded;
}

describe('CLI start-up', () => {
  it('status loads none of the heavy packages, and only a few files of its own', () => {
    const loaded = modulesLoadedBy(['status', '--json']);
    expect(loaded.heavy).toEqual([]);
    // The bundle and its shared chunk, not the ~160 compiled modules it is built from.
    expect(loaded.ownFiles).toBeLessThanOrEqual(3);
  });

  it('entry list and accounts list load none of them either', () => {
    expect(modulesLoadedBy(['entry', 'list']).heavy).toEqual([]);
    expect(modulesLoadedBy(['accounts', 'list']).heavy).toEqual([]);
  });

  it('the check sees CommonJS ones once something uses them (pricing a tracked call loads the price table)', () => {
    const pricing = join(repoRoot, 'out', 'node', 'core', 'tracked', 'pricing.js');
    const loaded = modulesLoadedBy(['status'], `(await import(${JSON.stringify(pricing)})).estimateCost('openai', 'gpt-4o', { inputTokens: 1000, outputTokens: 10 }, new Date());`);
    expect(loaded.heavy).toContain('node_modules/@pydantic/genai-prices/');
  });

  it('the check sees ES modules too (an import of the keychain library)', () => {
    const loaded = modulesLoadedBy(['status'], `await import('@napi-rs/keyring').catch(() => undefined);`);
    expect(loaded.heavy).toEqual(['node_modules/@napi-rs/keyring']);
  });
});
