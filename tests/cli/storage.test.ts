/** The data folder as a user meets it through the CLI: damaged files, odd figures, locks, stops. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { cleanEnv, repoRoot, runCli, tempDataDir } from '../helpers/cli.js';

let fake: OpenRouterFake;
beforeAll(async () => {
  fake = await startOpenRouterFake();
});
afterAll(async () => {
  await fake.close();
});
const env = () => ({ OPENROUTER_API_KEY: 'sk-or-v1-storage-test', SPENDBAR_OPENROUTER_BASE_URL: fake.url });

const entry = (id: string, amount: unknown) => ({ id, provider: 'groq', account: 'default', kind: 'spend', amount, currency: 'USD', date: '2026-11-02', note: '', createdAt: '2026-11-02T10:00:00.000Z' });

describe('a damaged ledger', () => {
  it('is reported by every command, entry list included, for as long as the set-aside file waits', async () => {
    const dataDir = tempDataDir();
    mkdirSync(join(dataDir, 'ledger'));
    writeFileSync(join(dataDir, 'ledger', 'entries.json'), '{"version": 1, "entries": [garbage');
    for (const args of [['entry', 'list'], ['entry', 'list', '--json'], ['accounts', 'list'], ['status']]) {
      const result = await runCli(args, { dataDir });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/ledger\/entries\.json could not be read.*moved aside to ledger\/entries\.json\.corrupt-\S+ in \//);
      expect(result.stderr).toMatch(/To get the entries back/);
    }
    const aside = readdirSync(join(dataDir, 'ledger')).find((name) => name.includes('.corrupt-'))!;
    rmSync(join(dataDir, 'ledger', aside));
    expect((await runCli(['entry', 'list'], { dataDir })).stderr).toBe('');
  });

  it('keeps the valid entries when one has the wrong type, and sets aside only that one', async () => {
    const dataDir = tempDataDir();
    mkdirSync(join(dataDir, 'ledger'));
    writeFileSync(join(dataDir, 'ledger', 'entries.json'), JSON.stringify({ version: 1, entries: [entry('good-1', '3.20'), entry('bad', 12), entry('good-2', '1.80')] }));
    const list = await runCli(['entry', 'list', '--json'], { dataDir });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).entries.map((item: { id: string }) => item.id).sort()).toEqual(['good-1', 'good-2']);
    expect(list.stderr).toMatch(/1 record of the wrong shape; the others were kept/);
    const aside = readdirSync(join(dataDir, 'ledger')).find((name) => name.includes('.corrupt-'))!;
    expect(JSON.parse(readFileSync(join(dataDir, 'ledger', aside), 'utf8')).entries).toEqual([entry('bad', 12)]);
    const added = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '1', '--date', '2026-11-03'], { dataDir });
    expect(added.code).toBe(0);
    expect(JSON.parse((await runCli(['entry', 'list', '--json'], { dataDir })).stdout).entries).toHaveLength(3);
  });
});

describe('an amount with more than 12 decimals', () => {
  it('is stored in canonical form, and an odd stored figure costs only that figure', async () => {
    const dataDir = tempDataDir();
    fake.set({ usageMonthly: 13.629999999999999 });
    try {
      const poll = await runCli(['poll', '--json'], { env: env(), dataDir });
      expect(poll.code).toBe(0);
      expect(JSON.parse(poll.stdout).accounts[0].monthToDate.amount).toBe('13.63');
    } finally {
      fake.set({ usageMonthly: 12.5 });
    }
    const [month] = readdirSync(join(dataDir, 'history', 'openrouter--env'));
    const path = join(dataDir, 'history', 'openrouter--env', month!);
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    expect(stored.lastGood.monthToDate.amount).toBe('13.63');

    // A file written by an older version: 15 decimals in one figure, garbage in another.
    stored.lastGood.monthToDate.amount = '13.629999999999999';
    stored.lastGood.balance.amount = 'seventy';
    writeFileSync(path, JSON.stringify(stored));
    const status = await runCli(['status', '--json'], { env: env(), dataDir });
    expect(status.code).toBe(0);
    const account = JSON.parse(status.stdout).accounts[0];
    expect(account.monthToDate.amount).toBe('13.63');
    expect(status.stderr).toMatch(/the balance .*seventy.* could not be read and is left out/);
  });
});

describe('the data folder lock', () => {
  it('is taken over at once when its holder was killed', async () => {
    const dataDir = tempDataDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dataDir, '.spendbar.lock'), JSON.stringify({ pid: dead, host: hostname(), since: new Date().toISOString(), command: 'spendbar.js entry', token: 'x' }));
    const started = Date.now();
    const added = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '2'], { dataDir });
    expect(added.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(join(dataDir, '.spendbar.lock'))).toBe(false);
  });

  it.each(['serve', 'watch'])('is released when %s is stopped with SIGTERM or SIGINT during its first poll, and the exit code is 0', async (command) => {
    for (const [round, signal] of (['SIGTERM', 'SIGINT', 'SIGTERM', 'SIGINT'] as const).entries()) {
      const dataDir = tempDataDir();
      const child = spawn(process.execPath, [join(repoRoot, 'bin', 'spendbar.js'), command], { env: cleanEnv({ SPENDBAR_DATA_DIR: dataDir, ...env() }), stdio: ['ignore', 'pipe', 'pipe'] });
      // The first line comes just before the first poll starts; the stop lands during it or right after.
      await new Promise((resolve) => {
        child.stdout.once('data', resolve);
        child.stderr.once('data', resolve);
      });
      await new Promise((resolve) => setTimeout(resolve, round * 40));
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      expect({ round, code }).toEqual({ round, code: 0 });
      expect(existsSync(join(dataDir, '.spendbar.lock'))).toBe(false);
    }
  });
});
