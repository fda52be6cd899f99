/**
 * `spendbar poll --json --provider openai` end to end: the compiled CLI against the fake OpenAI
 * organization API on 127.0.0.1, configured only through OPENAI_ADMIN_KEY and SPENDBAR_OPENAI_BASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../helpers/cli.js';
import { startOpenAiFake, type OpenAiFake } from '../fakes/openai-fake.js';
import type { Overview } from '../../src/shared/api.js';

/** `poll --json` prints the contract's Overview (plus the alerts this poll raised). */
type PollJson = Overview;

describe('spendbar poll --provider openai', () => {
  let fake: OpenAiFake;
  beforeAll(async () => {
    fake = await startOpenAiFake({ paginate: true });
  });
  afterAll(async () => {
    await fake.close();
  });

  async function pollJson(key: string): Promise<PollJson> {
    const result = await runCli(['poll', '--json', '--month', '2026-11', '--provider', 'openai'], {
      dataDir: tempDataDir(),
      env: { OPENAI_ADMIN_KEY: key, SPENDBAR_OPENAI_BASE_URL: fake.url },
    });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as PollJson;
  }

  it('shows the month-to-date the cost buckets add up to, with no made-up balance', async () => {
    const output = await pollJson('sk-admin-test-0000');
    expect(output.accounts).toHaveLength(1);
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'openai', account: 'env', status: 'ok', error: null });
    expect(account!.monthToDate).toEqual({ amount: '4.4945678', currency: 'USD', confidence: 'official' });
    expect(account!.balance).toBeNull();
    expect(output.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '4.4945678' })]);
  });

  it('tells a user with a project key to create an Admin key, without echoing the key', async () => {
    const output = await pollJson('sk-proj-test-0000');
    const [account] = output.accounts;
    expect(account!.status).toBe('error');
    expect(account!.monthToDate).toBeNull();
    expect(account!.error?.kind).toBe('auth');
    expect(account!.error?.message).toContain('OpenAI needs an Admin key: create one at https://platform.openai.com/settings/organization/admin-keys');
    expect(JSON.stringify(output)).not.toContain('sk-proj-test-0000');
  });
});
