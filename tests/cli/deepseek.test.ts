import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepSeekFake, type DeepSeekFake } from '../fakes/deepseek-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const key = 'sk-deepseek-test-0000';
let fake: DeepSeekFake;

beforeAll(async () => {
  fake = await startDeepSeekFake(key);
});
afterAll(async () => {
  await fake.close();
});

async function pollJson(apiKey: string) {
  const result = await runCli(['poll', '--json', '--month', '2026-11', '--provider', 'deepseek'], {
    dataDir: tempDataDir(),
    env: { DEEPSEEK_API_KEY: apiKey, SPENDBAR_DEEPSEEK_BASE_URL: fake.url },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider deepseek', () => {
  it('reports the published example balance and no made-up spend', async () => {
    const output = await pollJson(key);
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'deepseek', account: 'env', status: 'ok', error: null });
    expect(account.balance).toEqual({ amount: '110.00', currency: 'CNY', confidence: 'official' });
    expect(account.balances).toEqual([{ amount: '110.00', currency: 'CNY', confidence: 'official' }]);
    expect(account.monthToDate).toBeNull();
    expect(output.totals.filter((total: { monthToDate: string }) => total.monthToDate !== '0.00')).toEqual([]);
  });

  it('lists both currencies of an account holding CNY and USD', async () => {
    fake.setBody({
      is_available: true,
      balance_infos: [
        { currency: 'CNY', total_balance: '110.00', granted_balance: '10.00', topped_up_balance: '100.00' },
        { currency: 'USD', total_balance: '7.50', granted_balance: '0.00', topped_up_balance: '7.50' },
      ],
    });
    const output = await pollJson(key);
    const [account] = output.accounts;
    expect(account.balance.amount).toBe('7.50');
    expect(account.balances.map((b: { amount: string; currency: string }) => `${b.amount} ${b.currency}`)).toEqual(['7.50 USD', '110.00 CNY']);
  });

  it('reports a rejected key as an auth error', async () => {
    const output = await pollJson('sk-wrong-0000');
    expect(output.accounts[0].status).toBe('error');
    expect(output.accounts[0].error.kind).toBe('auth');
    expect(output.accounts[0].error.message).toContain('platform.deepseek.com/api_keys');
  });
});
