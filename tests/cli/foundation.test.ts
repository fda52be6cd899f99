/** The command line contract of DESIGN.md, run through the real `spendbar` binary. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

let fake: OpenRouterFake;
beforeAll(async () => {
  fake = await startOpenRouterFake();
});
afterAll(async () => {
  await fake.close();
});

const env = () => ({ OPENROUTER_API_KEY: 'sk-or-v1-cli-test-secret', SPENDBAR_OPENROUTER_BASE_URL: fake.url });

describe('spendbar poll / status', () => {
  it('reports the OpenRouter balance 74.75 USD for credits 100.5 and usage 25.75', async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['poll', '--json'], { env: env(), dataDir });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.month).toMatch(/^\d{4}-\d{2}$/);
    expect(json.alerts).toEqual([]);
    expect(json.accounts).toHaveLength(1);
    expect(json.accounts[0]).toMatchObject({
      provider: 'openrouter',
      account: 'env',
      status: 'ok',
      balance: { amount: '74.75', currency: 'USD', confidence: 'official' },
      balances: [{ amount: '74.75', currency: 'USD', confidence: 'official' }],
      monthToDate: { amount: '12.50', currency: 'USD', confidence: 'official' },
      error: null,
    });
    expect(json.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '12.50' })]);
    expect(result.stdout).not.toContain('sk-or-v1-cli-test-secret');

    const status = await runCli(['status', '--json'], { env: env(), dataDir });
    expect(JSON.parse(status.stdout).accounts[0].balance.amount).toBe('74.75');
  });

  it('keeps the last good figures, stale, when the provider is down', async () => {
    const dataDir = tempDataDir();
    await runCli(['poll', '--json'], { env: env(), dataDir });
    fake.set({ down: true });
    try {
      const result = await runCli(['poll', '--json'], { env: env(), dataDir });
      expect(result.code).toBe(0);
      const account = JSON.parse(result.stdout).accounts[0];
      expect(account.status).toBe('stale');
      expect(account.balance.amount).toBe('74.75');
      expect(account.error.kind).toBe('provider-unavailable');
    } finally {
      fake.set({ down: false });
    }
  });

  it('refuses a malformed month and an unknown provider', async () => {
    const dataDir = tempDataDir();
    expect((await runCli(['poll', '--month', '2026-13'], { env: env(), dataDir })).stderr).toMatch(/not a month/);
    const unknown = await runCli(['poll', '--provider', 'nope'], { env: env(), dataDir });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/Unknown provider "nope"/);
  });
});

describe('spendbar entry', () => {
  it('adds, lists and deletes entries, and the total follows', async () => {
    const dataDir = tempDataDir();
    const added = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '3.20', '--note', 'console', '--json'], { dataDir });
    expect(added.code).toBe(0);
    const { id } = JSON.parse(added.stdout);
    const list = JSON.parse((await runCli(['entry', 'list', '--json'], { dataDir })).stdout);
    expect(list.entries).toEqual([
      { id, provider: 'groq', account: 'default', kind: 'spend', amount: '3.20', currency: 'USD', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), note: 'console', createdAt: expect.any(String) },
    ]);
    const status = JSON.parse((await runCli(['status', '--json'], { dataDir })).stdout);
    expect(status.totals[0]).toMatchObject({ currency: 'USD', monthToDate: '3.20' });
    expect((await runCli(['entry', 'delete', id], { dataDir })).code).toBe(0);
    expect(JSON.parse((await runCli(['entry', 'list', '--json'], { dataDir })).stdout).entries).toEqual([]);
    expect((await runCli(['entry', 'delete', id], { dataDir })).stderr).toMatch(/No entry with id/);
  });

  it.each([
    [['--kind', 'topup', '--amount', '-5'], /positive/],
    [['--kind', 'spend', '--amount', 'abc'], /not an amount/],
    [['--kind', 'spend', '--amount', 'NaN'], /not an amount/],
    [['--kind', 'spend', '--amount', '1e309'], /not an amount/],
    [['--kind', 'spend', '--amount', '100000000000000000000.5'], /too large/],
    [['--kind', 'spend', '--amount', '2', '--currency', 'QQQ'], /Unknown currency/],
    [['--kind', 'spend', '--amount', '2', '--date', '2026-02-30'], /not a date/],
    [['--kind', 'refund', '--amount', '2'], /--kind must be/],
  ])('refuses %j with a clear message, a non-zero exit and nothing stored', async (args, message) => {
    const dataDir = tempDataDir();
    const result = await runCli(['entry', 'add', '--provider', 'groq', ...args], { dataDir });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(JSON.parse((await runCli(['entry', 'list', '--json'], { dataDir })).stdout).entries).toEqual([]);
  });

  it('accepts a zero or negative known balance', async () => {
    const dataDir = tempDataDir();
    expect((await runCli(['entry', 'add', '--provider', 'perplexity', '--kind', 'balance', '--amount', '-1.5'], { dataDir })).code).toBe(0);
    const status = JSON.parse((await runCli(['status', '--json'], { dataDir })).stdout);
    expect(status.accounts[0].balance).toEqual({ amount: '-1.50', currency: 'USD', confidence: 'manual' });
  });
});

describe('spendbar accounts and export', () => {
  it('adds and removes accounts, keeping history', async () => {
    const dataDir = tempDataDir();
    const added = await runCli(['accounts', 'add', 'openrouter', '--account', 'work', '--set', `baseUrl=${fake.url}`], { dataDir });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const list = JSON.parse((await runCli(['accounts', 'list', '--json'], { dataDir })).stdout);
    expect(list.accounts).toEqual([expect.objectContaining({ id: 'openrouter:work', settings: { baseUrl: fake.url } })]);
    expect((await runCli(['accounts', 'add', 'openrouter', '--set', 'baseUrl'], { dataDir })).code).toBe(2);
    expect((await runCli(['accounts', 'add', 'openrouter', '--set', 'baseUrl=ftp://x'], { dataDir })).stderr).toMatch(/not an http/);
  });

  it('exports CSV and JSON without any key', async () => {
    const dataDir = tempDataDir();
    await runCli(['poll'], { env: env(), dataDir });
    await runCli(['entry', 'add', '--provider', 'custom', '--account', 'Replicate', '--kind', 'spend', '--amount', '4', '--note', '=HYPERLINK("x")'], { dataDir });
    const csv = await runCli(['export', '--format', 'csv'], { env: env(), dataDir });
    expect(csv.stdout.split('\r\n')[0]).toBe('record,provider,account,date,kind,amount,currency,confidence,note');
    expect(csv.stdout).toContain('balance,openrouter,env,');
    expect(csv.stdout).toContain(`"'=HYPERLINK(""x"")"`);
    const json = JSON.parse((await runCli(['export', '--format', 'json'], { env: env(), dataDir })).stdout);
    expect(json.entries).toHaveLength(1);
    for (const output of [csv.stdout, JSON.stringify(json)]) expect(output).not.toContain('sk-or-v1-cli-test-secret');
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())) {
      expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain('sk-or-v1-cli-test-secret');
    }
  });

  it('shows usage for an unknown command and exits 2', async () => {
    const result = await runCli(['frobnicate'], { dataDir: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
