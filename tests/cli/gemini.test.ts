/**
 * `spendbar poll --json --provider gemini` end to end: the compiled CLI, an account added with
 * `spendbar accounts add gemini --set project=… --set keyFile=…`, a throwaway service account key whose
 * token_uri is the fake, and the fake Cloud Monitoring API through SPENDBAR_GEMINI_BASE_URL, answering
 * timeSeries.list in its published shape (output tokens in two pages, joined by nextPageToken).
 */
import { findProvider } from '@pydantic/genai-prices';
import { afterEach, describe, expect, it } from 'vitest';
import { Dec } from '../../src/core/model/money.js';
import type { Overview } from '../../src/shared/api.js';
import { startFakeServer, type FakeHandler, type FakeServer } from '../fakes/fake-http-server.js';
import { writeTestKeyFile } from '../fakes/gcp-fake.js';
import { geminiFake, geminiHealthy, OUTPUT_METRIC, TEST_PROJECT } from '../fakes/gemini-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';
import permissionDenied from '../../src/core/providers/gemini/__fixtures__/monitoring-error-permission-denied.json' with { type: 'json' };

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function start(handler: FakeHandler = geminiHealthy()) {
  const server = await startFakeServer(handler);
  servers.push(server);
  return { server, keyFile: writeTestKeyFile(`${server.origin}/token`), env: { SPENDBAR_GEMINI_BASE_URL: server.origin }, dataDir: tempDataDir() };
}

async function cli(args: string[], context: { env: Record<string, string>; dataDir: string }): Promise<string> {
  const result = await runCli(args, context);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function addAndPoll(context: Awaited<ReturnType<typeof start>>) {
  await cli(['accounts', 'add', 'gemini', '--set', `project=${TEST_PROJECT}`, '--set', `keyFile=${context.keyFile}`], context);
  const output = JSON.parse(await cli(['poll', '--json', '--month', '2026-11', '--provider', 'gemini'], context)) as Overview;
  return { output, account: output.accounts[0]! };
}

/** Google's per-million prices exactly as the genai-prices data writes them. */
function listPrice(model: string): { input: Dec; output: Dec } {
  const prices = findProvider({ providerId: 'google' })!.models.find((entry) => entry.id === model)!.prices as Record<string, number>;
  return { input: new Dec(String(prices.input_mtok)), output: new Dec(String(prices.output_mtok)) };
}

const cost = (model: string, input: number, output: number) => {
  const price = listPrice(model);
  return new Dec(input).times(price.input).plus(new Dec(output).times(price.output)).div(1_000_000);
};

describe('spendbar poll --provider gemini', () => {
  it('is never configured implicitly from GOOGLE_APPLICATION_CREDENTIALS', async () => {
    const context = await start();
    const output = JSON.parse(await cli(['poll', '--json', '--month', '2026-11', '--provider', 'gemini'], { ...context, env: { ...context.env, GOOGLE_APPLICATION_CREDENTIALS: context.keyFile } })) as Overview;
    expect(output.accounts).toEqual([]);
    expect(context.server.requests).toHaveLength(0);
  });

  it('adds up every page of tokens per model and day and prices them at Google’s list prices', async () => {
    const context = await start();
    const { output, account } = await addAndPoll(context);
    // Paid tier: gemini-2.5-flash, the same tokens under two quota limits (counted once).
    const day1 = cost('gemini-2.5-flash', 2_345_678, 412_345);
    const day2 = cost('gemini-2.5-flash', 1_250_003, 150_321);
    const total = day1.plus(day2);
    expect(total.toString()).toBe('2.4853693');
    expect(account).toMatchObject({ provider: 'gemini', account: 'default', status: 'ok', error: null, balance: null });
    expect(account.monthToDate).toEqual({ amount: total.toString(), currency: 'USD', confidence: 'estimated' });
    expect(account.dailySpend).toEqual([
      { date: '2026-11-01', amount: day1.toString(), currency: 'USD' },
      { date: '2026-11-02', amount: day2.toString(), currency: 'USD' },
    ]);
    expect(account.breakdown).toEqual([{ dimension: 'model', label: 'gemini-2.5-flash', amount: total.toString(), currency: 'USD' }]);
    // The output tokens' second page carries gemini-2.0-flash, which ran on the free tier only.
    expect(account.usage).toEqual([
      { model: 'gemini-2.0-flash', inputTokens: 80_011, outputTokens: 30_017, source: 'official' },
      { model: 'gemini-2.5-flash', inputTokens: 2_345_678 + 1_250_003, outputTokens: 412_345 + 150_321, source: 'official' },
    ]);
    expect(account.notes).toContain('Free tier (not billed): gemini-2.0-flash 80,011 input and 30,017 output tokens.');
    expect(output.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: total.toString() })]);
    const reads = context.server.requests.filter((request) => request.path === `/v3/projects/${TEST_PROJECT}/timeSeries`);
    expect(reads).toHaveLength(6);
    expect(JSON.stringify(output)).not.toContain('PRIVATE KEY');
  });

  it('shows a project that never used the Gemini API as zero usage, not as an error', async () => {
    const { account } = await addAndPoll(await start(geminiFake({})));
    expect(account.status).toBe('ok');
    expect(account.monthToDate).toEqual({ amount: '0.00', currency: 'USD', confidence: 'estimated' });
    expect(account.notes).toContain(`Cloud Monitoring shows no Gemini API token usage in project ${TEST_PROJECT} in 2026-11.`);
  });

  it('names the role to grant when the key may not read Monitoring', async () => {
    const { account } = await addAndPoll(await start(geminiFake({ metrics: { [OUTPUT_METRIC]: { status: 403, json: permissionDenied } } })));
    expect(account.status).toBe('error');
    expect(account.error?.kind).toBe('permission');
    expect(account.error?.message).toContain('Monitoring Viewer (roles/monitoring.viewer)');
  });
});
