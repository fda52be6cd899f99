import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gcpFake,
  pollGcp,
  queryAnswer,
  TEST_ACCESS_TOKEN,
  TEST_BILLING_ACCOUNT,
  TEST_BILLING_TABLE,
  writeTestKeyFile,
} from '../../../../tests/fakes/gcp-fake.js';
import { formatAmount, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import budgets from './__fixtures__/budgets-list.json' with { type: 'json' };
import queryResponse from './__fixtures__/bigquery-query-response.json' with { type: 'json' };
import token from './__fixtures__/token-response.json' with { type: 'json' };
import { createGcpProvider, gcpProvider } from './gcp-provider.js';

const amount = (value: Money | undefined) => (value ? `${formatAmount(value.amount)} ${value.currency}` : undefined);
const breakdownOf = (snapshot: Snapshot | undefined) => snapshot?.breakdown?.map((item) => [item.label, formatAmount(item.money.amount)]);
const fixtures = gcpFake({ token: { json: token }, query: { json: queryResponse }, budgets: { json: budgets } });
const contractKeyFile = join(mkdtempSync(join(tmpdir(), 'spendbar-gcp-contract-')), 'key.json');

describeProviderContract({
  // The token request goes through google-auth-library's own transport: same 400 ms deadline as the suite.
  provider: createGcpProvider({ tokenTimeoutMs: 400 }),
  credentials: { keyFile: contractKeyFile },
  settings: { billingTable: TEST_BILLING_TABLE, billingAccount: TEST_BILLING_ACCOUNT },
  // The key file names the token endpoint, so it must point at whichever server the suite is running.
  baseUrl: (origin) => {
    writeTestKeyFile(`${origin}/token`, contractKeyFile);
    return origin;
  },
  healthy: fixtures,
  expectSnapshot(snapshot) {
    expect(amount(snapshot.monthToDate?.money)).toBe('21.634567 USD');
    expect(snapshot.monthToDate?.confidence).toBe('official');
    expect(snapshot.dailySpend?.map((day) => [day.date, amount(day.money)])).toEqual([
      ['2026-11-01', '11.234567 USD'],
      ['2026-11-02', '10.40 USD'],
    ]);
    expect(breakdownOf(snapshot)).toEqual([
      ['Compute Engine', '20.40'],
      ['Cloud Storage', '1.234567'],
      ['BigQuery', '0.00'],
    ]);
    expect(amount(snapshot.spendLimit?.money)).toBe('500.00 USD');
    expect(snapshot.notes).toEqual([
      'After 5.10 USD of credits (26.734567 before credits).',
      'The billing query processed 12.6 MB (BigQuery bills queries by bytes processed).',
      'Limit: budget "Monthly cloud budget". The Budgets API carries no spend; month-to-date is from the billing export.',
    ]);
    expect(snapshot.balance).toBeUndefined();
  },
});

describe('gcp provider', () => {
  it('is configured through a key file and never implicitly; refreshes every 6 hours', () => {
    expect(gcpProvider.credentials).toEqual([{ name: 'keyFile', env: 'GOOGLE_APPLICATION_CREDENTIALS', label: 'service account key file', secret: false }]);
    expect(gcpProvider.refresh.defaultMs).toBe(6 * 3_600_000);
  });

  it('gets a token from the key file’s token_uri, then runs one parameterised query for Google’s invoice month', async () => {
    const { requests } = await pollGcp(fixtures, { settings: { billingAccount: TEST_BILLING_ACCOUNT } });
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /token',
      'POST /bigquery/v2/projects/my-billing-project/queries',
      'GET /v1/billingAccounts/000000-AAAAAA-000000/budgets',
    ]);
    const grant = new URLSearchParams(requests[0]!.body);
    expect(grant.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = JSON.parse(Buffer.from(grant.get('assertion')!.split('.')[1]!, 'base64url').toString()) as { iss: string; scope: string };
    expect(claims.iss).toBe('spendbar-reader@my-billing-project.iam.gserviceaccount.com');
    expect(claims.scope).toBe('https://www.googleapis.com/auth/cloud-platform.read-only https://www.googleapis.com/auth/cloud-billing');
    expect(requests[1]!.headers.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
    const query = JSON.parse(requests[1]!.body) as { query: string; useLegacySql: boolean; queryParameters: unknown[] };
    expect(query.useLegacySql).toBe(false);
    expect(query.queryParameters).toEqual([{ name: 'invoice_month', parameterType: { type: 'STRING' }, parameterValue: { value: '202611' } }]);
    expect(query.query).toContain(`FROM \`${TEST_BILLING_TABLE}\``);
    expect(query.query).toContain('WHERE invoice.month = @invoice_month');
    expect(requests[2]!.query.get('pageSize')).toBe('100');
  });

  it('waits for a query that is still running and reads every page of rows', async () => {
    const pending = { json: { kind: 'bigquery#queryResponse', jobReference: { projectId: 'p', jobId: 'job_slow', location: 'europe-west1' }, jobComplete: false } };
    const results = (request: { query: URLSearchParams }) =>
      request.query.get('pageToken') === 'page-2'
        ? queryAnswer([['2026-11-03', 'Cloud Run', 'EUR', '2000000', '0']])
        : queryAnswer([['2026-11-01', 'Cloud Run', 'EUR', '1500000', '-500000']], { pageToken: 'page-2' });
    const { snapshot, requests } = await pollGcp(gcpFake({ query: pending, results }));
    expect(requests.slice(2).map((request) => request.query.get('location'))).toEqual(['europe-west1', 'europe-west1']);
    expect(amount(snapshot?.monthToDate?.money)).toBe('3.00 EUR');
    expect(snapshot?.spendLimit).toBeUndefined();
  });

  it('says plainly when the export has no rows for the month yet, without a made-up zero', async () => {
    const { snapshot } = await pollGcp(gcpFake({ query: queryAnswer([]) }));
    expect(snapshot?.monthToDate).toBeUndefined();
    expect(snapshot?.notes?.[0]).toContain('no rows for invoice month 202611 yet');
  });

  it('counts late adjustments dated outside the invoice month on its first or last day', async () => {
    const rows = [
      ['2026-10-28', 'Compute Engine', 'USD', '-1000000', '0'],
      ['2026-11-15', 'Compute Engine', 'USD', '5000000', '0'],
      ['2026-12-01', 'Support', 'USD', '250000', '0'],
    ];
    const { snapshot } = await pollGcp(gcpFake({ query: queryAnswer(rows) }));
    expect(snapshot?.dailySpend?.map((day) => [day.date, formatAmount(day.money.amount)])).toEqual([
      ['2026-11-01', '-1.00'],
      ['2026-11-15', '5.00'],
      ['2026-11-30', '0.25'],
    ]);
    expect(amount(snapshot?.monthToDate?.money)).toBe('4.25 USD');
  });
});

describe('gcp budgets', () => {
  const withBudgets = (reply: Parameters<typeof gcpFake>[0]['budgets'], budget?: string) =>
    pollGcp(gcpFake({ query: { json: queryResponse }, budgets: reply }), { settings: { billingAccount: TEST_BILLING_ACCOUNT, ...(budget ? { budget } : {}) } });

  it('reads units and nanos exactly, and picks a named budget among several', async () => {
    const two = { json: { budgets: [
      { name: `billingAccounts/${TEST_BILLING_ACCOUNT}/budgets/a`, displayName: 'Team A', amount: { specifiedAmount: { currencyCode: 'EUR', units: '123', nanos: 450000000 } } },
      { name: `billingAccounts/${TEST_BILLING_ACCOUNT}/budgets/b`, displayName: 'Team B', amount: { specifiedAmount: { currencyCode: 'EUR', units: '10' } } },
    ] } };
    expect(amount((await withBudgets(two, 'Team A')).snapshot?.spendLimit?.money)).toBe('123.45 EUR');
    const unnamed = await withBudgets(two);
    expect(unnamed.snapshot?.spendLimit).toBeUndefined();
    expect(unnamed.snapshot?.notes).toContain(`Billing account ${TEST_BILLING_ACCOUNT} has 2 budgets; choose one with \`--set budget=ID or name\` to show it as the limit.`);
  });

  it('keeps the month-to-date and says which role is missing when budgets cannot be read', async () => {
    const denied = { status: 403, json: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } } };
    const { snapshot } = await withBudgets(denied);
    expect(amount(snapshot?.monthToDate?.money)).toBe('21.634567 USD');
    expect(snapshot?.notes?.join(' ')).toContain('Grant it Billing Account Viewer');
  });

  it('sets aside a negative budget amount and keeps the month-to-date', async () => {
    const negative = { json: { budgets: [{ name: `billingAccounts/${TEST_BILLING_ACCOUNT}/budgets/a`, displayName: 'A', amount: { specifiedAmount: { currencyCode: 'USD', units: '-1' } } }] } };
    const { snapshot } = await withBudgets(negative);
    expect(amount(snapshot?.monthToDate?.money)).toBe('21.634567 USD');
    expect(snapshot?.spendLimit).toBeUndefined();
  });

  it('reports an access token with control characters as a parse error of the token endpoint, not a network fault', async () => {
    const { error } = await pollGcp(gcpFake({ token: { json: { ...token, access_token: '\u0000' } }, query: { json: queryResponse } }));
    expect((error as ProviderError).kind).toBe('parse');
    expect((error as ProviderError).message).toContain('token endpoint');
  });

  it('reports a billing export row in an unknown currency as a parse error naming the field', async () => {
    const { error } = await pollGcp(gcpFake({ query: queryAnswer([['2026-11-15', 'Compute Engine', 'EURO', '5000000', '0']]) }));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain('rows.0.currency');
  });

  it('reports a budget in an unknown currency as a parse error naming the field, like any budget of another shape', async () => {
    const odd = { json: { budgets: [{ name: `billingAccounts/${TEST_BILLING_ACCOUNT}/budgets/a`, displayName: 'A', amount: { specifiedAmount: { currencyCode: 'EURO', units: '10' } } }] } };
    const { error } = await withBudgets(odd);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('parse');
    expect((error as ProviderError).message).toContain('currencyCode');
  });

  it('stops when the Budgets API repeats its page token, instead of asking for the same page five times', async () => {
    const { error, requests } = await withBudgets({ json: { ...budgets, nextPageToken: 'same' } });
    expect((error as ProviderError).kind).toBe('parse');
    expect(requests.filter((request) => request.path.endsWith('/budgets'))).toHaveLength(2);
  });

  it('stops when BigQuery repeats its page token, instead of asking for the same page twenty times', async () => {
    const page = queryAnswer([['2026-11-01', 'Cloud Run', 'USD', '1500000', '0']], { pageToken: 'same' });
    const { error, requests } = await pollGcp(gcpFake({ query: page, results: page }));
    expect((error as ProviderError).kind).toBe('parse');
    // jobs.query gave the token; the one getQueryResults call that repeats it is the last.
    expect(requests.filter((request) => request.path.includes('/queries/'))).toHaveLength(1);
  });
});
