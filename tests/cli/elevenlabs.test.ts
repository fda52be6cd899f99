import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElevenLabsFake, type ElevenLabsFake } from '../fakes/elevenlabs-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const key = 'sk_elevenlabs_test_0000';
let fake: ElevenLabsFake;

beforeAll(async () => {
  fake = await startElevenLabsFake(key);
});
afterAll(async () => {
  await fake.close();
});

async function pollJson(apiKey = key) {
  const result = await runCli(['poll', '--json', '--month', '2026-11', '--provider', 'elevenlabs'], {
    dataDir: tempDataDir(),
    env: { ELEVENLABS_API_KEY: apiKey, SPENDBAR_ELEVENLABS_BASE_URL: fake.url },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider elevenlabs', () => {
  it('reports the character quota and next invoice, and no made-up spend or balance', async () => {
    fake.useShape('2025');
    const output = await pollJson();
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'elevenlabs', account: 'env', status: 'ok', error: null });
    expect(account.quota).toEqual({ used: 17231, limit: 100000, unit: 'characters', resetsAt: '2026-12-01T00:00:00.000Z' });
    expect(account.notes).toContain('Next invoice: 22.00 USD on 2026-12-01.');
    expect(account.monthToDate).toBeNull();
    expect(account.balance).toBeNull();
  });

  it('reads the newer SDK shape too', async () => {
    fake.useShape('2026');
    const output = await pollJson();
    const [account] = output.accounts;
    expect(account.status).toBe('ok');
    expect(account.quota).toMatchObject({ used: 244469, limit: 500000 });
    expect(account.notes).toContain('Next invoice: 99.00 EUR on 2026-12-01.');
  });

  it('reports a rejected key as an auth error naming the permission a restricted key needs', async () => {
    const output = await pollJson('sk_wrong_0000');
    expect(output.accounts[0].error.kind).toBe('auth');
    expect(output.accounts[0].error.message).toMatch(/user_read/);
  });
});
