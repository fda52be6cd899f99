/** The service end to end on real files, a fake provider and an in-memory keychain: one file, one setup. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../../../tests/fakes/openrouter-fake.js';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';
import { SpendbarService } from './service.js';

const key = 'sk-or-v1-service-test-secret-42';
let fake: OpenRouterFake;
let dataDir: string;
let now: Date;

function service(env: NodeJS.ProcessEnv = { OPENROUTER_API_KEY: key, SPENDBAR_OPENROUTER_BASE_URL: fake.url }) {
  return new SpendbarService({
    dataDir,
    env,
    secrets: new MemorySecretStore(),
    http: createHttpClient({ maxRetries: 0, totalTimeoutMs: 2000 }),
    now: () => now,
  });
}

beforeEach(async () => {
  fake = await startOpenRouterFake();
  dataDir = mkdtempSync(join(tmpdir(), 'spendbar-service-'));
  now = new Date('2026-11-21T10:00:00Z');
});
afterEach(async () => {
  await fake.close();
});

describe('polling', () => {
  it('stores what a poll returned and shows it', async () => {
    const spendbar = service();
    await spendbar.poll();
    const overview = await spendbar.overview();
    const account = overview.accounts.find((item) => item.id === 'openrouter:env')!;
    expect(account.status).toBe('ok');
    expect(account.balance).toEqual({ amount: '74.75', currency: 'USD', confidence: 'official' });
    // OpenRouter gives no daily buckets: the month-end goes at the month's pace, 12.50 over 20.4 days.
    expect(overview.totals).toEqual([
      {
        currency: 'USD',
        monthToDate: '12.50',
        byConfidence: { official: '12.50', estimated: '0.00', manual: '0.00' },
        monthEnd: { amount: '18.37', currency: 'USD', kind: 'projection', rateDays: 20.4 },
      },
    ]);
  });

  it('keeps the last good figures, marked stale with the reason, when a poll fails', async () => {
    const spendbar = service();
    await spendbar.poll();
    fake.set({ down: true });
    now = new Date('2026-11-21T12:00:00Z');
    await spendbar.poll();
    const account = (await spendbar.overview()).accounts[0]!;
    expect(account.status).toBe('stale');
    expect(account.balance?.amount).toBe('74.75');
    expect(account.updatedAt).toBe('2026-11-21T10:00:00.000Z');
    expect(account.error?.kind).toBe('provider-unavailable');
  });

  it('says error (not stale) when no poll of this month ever succeeded', async () => {
    fake.set({ down: true });
    const spendbar = service();
    await spendbar.poll();
    const account = (await spendbar.overview()).accounts[0]!;
    expect(account.status).toBe('error');
    expect(account.monthToDate).toBeNull();
    expect(account.balance).toBeNull();
  });

  it('marks an account without its key as unconfigured and says how to set it', async () => {
    const spendbar = service({ SPENDBAR_OPENROUTER_BASE_URL: fake.url });
    await spendbar.addAccount('openrouter', 'work');
    await spendbar.poll();
    const account = (await spendbar.overview()).accounts.find((item) => item.id === 'openrouter:work')!;
    expect(account.status).toBe('unconfigured');
    expect(account.error?.kind).toBe('missing-credential');
    expect(account.error?.message).toMatch(/spendbar keys set openrouter --account "work"|OPENROUTER_API_KEY/);
    expect(fake.requests).toHaveLength(0);
  });

  it('never lends the environment key to a named account, so nothing is counted twice', async () => {
    const spendbar = service();
    await spendbar.addAccount('openrouter', 'work', { baseUrl: fake.url });
    await spendbar.poll();
    const overview = await spendbar.overview();
    expect(overview.accounts.map((account) => [account.id, account.status])).toEqual([
      ['openrouter:env', 'ok'],
      ['openrouter:work', 'unconfigured'],
    ]);
    expect(overview.totals[0]?.monthToDate).toBe('12.50');
  });

  it('rewrites only the current month of the polled account', async () => {
    const spendbar = service();
    await spendbar.poll({ month: '2026-10' });
    const october = join(dataDir, 'history', 'openrouter--env', '2026-10.json');
    const before = statSync(october).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await spendbar.poll();
    expect(statSync(october).mtimeMs).toBe(before);
    expect(existsSync(join(dataDir, 'history', 'openrouter--env', '2026-11.json'))).toBe(true);
  });

  it('never writes the key to disk, even when the provider echoes it in an error', async () => {
    fake.set({ down: true });
    const spendbar = service();
    await spendbar.poll();
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files) expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(key);
  });
});

describe('overview cost', () => {
  it('asks the keychain once per account, not on every overview, until a key changes', async () => {
    const secrets = new MemorySecretStore();
    let lookups = 0;
    const counting = { ...secrets, get: async (id: string, name: string) => (lookups++, secrets.get(id, name)), set: secrets.set.bind(secrets), delete: secrets.delete.bind(secrets) };
    const spendbar = new SpendbarService({ dataDir, env: {}, secrets: counting, http: createHttpClient({ maxRetries: 0 }), now: () => now });
    await spendbar.addAccount('openrouter', 'work', { baseUrl: fake.url });
    // Adding it looked once for a stored key a new base URL would redirect; overviews are what is counted.
    lookups = 0;
    for (let index = 0; index < 5; index += 1) await spendbar.overview();
    expect(lookups).toBe(1);
    await spendbar.setKey('openrouter', 'work', 'sk-or-v1-later');
    expect((await spendbar.overview()).accounts[0]!.status).not.toBe('unconfigured');
  });

  it('sees what another process polled, even with parsed history remembered', async () => {
    const writer = service();
    const reader = service();
    await writer.poll();
    expect((await reader.overview()).accounts[0]!.balance?.amount).toBe('74.75');
    fake.set({ totalUsage: 50.5 });
    now = new Date('2026-11-21T11:00:00Z');
    await writer.poll();
    expect((await reader.overview()).accounts[0]!.balance?.amount).toBe('50.00');
  });
});

describe('manual entries', () => {
  it('add to the month-to-date and estimate a balance for a manual provider', async () => {
    const spendbar = service();
    await spendbar.poll();
    await spendbar.addEntry({ provider: 'groq', kind: 'topup', amount: '25', date: '2026-11-01' });
    await spendbar.addEntry({ provider: 'groq', kind: 'spend', amount: '3.20', date: '2026-11-02' });
    const overview = await spendbar.overview();
    const groq = overview.accounts.find((item) => item.id === 'groq:default')!;
    expect(groq.monthToDate).toEqual({ amount: '3.20', currency: 'USD', confidence: 'manual' });
    expect(groq.balance).toEqual({ amount: '21.80', currency: 'USD', confidence: 'estimated' });
    expect(overview.totals[0]).toMatchObject({ monthToDate: '15.70', byConfidence: { official: '12.50', manual: '3.20' } });
  });

  it('measures manual burn from when the ledger starts, not from the first spend entry', async () => {
    const spendbar = service();
    await spendbar.addEntry({ provider: 'groq', kind: 'topup', amount: '25', date: '2026-11-01' });
    await spendbar.addEntry({ provider: 'groq', kind: 'spend', amount: '6.40', date: '2026-11-21' });
    const groq = (await spendbar.overview()).accounts.find((item) => item.id === 'groq:default')!;
    // 6.40 over the last 7 days is about 1.00 a day, so 18.60 lasts about 18 days, not 2.9.
    expect(groq.runway?.days).toBeGreaterThan(17);
    expect(groq.runway?.days).toBeLessThan(20);
  });

  it.each([
    [{ kind: 'topup', amount: '-5' }, /positive/],
    [{ kind: 'spend', amount: 'abc' }, /not an amount/],
    [{ kind: 'spend', amount: 'NaN' }, /not an amount/],
    [{ kind: 'spend', amount: '1e309' }, /not an amount/],
    [{ kind: 'spend', amount: '123456789012345678' }, /too large/],
    [{ kind: 'spend', amount: '1', currency: 'ABC' }, /Unknown currency/],
    [{ kind: 'spend', amount: '1', date: '2026-02-29' }, /not a date/],
    [{ kind: 'spend', amount: '1', date: '2027-01-01' }, /future/],
  ] as const)('refuses %j with a clear message and stores nothing', async (input, message) => {
    const spendbar = service();
    await expect(spendbar.addEntry({ provider: 'groq', ...input })).rejects.toThrow(message);
    expect(spendbar.listEntries()).toEqual([]);
  });

  it('refuses a spend entry for a provider that reports spend itself', async () => {
    await expect(service().addEntry({ provider: 'openrouter', kind: 'spend', amount: '1' })).rejects.toThrow(/count it twice/);
  });

  it('edits, deletes and restores an entry', async () => {
    const spendbar = service();
    const entry = await spendbar.addEntry({ provider: 'perplexity', kind: 'spend', amount: '5', date: '2026-11-03', note: 'api' });
    const edited = await spendbar.updateEntry(entry.id, { amount: '6.5' });
    expect(edited).toMatchObject({ id: entry.id, amount: '6.50', note: 'api' });
    const removed = await spendbar.deleteEntry(entry.id);
    expect(spendbar.listEntries()).toEqual([]);
    await spendbar.restoreEntry(removed);
    expect(spendbar.listEntries()).toEqual([edited]);
    await expect(spendbar.updateEntry(entry.id, { amount: '-1' })).rejects.toThrow(/positive/);
    expect(spendbar.listEntries()[0]!.amount).toBe('6.50');
  });

  it('loses no entry when two processes add at the same time', async () => {
    const first = service();
    const second = service();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).addEntry({ provider: 'groq', kind: 'spend', amount: `${index + 1}`, date: '2026-11-05' })),
    );
    expect(first.listEntries()).toHaveLength(20);
  });
});

describe('damaged files', () => {
  it('moves a corrupt settings file aside, says so, and starts', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{"accounts": [oops');
    const spendbar = service();
    expect(spendbar.warnings.join(' ')).toMatch(/settings\.json could not be read.*moved aside to settings\.json\.corrupt-/);
    expect(readdirSync(dataDir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
    await spendbar.poll();
    expect((await spendbar.overview()).accounts[0]!.status).toBe('ok');
  });

  it('moves a corrupt ledger aside and keeps working', async () => {
    mkdirSync(join(dataDir, 'ledger'), { recursive: true });
    writeFileSync(join(dataDir, 'ledger', 'entries.json'), '{"version":1,"entries":[{"id":1}]}');
    const spendbar = service();
    expect(spendbar.warnings.join(' ')).toMatch(/entries\.json could not be read/);
    await spendbar.addEntry({ provider: 'groq', kind: 'spend', amount: '2', date: '2026-11-05' });
    expect(spendbar.listEntries()).toHaveLength(1);
  });

  it('moves a corrupt history month aside and polls again', async () => {
    const folder = join(dataDir, 'history', 'openrouter--env');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '2026-11.json'), 'not json');
    const spendbar = service();
    await spendbar.poll();
    expect(spendbar.warnings.join(' ')).toMatch(/2026-11\.json could not be read/);
    expect((await spendbar.overview()).accounts[0]!.balance?.amount).toBe('74.75');
  });
});

describe('accounts from settings', () => {
  it('tests a typed key with one real poll and stores nothing', async () => {
    const spendbar = service({});
    const result = await spendbar.testConnection({ provider: 'openrouter', account: 'work', credentials: { apiKey: 'sk-or-v1-typed' }, settings: { baseUrl: fake.url } });
    expect(result.ok).toBe(true);
    expect(result.account?.balance?.amount).toBe('74.75');
    expect(spendbar.accounts()).toEqual([]);
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer sk-or-v1-typed');
  });

  it('does not save a key that fails the connection test', async () => {
    const secrets = new MemorySecretStore();
    fake.set({ down: true });
    const spendbar = new SpendbarService({ dataDir, env: {}, secrets, http: createHttpClient({ maxRetries: 0 }), now: () => now });
    await expect(
      spendbar.saveAccount({ provider: 'openrouter', account: 'work', credentials: { apiKey: 'sk-or-v1-bad' }, settings: { baseUrl: fake.url } }),
    ).rejects.toThrow(/Not saved: OpenRouter is having trouble/);
    expect(await secrets.get('openrouter:work', 'apiKey')).toBeUndefined();
    expect(spendbar.accounts()).toEqual([]);
  });

  it('saves a working key to the keychain, its settings to disk, and its first figures', async () => {
    const secrets = new MemorySecretStore();
    const spendbar = new SpendbarService({ dataDir, env: {}, secrets, http: createHttpClient({ maxRetries: 0 }), now: () => now });
    const id = await spendbar.saveAccount({
      provider: 'openrouter',
      account: 'work',
      credentials: { apiKey: 'sk-or-v1-good' },
      settings: { baseUrl: fake.url },
      intervalMinutes: 30,
      thresholds: { lowBalance: '10', lowRunwayDays: 5 },
    });
    expect(await secrets.get(id, 'apiKey')).toBe('sk-or-v1-good');
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain('sk-or-v1-good');
    const [summary] = await spendbar.accountSummaries();
    expect(summary).toMatchObject({ id: 'openrouter:work', credentialsSet: { apiKey: true }, intervalMinutes: 30, thresholds: { lowBalance: '10.00', lowRunwayDays: 5 } });
    expect((await spendbar.overview()).accounts[0]).toMatchObject({ status: 'ok', balance: { amount: '74.75' } });
    await expect(spendbar.saveAccount({ provider: 'openrouter', account: 'work', intervalMinutes: 0.1 })).rejects.toThrow(/at most every 1 minutes/);
    await expect(spendbar.saveAccount({ provider: 'openrouter', account: 'work', thresholds: { lowBalance: 'lots' } })).rejects.toThrow(/not an amount/);
    expect(await spendbar.removeAccountById(id)).toBe(true);
    expect(await secrets.get(id, 'apiKey')).toBeUndefined();
  });

  it('keeps budgets exact and refuses bad ones', async () => {
    const spendbar = service();
    expect(await spendbar.setPreferences({ monthlyBudget: { usd: '500' } })).toEqual({
      launchAtLogin: false,
      monthlyBudget: { USD: '500.00' },
      // Issue 13's preferences, at their defaults.
      displayCurrency: null,
      userRates: {},
      ratesRefresh: false,
      trayTitle: { format: 'total', precision: 'cents' },
      shortcut: null,
      otlpReceiver: { enabled: false, port: 4318 },
    });
    await expect(spendbar.setPreferences({ monthlyBudget: { USD: '-1' } })).rejects.toThrow(/negative/);
    expect(spendbar.preferences().monthlyBudget).toEqual({ USD: '500.00' });
  });
});
