/** `spendbar poll --provider github` against a fake GitHub serving the published billing examples. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../fakes/github-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const token = 'github_pat_cli_test_secret_0000';
let fake: GitHubFake;
beforeAll(async () => {
  fake = await startGitHubFake();
});
afterAll(async () => {
  await fake.close();
});

async function poll(env: Record<string, string>) {
  const result = await runCli(['poll', '--json', '--month', '2023-08', '--provider', 'github'], {
    env: { GITHUB_TOKEN: token, SPENDBAR_GITHUB_BASE_URL: fake.url, ...env },
    dataDir: tempDataDir(),
  });
  expect(result.code).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(token);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider github', () => {
  it('reports the organization example: 100 Actions minutes at $0.008 are $0.80 this month', async () => {
    const json = await poll({ GITHUB_ORG: 'octo-org' });
    expect(json.month).toBe('2023-08');
    expect(json.accounts).toHaveLength(1);
    expect(json.accounts[0]).toMatchObject({
      provider: 'github',
      account: 'env',
      status: 'ok',
      monthToDate: { amount: '0.80', currency: 'USD', confidence: 'official' },
      balance: null,
      error: null,
    });
    expect(json.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '0.80' })]);
    expect(fake.requests.at(-1)!.path).toBe('/organizations/octo-org/settings/billing/usage');
  });

  it('reads a personal account with GITHUB_USER', async () => {
    const json = await poll({ GITHUB_USER: 'monalisa' });
    expect(json.accounts[0]).toMatchObject({ status: 'ok', monthToDate: { amount: '0.80', currency: 'USD' } });
    expect(fake.requests.at(-1)!.path).toBe('/users/monalisa/settings/billing/usage');
  });

  it('says to set GITHUB_ORG or GITHUB_USER when only GITHUB_TOKEN is set', async () => {
    const json = await poll({});
    expect(json.accounts[0]).toMatchObject({ provider: 'github', status: 'error', monthToDate: null, error: { kind: 'config' } });
    expect(json.accounts[0].error.message).toMatch(/GITHUB_ORG/);
    expect(json.accounts[0].error.message).toMatch(/GITHUB_USER/);
  });

  it('says which token to create when the token may not read billing', async () => {
    fake.set({ forbidden: true });
    try {
      const json = await poll({ GITHUB_ORG: 'octo-org' });
      expect(json.accounts[0]).toMatchObject({ status: 'error', error: { kind: 'permission' } });
      expect(json.accounts[0].error.message).toMatch(/Administration: read/);
      expect(json.accounts[0].error.message).toContain('https://github.com/settings/tokens');
    } finally {
      fake.set({ forbidden: false });
    }
  });
});
