/**
 * `spendbar poll --json --provider aws` end to end: the compiled CLI, an account added with
 * `spendbar accounts add aws`, the AWS SDK's credential chain reading static test keys (or a profile
 * in a throwaway ~/.aws), and the fake Cost Explorer on 127.0.0.1 through SPENDBAR_AWS_BASE_URL.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import example from '../../src/core/providers/aws/__fixtures__/get-cost-and-usage-example.json' with { type: 'json' };
import { awsFake, type DailyServiceCosts } from '../fakes/aws-fake.js';
import { startFakeServer, type FakeHandler, type FakeServer } from '../fakes/fake-http-server.js';
import { runCli, tempDataDir } from '../helpers/cli.js';
import type { Overview } from '../../src/shared/api.js';

/** `poll --json` prints the contract's Overview (plus the alerts this poll raised). */
type PollJson = Overview;

const SECRET = 'aws-secret-test-0000-do-not-use';
let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function fake(handler: FakeHandler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

/** A data folder, a home with its own ~/.aws, and the environment the CLI runs with. */
function setup(server: FakeServer, awsConfig = '') {
  const home = mkdtempSync(join(tmpdir(), 'spendbar-aws-cli-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), awsConfig);
  const keys: Record<string, string> = awsConfig ? {} : { AWS_ACCESS_KEY_ID: 'AKIATEST000000000000', AWS_SECRET_ACCESS_KEY: SECRET };
  const env: Record<string, string> = { HOME: home, ...keys, AWS_EC2_METADATA_DISABLED: 'true', SPENDBAR_AWS_BASE_URL: server.origin };
  return { home, env, dataDir: tempDataDir() };
}

async function cli(args: string[], context: { env: Record<string, string>; dataDir: string }): Promise<string> {
  const result = await runCli(args, context);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function poll(month: string, context: { env: Record<string, string>; dataDir: string }): Promise<PollJson> {
  return JSON.parse(await cli(['poll', '--json', '--month', month, '--provider', 'aws'], context)) as PollJson;
}

describe('spendbar poll --provider aws', () => {
  it('is never configured implicitly from ambient AWS keys', async () => {
    const server = await fake(awsFake({ costs: {}, costAndUsage: { json: example } }));
    const output = await poll('2017-09', setup(server));
    expect(output.accounts).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('shows what the published example implies once the account is added, with the cost of polling', async () => {
    const server = await fake(awsFake({ costs: {}, costAndUsage: { json: example } }));
    const context = setup(server);
    await cli(['accounts', 'add', 'aws'], context);
    const output = await poll('2017-09', context);
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'aws', account: 'default', status: 'ok', error: null, balance: null });
    expect(account!.monthToDate).toEqual({ amount: '40.6226137778', currency: 'USD', confidence: 'official' });
    expect(account!.breakdown).toEqual([expect.objectContaining({ label: 'Amazon Simple Storage Service', amount: '40.6226137778' })]);
    expect(account!.notes).toContain('Polling costs about 1.20 USD a month at one refresh every 12 h (0.02 USD per refresh), plus manual refreshes.');
    expect(output.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '40.6226137778' })]);
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(output)).not.toContain(SECRET);
  });

  it('asks Cost Explorer nothing more for a month whose days are all settled', async () => {
    const costs: DailyServiceCosts = {};
    for (let day = 1; day <= 31; day += 1) costs[`2026-10-${String(day).padStart(2, '0')}`] = { 'Amazon Elastic Compute Cloud - Compute': '1.25' };
    const server = await fake(awsFake({ costs }));
    const context = setup(server);
    await cli(['accounts', 'add', 'aws'], context);
    const first = await poll('2026-10', context);
    expect(server.requests).toHaveLength(1);
    const second = await poll('2026-10', context);
    expect(server.requests).toHaveLength(1);
    expect(second.accounts[0]!.monthToDate).toEqual({ amount: '38.75', currency: 'USD', confidence: 'official' });
    expect(second.accounts[0]!.monthToDate).toEqual(first.accounts[0]!.monthToDate);
  });

  it('names a profile that does not exist and says how to create it', async () => {
    const server = await fake(awsFake({ costs: {} }));
    const context = setup(server, '[profile work]\nregion = eu-west-1\n');
    await cli(['accounts', 'add', 'aws', '--set', 'profile=nosuch'], context);
    const [account] = (await poll('2026-10', context)).accounts;
    expect(account!.status).toBe('error');
    expect(account!.error?.kind).toBe('config');
    expect(account!.error?.message).toContain('AWS profile "nosuch" was not found');
    expect(account!.error?.message).toContain('`aws configure --profile nosuch`');
    expect(server.requests).toHaveLength(0);
  });

  it('says to log in again when the profile’s SSO session has expired', async () => {
    const server = await fake(awsFake({ costs: {} }));
    const startUrl = 'https://example-corp.awsapps.com/start';
    const context = setup(server, `[profile dev]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = BillingReadOnly\n`);
    const token = { startUrl, region: 'us-east-1', accessToken: 'expired-token-test', expiresAt: '2026-01-01T00:00:00Z' };
    writeFileSync(join(context.home, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`), JSON.stringify(token));
    await cli(['accounts', 'add', 'aws', '--set', 'profile=dev'], context);
    const [account] = (await poll('2026-10', context)).accounts;
    expect(account!.error?.kind).toBe('auth');
    expect(account!.error?.message).toContain('run `aws sso login --profile dev`');
  });
});
