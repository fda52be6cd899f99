import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXaiFake, type XaiFake } from '../fakes/xai-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const key = 'xai-mgmt-test-0000';
const teamId = 'team-0000-example';
let fake: XaiFake;

beforeAll(async () => {
  fake = await startXaiFake(teamId, { acceptKey: key });
});
afterAll(async () => {
  await fake.close();
});

async function pollJson(env: Record<string, string>) {
  const result = await runCli(['poll', '--json', '--month', '2026-11', '--provider', 'xai'], {
    dataDir: tempDataDir(),
    env: { SPENDBAR_XAI_BASE_URL: fake.url, ...env },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider xai', () => {
  it('reports the invoice preview as month-to-date and the prepaid total as balance', async () => {
    fake.set({ totalCents: '-1715' });
    const output = await pollJson({ XAI_MANAGEMENT_KEY: key, XAI_TEAM_ID: teamId });
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'xai', account: 'env', status: 'ok', error: null });
    expect(account.monthToDate).toEqual({ amount: '7.85', currency: 'USD', confidence: 'official' });
    expect(account.balance).toEqual({ amount: '17.15', currency: 'USD', confidence: 'official' });
    expect(output.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '7.85' })]);
  });

  it('shows a positive prepaid total as the same available credit', async () => {
    fake.set({ totalCents: '1715' });
    const output = await pollJson({ XAI_MANAGEMENT_KEY: key, XAI_TEAM_ID: teamId });
    expect(output.accounts[0].balance.amount).toBe('17.15');
  });

  it('tells a user with the wrong key to create a Management key', async () => {
    const output = await pollJson({ XAI_MANAGEMENT_KEY: 'xai-inference-key-0000', XAI_TEAM_ID: teamId });
    const [account] = output.accounts;
    expect(account.status).toBe('error');
    expect(account.error.kind).toBe('auth');
    expect(account.error.message).toMatch(/Settings → Management Keys/);
    expect(account.monthToDate).toBeNull();
  });

  it('has no xAI account without the team id', async () => {
    const output = await pollJson({ XAI_MANAGEMENT_KEY: key });
    expect(output.accounts.filter((account: { provider: string }) => account.provider === 'xai')).toEqual([]);
  });
});
