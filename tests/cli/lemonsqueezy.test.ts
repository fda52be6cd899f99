/** `spendbar poll --provider lemonsqueezy` against a fake Lemon Squeezy API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLemonSqueezyFake, type LemonSqueezyFake } from '../fakes/lemonsqueezy-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const apiKey = 'lemonsqueezy-cli-test-secret-0000';
let fake: LemonSqueezyFake;
beforeAll(async () => {
  fake = await startLemonSqueezyFake();
});
afterAll(async () => {
  await fake.close();
});

// Current usage exists only for the running billing period.
const thisMonth = new Date().toISOString().slice(0, 7);

async function poll(key: string) {
  const result = await runCli(['poll', '--json', '--month', thisMonth, '--provider', 'lemonsqueezy'], {
    env: { LEMONSQUEEZY_API_KEY: key, SPENDBAR_LEMONSQUEEZY_BASE_URL: fake.url },
    dataDir: tempDataDir(),
  });
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(key);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider lemonsqueezy', () => {
  it('reports the documented usage of 5 units this period, and no fees or balance', async () => {
    const json = await poll(apiKey);
    expect(json.accounts[0]).toMatchObject({
      provider: 'lemonsqueezy',
      account: 'env',
      status: 'ok',
      monthToDate: null,
      balance: null,
      error: null,
      quota: { used: 5, limit: null, unit: 'units this billing period (subscription item 2)', resetsAt: '2023-09-10T13:03:16+00:00' },
    });
    expect(json.accounts[0].notes.join(' ')).toMatch(/exposes no fee figures/);
    expect(json.totals).toEqual([]);
  });

  it('says where to create an API key when the key is rejected', async () => {
    const json = await poll('not-this-store-key-0000');
    expect(json.accounts[0]).toMatchObject({ status: 'error', error: { kind: 'auth' } });
    expect(json.accounts[0].error.message).toContain('https://app.lemonsqueezy.com/settings/api');
  });
});
