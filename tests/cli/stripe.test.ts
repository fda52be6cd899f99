/** `spendbar poll --provider stripe` against a fake Stripe serving the documented examples. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeFake, type StripeFake } from '../fakes/stripe-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const restrictedKey = 'rk_test_cli_secret_0000';
let fake: StripeFake;
beforeAll(async () => {
  fake = await startStripeFake();
});
afterAll(async () => {
  await fake.close();
});

async function poll(key: string) {
  // The documented transaction was created on 2023-03-05.
  const result = await runCli(['poll', '--json', '--month', '2023-03', '--provider', 'stripe'], {
    env: { STRIPE_API_KEY: key, SPENDBAR_STRIPE_BASE_URL: fake.url },
    dataDir: tempDataDir(),
  });
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(key);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider stripe', () => {
  it('reports the documented balance 666670 cents as 6666.70 USD and no fees for a fee-less transfer', async () => {
    const json = await poll(restrictedKey);
    expect(json.accounts).toHaveLength(1);
    expect(json.accounts[0]).toMatchObject({
      provider: 'stripe',
      account: 'env',
      status: 'ok',
      monthToDate: { amount: '0.00', currency: 'USD', confidence: 'official' },
      balance: { amount: '6666.70', currency: 'USD', confidence: 'official' },
      balances: [{ amount: '6666.70', currency: 'USD', confidence: 'official' }],
      error: null,
    });
    expect(json.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '0.00' })]);
    const listed = fake.requests.find((request) => request.path === '/v1/balance_transactions')!;
    expect(listed.query.get('created[gte]')).toBe(String(Date.UTC(2023, 2, 1) / 1000));
  });

  it('says which key to create for a publishable key', async () => {
    const json = await poll('pk_test_cli_publishable_0000');
    expect(json.accounts[0]).toMatchObject({ status: 'error', monthToDate: null, error: { kind: 'auth' } });
    expect(json.accounts[0].error.message).toMatch(/restricted key/);
    expect(json.accounts[0].error.message).toContain('https://dashboard.stripe.com/apikeys');
  });

  it('says which permission a restricted key lacks', async () => {
    fake.set({ transactionsForbidden: true });
    try {
      const json = await poll(restrictedKey);
      expect(json.accounts[0]).toMatchObject({ status: 'error', error: { kind: 'permission' } });
      expect(json.accounts[0].error.message).toMatch(/Read access to Balance/);
    } finally {
      fake.set({ transactionsForbidden: false });
    }
  });
});
