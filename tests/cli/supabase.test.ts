/** `spendbar poll --provider supabase` against a fake Supabase Management API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseFake, type SupabaseFake } from '../fakes/supabase-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const token = 'sbp_cli_test_secret_000000000000000000000';
let fake: SupabaseFake;
beforeAll(async () => {
  fake = await startSupabaseFake();
});
afterAll(async () => {
  await fake.close();
});

const thisMonth = new Date().toISOString().slice(0, 7);
const env = () => ({ SUPABASE_ACCESS_TOKEN: token, SPENDBAR_SUPABASE_BASE_URL: fake.url });

describe('spendbar poll --provider supabase', () => {
  it('reports the plan and 19,789 API requests in the last 24 hours, and no official spend', async () => {
    const result = await runCli(['poll', '--json', '--month', thisMonth, '--provider', 'supabase'], { env: env(), dataDir: tempDataDir() });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(token);
    const account = JSON.parse(result.stdout).accounts[0];
    expect(account).toMatchObject({ provider: 'supabase', account: 'env', status: 'ok', balance: null, error: null });
    // Supabase reports no spend and nothing was entered: unknown, not zero.
    expect(account.monthToDate).toBeNull();
    expect(account.quota).toEqual({ used: 19789, limit: null, unit: 'API requests in the last 24 hours', resetsAt: null });
    expect(account.notes).toContain('Acme: Pro plan; 2 projects (1 active).');
  });

  it('counts spend entered by hand, since Supabase reports none', async () => {
    const dataDir = tempDataDir();
    const added = await runCli(['entry', 'add', '--provider', 'supabase', '--account', 'env', '--kind', 'spend', '--amount', '25.00'], { env: env(), dataDir });
    expect(added.code).toBe(0);
    const result = await runCli(['poll', '--json', '--provider', 'supabase'], { env: env(), dataDir });
    const json = JSON.parse(result.stdout);
    expect(json.accounts[0]).toMatchObject({ status: 'ok', monthToDate: { amount: '25.00', currency: 'USD', confidence: 'manual' } });
    expect(json.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '25.00' })]);
  });
});
