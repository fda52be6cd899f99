import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSiliconFlowFake, type SiliconFlowFake } from '../fakes/siliconflow-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const key = 'sk-siliconflow-test-0000';
let fake: SiliconFlowFake;

beforeAll(async () => {
  fake = await startSiliconFlowFake(key);
});
afterAll(async () => {
  await fake.close();
});

async function pollJson(apiKey = key) {
  const result = await runCli(['poll', '--json', '--month', '2026-11', '--provider', 'siliconflow'], {
    dataDir: tempDataDir(),
    env: { SILICONFLOW_API_KEY: apiKey, SPENDBAR_SILICONFLOW_BASE_URL: fake.url },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('spendbar poll --provider siliconflow', () => {
  it('reports the published example total balance in CNY and no made-up spend', async () => {
    const output = await pollJson();
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'siliconflow', account: 'env', status: 'ok', error: null });
    expect(account.balance).toEqual({ amount: '88.88', currency: 'CNY', confidence: 'official' });
    expect(account.monthToDate).toBeNull();
  });

  it('maps a non-20000 code inside a 200 to an error kind', async () => {
    fake.setBody({ code: 30001, message: 'Sorry, your account balance is insufficient', data: null });
    try {
      const output = await pollJson();
      expect(output.accounts[0].status).toBe('error');
      expect(output.accounts[0].error.kind).toBe('billing');
    } finally {
      fake.setBody();
    }
  });

  it('reports a rejected key as an auth error saying where to create one', async () => {
    const output = await pollJson('sk-wrong-0000');
    expect(output.accounts[0].error.kind).toBe('auth');
    expect(output.accounts[0].error.message).toContain('cloud.siliconflow.cn/account/ak');
  });
});
