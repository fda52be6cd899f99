/**
 * `spendbar poll --json --provider anthropic` end to end: the compiled CLI against the fake Anthropic
 * Admin API on 127.0.0.1, configured only through ANTHROPIC_ADMIN_KEY and SPENDBAR_ANTHROPIC_BASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';
import type { Overview } from '../../src/shared/api.js';

/** `poll --json` prints the contract's Overview (plus the alerts this poll raised). */
type PollJson = Overview;

describe('spendbar poll --provider anthropic', () => {
  let fake: AnthropicFake;
  beforeAll(async () => {
    fake = await startAnthropicFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  const env = (key: string) => ({ ANTHROPIC_ADMIN_KEY: key, SPENDBAR_ANTHROPIC_BASE_URL: fake.url });

  async function pollJson(key: string, dataDir = tempDataDir()): Promise<PollJson> {
    const result = await runCli(['poll', '--json', '--month', '2026-11', '--provider', 'anthropic'], { dataDir, env: env(key) });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as PollJson;
  }

  it('adds "123.78912" and "876.21088" cents across two pages to exactly 10.00 USD, with no balance', async () => {
    const output = await pollJson('sk-ant-admin01-test-0000');
    expect(output.accounts).toHaveLength(1);
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'anthropic', account: 'env', status: 'ok', error: null });
    expect(account!.monthToDate).toEqual({ amount: '10.00', currency: 'USD', confidence: 'official' });
    expect(account!.balance).toBeNull();
    expect(output.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '10.00' })]);
  });

  it('estimates the balance from a known balance minus the official daily spend after it', async () => {
    const dataDir = tempDataDir();
    const added = await runCli(['entry', 'add', '--provider', 'anthropic', '--account', 'env', '--kind', 'balance', '--amount', '250', '--date', '2026-11-01'], {
      dataDir,
      env: env('sk-ant-admin01-test-0000'),
    });
    expect(added.code, added.stderr).toBe(0);
    const [account] = (await pollJson('sk-ant-admin01-test-0000', dataDir)).accounts;
    // The balance holds at the end of 1 November, so only 2 November's $8.7621088 comes off it.
    expect(account!.balance).toEqual({ amount: '241.2378912', currency: 'USD', confidence: 'estimated' });
    expect(account!.monthToDate?.amount).toBe('10.00');
  });

  it('tells a user with a normal API key to create an Admin key in an organization, without echoing the key', async () => {
    const output = await pollJson('sk-ant-api03-test-0000');
    const [account] = output.accounts;
    expect(account!.status).toBe('error');
    expect(account!.monthToDate).toBeNull();
    expect(account!.error?.kind).toBe('auth');
    expect(account!.error?.message).toContain('https://console.anthropic.com/settings/admin-keys');
    expect(account!.error?.message).toMatch(/Admin keys need an organization/);
    expect(JSON.stringify(output)).not.toContain('sk-ant-api03-test-0000');
  });
});
