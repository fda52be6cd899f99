import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGroqFake, type GroqFake } from '../fakes/groq-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const key = 'gsk-test-0000';
let fake: GroqFake;

beforeAll(async () => {
  fake = await startGroqFake(key);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.setEnterprise(true);
  fake.requests.length = 0;
});

async function cli(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const result = await runCli(args, { dataDir, env: { SPENDBAR_GROQ_BASE_URL: fake.url, ...env } });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('spendbar poll --provider groq with an Enterprise key', () => {
  it('reports an estimated month-to-date from the token metrics, with tokens by model', async () => {
    const output = JSON.parse(await cli(['poll', '--json', '--month', '2026-11', '--provider', 'groq'], tempDataDir(), { GROQ_API_KEY: key }));
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'groq', account: 'env', status: 'ok', error: null, balance: null });
    // 1.5M x $0.59/M + 0.5M x $0.79/M + 2M x $0.05/M + 1M x $0.08/M; groq/compound has no price.
    expect(account.monthToDate).toEqual({ amount: '1.46', currency: 'USD', confidence: 'estimated' });
    expect(account.usage).toContainEqual(expect.objectContaining({ model: 'llama-3.3-70b-versatile', inputTokens: 1_500_000, outputTokens: 500_000 }));
    expect(account.notes.join(' ')).toMatch(/Unpriced: groq\/compound/);
    // November is over: nothing is left to project.
    expect(output.totals).toEqual([{ currency: 'USD', monthToDate: '1.46', byConfidence: { official: '0.00', estimated: '1.46', manual: '0.00' }, monthEnd: null }]);
  });

  it('does not add spend entries on top of the metrics estimate, and says so', async () => {
    const dataDir = tempDataDir();
    await cli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '5'], dataDir, { GROQ_API_KEY: key });
    const account = JSON.parse(await cli(['poll', '--json', '--provider', 'groq'], dataDir, { GROQ_API_KEY: key })).accounts[0];
    expect(account.monthToDate).toEqual({ amount: '1.46', currency: 'USD', confidence: 'estimated' });
    expect(account.notes.join(' ')).toMatch(/Spend entries and tracked usage are not added/);
  });

  it('shows the Enterprise note, not an error, for a key without metrics access', async () => {
    fake.setEnterprise(false);
    const account = JSON.parse(await cli(['poll', '--json', '--month', '2026-11', '--provider', 'groq'], tempDataDir(), { GROQ_API_KEY: key })).accounts[0];
    expect(account).toMatchObject({ status: 'ok', error: null, monthToDate: null });
    expect(account.notes).toContain('Usage metrics need Groq Enterprise; enter spend by hand or track usage.');
  });

  it('reports a rejected key as an auth error saying where to create one', async () => {
    const account = JSON.parse(await cli(['poll', '--json', '--month', '2026-11', '--provider', 'groq'], tempDataDir(), { GROQ_API_KEY: 'gsk-wrong-0000' })).accounts[0];
    expect(account.status).toBe('error');
    expect(account.error.kind).toBe('auth');
    expect(account.error.message).toContain('console.groq.com/keys');
  });
});

describe('Groq without a key', () => {
  it('adds manual spend and tracked usage into an ok month-to-date, before and after a poll, with no HTTP', async () => {
    const dataDir = tempDataDir();
    await cli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '2'], dataDir);
    await cli(['track', '--provider', 'groq', '--model', 'llama-3.3-70b-versatile', '--input-tokens', '1200', '--output-tokens', '450'], dataDir);
    for (const command of [['status', '--json'], ['poll', '--json', '--provider', 'groq']]) {
      const output = JSON.parse(await cli(command, dataDir));
      const [account] = output.accounts;
      expect(account).toMatchObject({ provider: 'groq', account: 'default', status: 'ok', error: null });
      // $2 typed in plus 1,200 x $0.59/M + 450 x $0.79/M tracked.
      expect(account.monthToDate).toEqual({ amount: '2.0010635', currency: 'USD', confidence: 'estimated' });
      expect(output.totals[0].byConfidence).toEqual({ official: '0.00', estimated: '0.0010635', manual: '2.00' });
    }
    expect(fake.requests).toHaveLength(0);
  }, 60_000); // four CLI runs in a row
});
