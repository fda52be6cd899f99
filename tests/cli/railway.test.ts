/** `spendbar poll --provider railway` against a fake Railway GraphQL API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRailwayFake, type RailwayFake } from '../fakes/railway-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const token = 'railway-cli-test-secret-0000';
let fake: RailwayFake;
beforeAll(async () => {
  fake = await startRailwayFake();
});
afterAll(async () => {
  await fake.close();
});

// currentUsage is only known for the running billing period, so the current month is asked for.
const thisMonth = new Date().toISOString().slice(0, 7);

async function poll(env: Record<string, string> = {}) {
  const result = await runCli(['poll', '--json', '--month', thisMonth, '--provider', 'railway'], {
    env: { RAILWAY_API_TOKEN: token, SPENDBAR_RAILWAY_BASE_URL: fake.url, ...env },
    dataDir: tempDataDir(),
  });
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(token);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider railway', () => {
  it('reports currentUsage 12.345678 as dollars this month, and no balance', async () => {
    const json = await poll();
    expect(json.accounts).toHaveLength(1);
    expect(json.accounts[0]).toMatchObject({
      provider: 'railway',
      account: 'env',
      status: 'ok',
      monthToDate: { amount: '12.345678', currency: 'USD', confidence: 'official' },
      balance: null,
      error: null,
    });
    expect(json.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '12.345678' })]);
  });

  it('reads one workspace with RAILWAY_WORKSPACE_ID', async () => {
    const json = await poll({ RAILWAY_WORKSPACE_ID: '3f1d9c62-7b1e-4c8a-a0d5-6e2b9f4c1a77' });
    expect(json.accounts[0]).toMatchObject({ status: 'ok', monthToDate: { amount: '48.10', currency: 'USD' } });
  });

  it('turns a GraphQL "Not Authorized" into an auth error saying what to fix', async () => {
    fake.set({ notAuthorized: true });
    try {
      const json = await poll();
      expect(json.accounts[0]).toMatchObject({ status: 'error', monthToDate: null, error: { kind: 'auth' } });
      expect(json.accounts[0].error.message).toContain('https://railway.com/account/tokens');
    } finally {
      fake.set({ notAuthorized: false });
    }
  });
});
