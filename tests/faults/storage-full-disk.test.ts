/**
 * A full disk, for real: the data folder on a small tmpfs, filled until writes fail. Every command that
 * writes either lands whole or exits 1 saying the disk is full, and leaves every file byte for byte as it
 * was; once space is freed, everything works again and nothing is lost. Mounting needs root (or a user
 * namespace); where it is refused, the test says so and is skipped.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { runCli } from '../helpers/cli.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'spendbar-full-disk-'));
const dataDir = join(mountPoint, 'data');
const filler = join(mountPoint, 'filler');
let mounted = false;
let skipReason = '';
let fake: OpenRouterFake;

beforeAll(async () => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    skipReason = `mounting a tmpfs is not allowed here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
    console.log(`[storage full disk] SKIPPED: ${skipReason}`);
  }
  fake = await startOpenRouterFake();
});

afterAll(async () => {
  await fake?.close();
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const env = () => ({ OPENROUTER_API_KEY: 'sk-or-v1-full-disk', SPENDBAR_OPENROUTER_BASE_URL: fake.url });
const cli = (args: string[]) => runCli(args, { dataDir, env: env(), timeoutMs: 30_000 });

/** Fills the tmpfs, then frees `leaveBytes` of it again. */
function fill(leaveBytes: number): void {
  const fd = openSync(filler, 'a');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  truncateSync(filler, Math.max(0, statSync(filler).size - leaveBytes));
}

/** Every file of the data folder with its exact content. */
function contents(dir = dataDir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, contents(path));
    else if (name !== '.spendbar.lock') files[path] = readFileSync(path, 'utf8');
  }
  return files;
}

const entry = (index: number) => ({
  id: `seed-${index}`,
  provider: 'groq',
  account: 'default',
  kind: 'spend',
  amount: `${index}.25`,
  currency: 'USD',
  date: '2026-11-02',
  note: `seeded entry number ${index}, long enough to make the ledger bigger than the space left`,
  createdAt: '2026-11-02T10:00:00.000Z',
});

describe('a full disk', () => {
  it('never truncates a file and never reports a failed write as done', async (context) => {
    if (!mounted) return context.skip(skipReason);
    mkdirSync(join(dataDir, 'ledger'), { recursive: true });
    writeFileSync(join(dataDir, 'ledger', 'entries.json'), JSON.stringify({ version: 1, entries: Array.from({ length: 60 }, (_, index) => entry(index)) }, null, 2));
    expect((await cli(['accounts', 'add', 'openrouter', '--account', 'work'])).code).toBe(0);
    expect((await cli(['poll', '--json'])).code).toBe(0);
    expect((await cli(['track', '--provider', 'openai', '--model', 'gpt-4o-mini', '--input-tokens', '100', '--output-tokens', '10'])).code).toBe(0);
    const ledgerBytes = statSync(join(dataDir, 'ledger', 'entries.json')).size;

    const commands: string[][] = [
      ['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '1.50', '--date', '2026-11-03'],
      ['entry', 'delete', 'seed-7'],
      ['accounts', 'add', 'openrouter', '--account', 'second'],
      ['track', '--provider', 'openai', '--model', 'gpt-4o-mini', '--input-tokens', '100', '--output-tokens', '10'],
      ['poll', '--json'],
    ];
    const results: string[] = [];
    for (const [phase, leave] of [['8 KB free', 8192], ['0 bytes free', 0]] as const) {
      fill(leave);
      for (const args of commands) {
        const before = contents();
        const result = await cli(args);
        const after = contents();
        if (result.code === 0) {
          // It fitted: then it landed whole, and every file still reads.
          for (const [path, text] of Object.entries(after)) if (path.endsWith('.json')) expect(() => JSON.parse(text), path).not.toThrow();
          results.push(`${phase}: ${args.slice(0, 2).join(' ')} -> 0 (fitted)`);
        } else {
          expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(1);
          expect(result.stderr).toMatch(/The disk is full: .* was not changed\. Free some space/);
          expect(after).toEqual(before);
          results.push(`${phase}: ${args.slice(0, 2).join(' ')} -> 1 (disk is full)`);
        }
      }
      // The scenario of a ledger bigger than the space left: the add must fail, not truncate.
      if (phase === '8 KB free') expect(results.some((line) => line.startsWith('8 KB free: entry add -> 1'))).toBe(ledgerBytes > 8192);
    }

    rmSync(filler);
    const added = await cli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '2.75', '--date', '2026-11-04']);
    expect(added.code).toBe(0);
    const list = await cli(['entry', 'list', '--json']);
    expect(list.stderr).toBe('');
    const ids = (JSON.parse(list.stdout) as { entries: { id: string }[] }).entries.map((item) => item.id);
    for (let index = 0; index < 60; index++) if (index !== 7 || !results.includes('8 KB free: entry delete -> 0 (fitted)')) expect(ids).toContain(`seed-${index}`);
    expect(ids).toContain(added.stdout.trim());
    const leftovers = Object.keys(contents()).filter((path) => path.includes('.spendbar-tmp-') || path.includes('.corrupt-'));
    expect(leftovers).toEqual([]);
    expect(existsSync(join(dataDir, '.spendbar.lock'))).toBe(false);
    console.log(`[storage full disk] tmpfs 512k, ledger ${ledgerBytes} bytes; ${results.join('; ')}; after freeing space: entry add -> 0, all ${ids.length} entries found, no temporary or set-aside files`);
  });
});
