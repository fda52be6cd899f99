import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMistralFake, type MistralFake } from '../fakes/mistral-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const key = 'mistral-admin-test-0000';
let fake: MistralFake;

beforeAll(async () => {
  fake = await startMistralFake(key);
});
afterAll(async () => {
  await fake.close();
});

/** The spend-limit endpoint reports the current month, so the test asks for the month it runs in. */
const currentMonth = new Date().toISOString().slice(0, 7);

async function pollJson(apiKey = key, month = currentMonth) {
  const result = await runCli(['poll', '--json', '--month', month, '--provider', 'mistral'], {
    dataDir: tempDataDir(),
    env: { MISTRAL_API_KEY: apiKey, SPENDBAR_MISTRAL_BASE_URL: fake.url },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider mistral', () => {
  it('reports this month’s total usage as month-to-date, in the organization’s currency', async () => {
    const output = await pollJson();
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'mistral', account: 'env', status: 'ok', error: null });
    expect(account.monthToDate).toEqual({ amount: '124.50', currency: 'EUR', confidence: 'official' });
    expect(account.spendLimit).toEqual({ amount: '500.00', currency: 'EUR', confidence: 'official' });
    expect(account.balance).toBeNull();
    expect(output.totals).toEqual([expect.objectContaining({ currency: 'EUR', monthToDate: '124.50' })]);
  });

  it('tells a standard-key user to create an Admin API key', async () => {
    const output = await pollJson('standard-key-0000');
    const [account] = output.accounts;
    expect(account.status).toBe('error');
    expect(account.error.kind).toBe('auth');
    expect(account.error.message).toMatch(/Admin API key/);
  });
});
