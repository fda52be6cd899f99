import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsFake, ceCall, isolateAwsEnvironment, pollAws, type DailyServiceCosts } from '../../../../tests/fakes/aws-fake.js';
import { createDemoDataDir } from '../../host/demo.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount, type Money } from '../../model/money.js';
import type { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import daily from './__fixtures__/get-cost-and-usage-daily.json' with { type: 'json' };
import example from './__fixtures__/get-cost-and-usage-example.json' with { type: 'json' };
import forecast from './__fixtures__/get-cost-forecast.json' with { type: 'json' };
import { awsProvider, createAwsProvider } from './aws-provider.js';

isolateAwsEnvironment();

const amount = (value: Money | undefined) => (value ? `${formatAmount(value.amount)} ${value.currency}` : undefined);
const breakdownOf = (snapshot: Snapshot | undefined) => snapshot?.breakdown?.map((item) => [item.label, formatAmount(item.money.amount)]);
const S3 = 'Amazon Simple Storage Service';
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const fixtures = awsFake({
  costs: {},
  costAndUsage: { headers: { 'content-type': 'application/x-amz-json-1.1' }, json: daily },
  forecast: { headers: { 'content-type': 'application/x-amz-json-1.1' }, json: forecast },
});

describeProviderContract({
  // The suite's HTTP client gives up after 400 ms; the SDK transport gets the same deadline here.
  provider: createAwsProvider({ timeoutMs: 400 }),
  credentials: {},
  baseUrl: (origin) => origin,
  healthy: fixtures,
  // Every Cost Explorer call is billed: the adapter never retries, the scheduler does.
  requestsOn5xx: 1,
  expectSnapshot(snapshot) {
    expect(amount(snapshot.monthToDate?.money)).toBe('78.1226137778 USD');
    expect(snapshot.monthToDate?.confidence).toBe('official');
    expect(snapshot.dailySpend?.map((day) => [day.date, amount(day.money)])).toEqual([
      ['2026-11-18', '52.8543773134 USD'],
      ['2026-11-19', '12.7682364644 USD'],
      ['2026-11-20', '12.50 USD'],
      ['2026-11-21', '0.00 USD'],
    ]);
    // Days before 19 Nov are settled and split by service; the last three are one line.
    expect(breakdownOf(snapshot)).toEqual([
      [S3, '40.3543773134'],
      [EC2, '12.50'],
      ['Recent days, not yet final', '25.2682364644'],
    ]);
    // Actual spend before today plus AWS's forecast for today to the month's end.
    expect(amount(snapshot.forecast?.money)).toBe('265.6226137778 USD');
    expect(snapshot.balance).toBeUndefined();
  },
});

describe('aws provider', () => {
  it('costs 0.02 USD per refresh, refreshes every 12 hours by default and needs no stored secret', () => {
    expect(awsProvider.costPerRefresh).toEqual({ amount: '0.02', currency: 'USD' });
    expect(awsProvider.refresh.defaultMs).toBe(12 * 3_600_000);
    expect(awsProvider.credentials.every((spec) => spec.optional && !spec.secret)).toBe(true);
  });

  it('asks for daily unblended cost by service and for the forecast from today to the month end, signed for ce in us-east-1', async () => {
    const { requests } = await pollAws(fixtures);
    expect(requests.map((request) => ceCall(request))).toEqual([
      {
        operation: 'GetCostAndUsage',
        body: {
          TimePeriod: { Start: '2026-11-01', End: '2026-11-22' },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        },
      },
      { operation: 'GetCostForecast', body: { TimePeriod: { Start: '2026-11-21', End: '2026-12-01' }, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY' } },
    ]);
    expect(requests[0]!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(String(requests[0]!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATEST000000000000\/\d{8}\/us-east-1\/ce\/aws4_request/);
  });

  it('reads the published example (September 2017, S3 by tag): 40.6226137778 USD, no forecast for a past month', async () => {
    const { snapshot, requests } = await pollAws(awsFake({ costs: {}, costAndUsage: { json: example } }), { month: billingMonth(2017, 9) });
    expect(requests).toHaveLength(1);
    expect(amount(snapshot?.monthToDate?.money)).toBe('40.6226137778 USD');
    expect(breakdownOf(snapshot)).toEqual([[S3, '40.6226137778']]);
    expect(snapshot?.forecast).toBeUndefined();
  });

  it('makes at most two Cost Explorer requests: a second page takes the forecast’s place', async () => {
    const costs = monthOfCosts();
    const { snapshot, requests } = await pollAws(awsFake({ costs, forecast: '100', pageDays: 15 }));
    expect(requests.map((request) => ceCall(request).operation)).toEqual(['GetCostAndUsage', 'GetCostAndUsage']);
    expect(amount(snapshot?.monthToDate?.money)).toBe('219.00 USD');
    expect(snapshot?.forecast).toBeUndefined();
    expect(snapshot?.notes?.join(' ')).toContain('No forecast this time');
  });

  it('stops after two requests when the answer needs a third page, and says why', async () => {
    const { error, requests } = await pollAws(awsFake({ costs: monthOfCosts(), forecast: '100', pageDays: 7 }));
    expect(requests).toHaveLength(2);
    expect((error as ProviderError).kind).toBe('config');
    expect((error as ProviderError).message).toContain('more than 2 pages');
  });

  it('leaves the forecast out when AWS has too little history for one', async () => {
    const { snapshot, requests } = await pollAws(awsFake({ costs: monthOfCosts() }));
    expect(requests).toHaveLength(2);
    expect(amount(snapshot?.monthToDate?.money)).toBe('219.00 USD');
    expect(snapshot?.forecast).toBeUndefined();
    expect(snapshot?.notes).toContain('AWS has no forecast for this account yet (it needs more cost history).');
  });

  it('reports a forecast in an empty unit as a parse error naming the field, not a currency crash', async () => {
    const forecastReply = { headers: { 'content-type': 'application/x-amz-json-1.1' }, json: { ...forecast, Total: { ...forecast.Total, Unit: '' } } };
    const { error } = await pollAws(awsFake({ costs: { '2026-11-18': { [S3]: '1.00' } }, forecast: forecastReply }));
    expect((error as ProviderError).kind).toBe('parse');
    expect((error as ProviderError).message).toContain('Total.Unit');
  });

  it('refuses a month whose days add up beyond any bill as a parse error, instead of storing a figure no reader accepts', async () => {
    const huge = { '2026-11-18': { [S3]: '9999999999999.50' }, '2026-11-19': { [S3]: '9999999999999.50' } };
    const { snapshot, error } = await pollAws(awsFake({ costs: huge, forecast: '1' }));
    expect(snapshot).toBeUndefined();
    expect((error as ProviderError).kind).toBe('parse');
  });
});

describe('aws settled days', () => {
  const first = async (costs: DailyServiceCosts, at = '2026-11-20T10:00:00Z') => (await pollAws(awsFake({ costs, forecast: '50' }), { now: new Date(at) })).snapshot!;

  it('asks only for the days since the last poll’s settled ones, and the merged month is exact', async () => {
    const costs = monthOfCosts();
    const previous = await first(costs);
    costs['2026-11-19'] = { [EC2]: '10.00', [S3]: '1.25' }; // AWS revised a recent day since
    costs['2026-11-21'] = { [EC2]: '10.00' };
    const { snapshot, requests } = await pollAws(awsFake({ costs, forecast: '50' }), { previous });
    expect(ceCall(requests[0]!).body.TimePeriod).toEqual({ Start: '2026-11-18', End: '2026-11-22' });
    expect(amount(snapshot?.monthToDate?.money)).toBe('220.25 USD');
    expect(snapshot?.dailySpend?.find((day) => day.date === '2026-11-19')?.money.amount.toString()).toBe('11.25');
    expect(breakdownOf(snapshot)).toEqual([
      [EC2, '180.00'],
      [S3, '9.00'],
      ['Recent days, not yet final', '31.25'],
    ]);
  });

  it('fetches the whole month again when the last snapshot does not add up', async () => {
    const previous = await first(monthOfCosts());
    const tampered: Snapshot = { ...previous, breakdown: previous.breakdown?.slice(1) };
    const { requests } = await pollAws(awsFake({ costs: monthOfCosts(), forecast: '50' }), { previous: tampered });
    expect(ceCall(requests[0]!).body.TimePeriod).toEqual({ Start: '2026-11-01', End: '2026-11-22' });
  });

  it('reads a closed month once more after it ends, then never again', async () => {
    const october = billingMonth(2026, 10);
    const costs = { '2026-10-01': { [EC2]: '3.00' }, '2026-10-31': { [EC2]: '4.00', Tax: '0.70' } };
    const during = (await pollAws(awsFake({ costs, forecast: '1' }), { month: october, now: new Date('2026-10-30T12:00:00Z') })).snapshot;
    const after = await pollAws(awsFake({ costs }), { month: october, previous: during });
    expect(ceCall(after.requests[0]!).body.TimePeriod).toEqual({ Start: '2026-10-01', End: '2026-11-01' });
    const again = await pollAws(awsFake({ costs }), { month: october, previous: after.snapshot });
    expect(again.requests).toHaveLength(0);
    expect(amount(again.snapshot?.monthToDate?.money)).toBe('7.70 USD');
    expect(breakdownOf(again.snapshot)).toEqual([
      [EC2, '7.00'],
      ['Tax', '0.70'],
    ]);
  });
});

describe('aws demo data', () => {
  it('lists an AWS account now that the provider is registered', () => {
    const dir = createDemoDataDir(new Date('2026-11-21T10:00:00Z'));
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { accounts: { id: string }[] };
    expect(settings.accounts.map((account) => account.id)).toContain('aws:demo');
  });
});

/** 1-21 Nov 2026: EC2 10.00 a day, S3 0.50 on the first 18 days (219.00 in all). */
function monthOfCosts(): DailyServiceCosts {
  const costs: DailyServiceCosts = {};
  for (let day = 1; day <= 21; day += 1) {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    costs[date] = day <= 18 ? { [EC2]: '10.00', [S3]: '0.50' } : { [EC2]: '10.00' };
  }
  return costs;
}
