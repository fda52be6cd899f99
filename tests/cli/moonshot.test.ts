import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoonshotFake, type MoonshotFake } from '../fakes/moonshot-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const key = 'sk-moonshot-test-0000';
let fake: MoonshotFake;

beforeAll(async () => {
  fake = await startMoonshotFake(key);
});
afterAll(async () => {
  await fake.close();
});

async function pollJson(env: Record<string, string>) {
  const result = await runCli(['poll', '--json', '--month', '2026-11', '--provider', 'moonshot'], {
    dataDir: tempDataDir(),
    env: { MOONSHOT_API_KEY: key, SPENDBAR_MOONSHOT_BASE_URL: fake.url, ...env },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider moonshot', () => {
  it('reports the published China example in CNY with MOONSHOT_REGION=cn', async () => {
    const output = await pollJson({ MOONSHOT_REGION: 'cn' });
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'moonshot', account: 'env', status: 'ok', error: null });
    expect(account.balance).toEqual({ amount: '49.58894', currency: 'CNY', confidence: 'official' });
    expect(account.monthToDate).toBeNull();
  });

  it('reports USD for the default global region', async () => {
    const output = await pollJson({});
    expect(output.accounts[0].balance).toEqual({ amount: '49.58894', currency: 'USD', confidence: 'official' });
  });

  it('maps an error envelope inside a 200 to an error kind', async () => {
    fake.setBody({ code: 401, status: false, scode: '0x1', message: 'invalid api key', data: null });
    try {
      const output = await pollJson({});
      expect(output.accounts[0].status).toBe('error');
      expect(output.accounts[0].error.kind).toBe('auth');
    } finally {
      fake.setBody();
    }
  });
});
