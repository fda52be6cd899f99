/**
 * `spendbar poll --json --provider gcp` end to end: the compiled CLI, an account added with
 * `spendbar accounts add gcp --set billingTable=… --set keyFile=…`, a throwaway service account key whose
 * token_uri is the fake, and the fake BigQuery and Budgets APIs through SPENDBAR_GCP_BASE_URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gcpFake, googleError, queryAnswer, TEST_BILLING_ACCOUNT, TEST_BILLING_TABLE, writeTestKeyFile } from '../fakes/gcp-fake.js';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fakes/fake-http-server.js';
import { runCli, tempDataDir } from '../helpers/cli.js';
import type { Overview } from '../../src/shared/api.js';

/** `poll --json` prints the contract's Overview (plus the alerts this poll raised). */
type PollJson = Overview;

/**
 * Google's published example invoice total for 201901 is 1005.004832999999984 summed as floats, and
 * 1005.00 with costs and credits summed in micros first; these rows carry that invoice in micros.
 */
const january2019 = [
  ['2019-01-14', 'Compute Engine', 'USD', '1080004833', '-95000000'],
  ['2019-01-20', 'Cloud Storage', 'USD', '20000000', '0'],
];

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function start(query = (request: RecordedRequest) => (invoiceMonth(request) === '201901' ? queryAnswer(january2019) : queryAnswer([]))) {
  const server = await startFakeServer(gcpFake({ query, budgets: { json: { budgets: [{ name: `billingAccounts/${TEST_BILLING_ACCOUNT}/budgets/b1`, displayName: 'Cloud', amount: { specifiedAmount: { currencyCode: 'USD', units: '1200' } } }] } } }));
  servers.push(server);
  return { server, keyFile: writeTestKeyFile(`${server.origin}/token`), env: { SPENDBAR_GCP_BASE_URL: server.origin }, dataDir: tempDataDir() };
}

function invoiceMonth(request: RecordedRequest): string | undefined {
  const body = JSON.parse(request.body) as { queryParameters?: { parameterValue?: { value?: string } }[] };
  return body.queryParameters?.[0]?.parameterValue?.value;
}

async function cli(args: string[], context: { env: Record<string, string>; dataDir: string }): Promise<string> {
  const result = await runCli(args, context);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const poll = async (month: string, context: { env: Record<string, string>; dataDir: string }) =>
  JSON.parse(await cli(['poll', '--json', '--month', month, '--provider', 'gcp'], context)) as PollJson;

describe('spendbar poll --provider gcp', () => {
  it('is never configured implicitly from GOOGLE_APPLICATION_CREDENTIALS', async () => {
    const context = await start();
    const output = await poll('2019-01', { ...context, env: { ...context.env, GOOGLE_APPLICATION_CREDENTIALS: context.keyFile } });
    expect(output.accounts).toEqual([]);
    expect(context.server.requests).toHaveLength(0);
  });

  it('shows the invoice total the published example implies, and the budget as the limit', async () => {
    const context = await start();
    await cli(['accounts', 'add', 'gcp', '--set', `billingTable=${TEST_BILLING_TABLE}`, '--set', `keyFile=${context.keyFile}`, '--set', `billingAccount=${TEST_BILLING_ACCOUNT}`], context);
    const output = await poll('2019-01', context);
    const [account] = output.accounts;
    expect(account).toMatchObject({ provider: 'gcp', account: 'default', status: 'ok', error: null, balance: null });
    expect(account!.monthToDate).toEqual({ amount: '1005.004833', currency: 'USD', confidence: 'official' });
    expect(account!.spendLimit).toMatchObject({ amount: '1200.00', currency: 'USD' });
    expect(account!.notes).toContain('After 95.00 USD of credits (1100.004833 before credits).');
    expect(output.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '1005.004833' })]);
    expect(JSON.stringify(output)).not.toContain('PRIVATE KEY');
  });

  it('takes the key file from GOOGLE_APPLICATION_CREDENTIALS when the account names none', async () => {
    const context = await start();
    const env = { ...context.env, GOOGLE_APPLICATION_CREDENTIALS: context.keyFile };
    await cli(['accounts', 'add', 'gcp', '--set', `billingTable=${TEST_BILLING_TABLE}`], { ...context, env });
    const [account] = (await poll('2019-01', { ...context, env })).accounts;
    expect(account!.monthToDate?.amount).toBe('1005.004833');
  });

  it('names a BigQuery table that does not exist', async () => {
    const missing = 'my-billing-project.billing_export.gcp_billing_export_v1_WRONG';
    const context = await start(() => googleError(404, 'notFound', `Not found: Table my-billing-project:billing_export.gcp_billing_export_v1_WRONG was not found in location US`));
    await cli(['accounts', 'add', 'gcp', '--set', `billingTable=${missing}`, '--set', `keyFile=${context.keyFile}`], context);
    const [account] = (await poll('2019-01', context)).accounts;
    expect(account!.status).toBe('error');
    expect(account!.error?.kind).toBe('config');
    expect(account!.error?.message).toContain(`BigQuery found no table ${missing}`);
  });

  it('is unconfigured, with what to set, when there is no key file at all', async () => {
    const context = await start();
    await cli(['accounts', 'add', 'gcp', '--set', `billingTable=${TEST_BILLING_TABLE}`], context);
    const [account] = (await poll('2019-01', context)).accounts;
    expect(account!.status).toBe('unconfigured');
    expect(account!.error?.kind).toBe('missing-credential');
    expect(context.server.requests).toHaveLength(0);
  });
});
