import { describe, expect, it } from 'vitest';
import { anthropicRoutes, startAnthropicFake } from '../../../../tests/fakes/anthropic-fake.js';
import { routes, startFakeServer, type FakeReply, type RecordedRequest } from '../../../../tests/fakes/fake-http-server.js';
import { createHttpClient } from '../../http/http-client.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { createProviderContext } from '../provider-context.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import normalKeyError from './__fixtures__/error-normal-key.json' with { type: 'json' };
import costPage1 from './__fixtures__/cost-report-page-1.json' with { type: 'json' };
import usageReport from './__fixtures__/usage-report.json' with { type: 'json' };
import { anthropicProvider } from './anthropic-provider.js';

const apiKey = 'sk-ant-admin01-test-0000';
const amount = (value: Money | undefined) => (value ? `${formatAmount(value.amount)} ${value.currency}` : undefined);
const healthyTable = anthropicRoutes();

describeProviderContract({
  provider: anthropicProvider,
  credentials: { apiKey },
  baseUrl: (origin) => origin,
  healthy: routes(healthyTable),
  expectSnapshot(snapshot) {
    // "123.78912" + "876.21088" cents across two pages.
    expect(amount(snapshot.monthToDate?.money)).toBe('10.00 USD');
    expect(snapshot.monthToDate?.confidence).toBe('official');
    expect(snapshot.dailySpend?.map((day) => [day.date, amount(day.money)])).toEqual([
      ['2026-11-01', '1.2378912 USD'],
      ['2026-11-02', '8.7621088 USD'],
      ['2026-11-03', '0.00 USD'],
    ]);
    expect(snapshot.breakdown?.map((item) => [item.dimension, item.label, formatAmount(item.money.amount)])).toEqual([
      ['model', 'claude-sonnet-4-20250514', '10.00'],
      ['line_item', 'Tokens', '10.00'],
    ]);
    expect(snapshot.usage).toEqual([
      { model: 'claude-sonnet-4-20250514', inputTokens: 5700, outputTokens: 3600, cachedInputTokens: 200 },
      { model: 'claude-3-5-haiku-20241022', inputTokens: 800, outputTokens: 120, cachedInputTokens: 0 },
    ]);
    expect(snapshot.balance).toBeUndefined();
    expect(snapshot.balances).toBeUndefined();
    expect(snapshot.notes).toContain('Priority Tier costs are not included in Anthropic’s cost report.');
  },
});

interface PollOptions {
  month?: ReturnType<typeof billingMonth>;
  key?: string;
}

function poll(baseUrl: string, options: PollOptions = {}): Promise<Snapshot> {
  const now = new Date('2026-11-21T10:00:00Z');
  const context = createProviderContext({
    provider: anthropicProvider,
    http: createHttpClient({ maxRetries: 0 }),
    now: () => now,
    month: options.month ?? billingMonth(2026, 11),
    credentials: { apiKey: options.key ?? apiKey },
    baseUrl,
  });
  return anthropicProvider.fetchSnapshot!(context);
}

async function pollWith(table: Record<string, FakeReply | ((request: RecordedRequest) => FakeReply)>, options: PollOptions = {}) {
  const server = await startFakeServer(routes(table));
  try {
    return { snapshot: await poll(server.origin, options), requests: server.requests };
  } finally {
    await server.close();
  }
}

async function failureWith(table: Parameters<typeof routes>[0], options: PollOptions = {}): Promise<ProviderError> {
  const error = await pollWith(table, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const reportWith = (results: unknown[]) => ({
  json: { data: [{ starting_at: '2026-11-05T00:00:00Z', ending_at: '2026-11-06T00:00:00Z', results }], has_more: false, next_page: null },
});

describe('Anthropic specifics', () => {
  it('sends the Admin key as x-api-key with anthropic-version, and asks for the month by day with bracketed group_by', async () => {
    const fake = await startAnthropicFake();
    try {
      await poll(fake.url);
      // The usage report is asked for alongside the cost report's pages (see concurrent-calls.ts).
      const [first, second] = fake.requests.filter((request) => request.path === '/v1/organizations/cost_report');
      const usage = fake.requests.find((request) => request.path === '/v1/organizations/usage_report/messages');
      expect(fake.requests).toHaveLength(3);
      expect(first!.headers['x-api-key']).toBe(apiKey);
      expect(first!.headers['anthropic-version']).toBe('2023-06-01');
      expect(first!.headers.authorization).toBeUndefined();
      expect(first!.query.get('starting_at')).toBe('2026-11-01T00:00:00Z');
      expect(first!.query.get('ending_at')).toBe('2026-11-21T10:00:00Z');
      expect(first!.query.get('bucket_width')).toBe('1d');
      expect(first!.query.get('limit')).toBe('31');
      expect(first!.query.getAll('group_by[]')).toEqual(['description']);
      expect(first!.query.get('page')).toBeNull();
      expect(second!.query.get('page')).toBe('page_MjAyNi0xMS0wMlQwMDowMDowMFo=');
      expect(second!.query.getAll('group_by[]')).toEqual(['description']);
      expect(usage!.query.getAll('group_by[]')).toEqual(['model']);
    } finally {
      await fake.close();
    }
  });

  it.each([
    [401, 'auth'],
    [403, 'permission'],
  ] as const)('tells a user with a normal API key (HTTP %i) to create an Admin key, which needs an organization', async (status, kind) => {
    const normalKey = 'sk-ant-api03-test-0000';
    const error = await failureWith({ 'GET /v1/organizations/cost_report': { status, json: normalKeyError } }, { key: normalKey });
    expect(error.kind).toBe(kind);
    expect(error.message).toContain('Admin key');
    expect(error.message).toContain('https://console.anthropic.com/settings/admin-keys');
    expect(error.message).toMatch(/need an organization/);
    expect(error.message).toContain('sk-ant-api…');
    expect(error.message).not.toContain(normalKey);
  });

  it('keeps the spend when the usage report fails, and says so', async () => {
    const { snapshot } = await pollWith({
      ...healthyTable,
      'GET /v1/organizations/usage_report/messages': { status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
    });
    expect(amount(snapshot.monthToDate?.money)).toBe('10.00 USD');
    expect(snapshot.usage).toBeUndefined();
    expect(snapshot.notes?.join(' ')).toMatch(/Token usage unavailable/);
  });

  it('splits non-token costs by cost type, not by model', async () => {
    const { snapshot } = await pollWith({
      ...healthyTable,
      'GET /v1/organizations/cost_report': reportWith([
        { currency: 'USD', amount: '250.5', description: 'Claude Opus 4 Usage - Output Tokens', cost_type: 'tokens', model: 'claude-opus-4-20250514' },
        { currency: 'USD', amount: '100', description: 'Web Search Usage', cost_type: 'web_search', model: null },
        { currency: 'USD', amount: '5.25', description: 'Code Execution Usage', cost_type: 'code_execution', model: null },
      ]),
    });
    expect(amount(snapshot.monthToDate?.money)).toBe('3.5575 USD');
    expect(snapshot.breakdown?.map((item) => [item.dimension, item.label, formatAmount(item.money.amount)])).toEqual([
      ['model', 'claude-opus-4-20250514', '2.505'],
      ['line_item', 'Tokens', '2.505'],
      ['line_item', 'Web search', '1.00'],
      ['line_item', 'Code execution', '0.0525'],
    ]);
  });

  it('accepts a number where a cents string is documented, ignores unknown fields, and skips items without an amount', async () => {
    const { snapshot } = await pollWith({
      ...healthyTable,
      'GET /v1/organizations/cost_report': reportWith([
        { currency: 'USD', amount: 250, description: null, speed: 'fast', brand_new_field: { a: 1 } },
        { currency: 'USD', description: 'no amount here' },
      ]),
    });
    expect(amount(snapshot.monthToDate?.money)).toBe('2.50 USD');
    expect(snapshot.dailySpend?.map((day) => day.date)).toEqual(['2026-11-05']);
    expect(snapshot.notes?.join(' ')).toMatch(/1 Anthropic cost item\(s\) had no amount/);
  });

  it('names the field when an amount is not a decimal', async () => {
    const error = await failureWith({ ...healthyTable, 'GET /v1/organizations/cost_report': reportWith([{ currency: 'USD', amount: '12,3' }]) });
    expect(error.kind).toBe('parse');
    expect(error.message).toContain('data.0.results.0.amount');
  });

  it('names the field when a bucket time is not RFC 3339', async () => {
    const error = await failureWith({
      ...healthyTable,
      'GET /v1/organizations/cost_report': { json: { data: [{ starting_at: 'yesterday', results: [] }], has_more: false, next_page: null } },
    });
    expect(error.kind).toBe('parse');
    expect(error.message).toContain('data.0.starting_at');
  });

  it('asks for a past month up to its end', async () => {
    const { requests } = await pollWith(healthyTable, { month: billingMonth(2026, 10) });
    expect(requests[0]!.query.get('starting_at')).toBe('2026-10-01T00:00:00Z');
    expect(requests[0]!.query.get('ending_at')).toBe('2026-11-01T00:00:00Z');
  });

  it('shows cents sent as a subnormal float (-5e-324) as 0.00, not hundreds of decimals no reader accepts', async () => {
    const { snapshot } = await pollWith({
      'GET /v1/organizations/cost_report': reportWith([{ amount: -5e-324, currency: 'USD', description: null }]),
      'GET /v1/organizations/usage_report/messages': { json: usageReport },
    });
    expect(amount(snapshot.monthToDate?.money)).toBe('0.00 USD');
  });

  it('stops when Anthropic repeats its page cursor, instead of asking for the same page ten times', async () => {
    const server = await startFakeServer(routes({
      'GET /v1/organizations/cost_report': { json: { ...costPage1, has_more: true, next_page: 'page_same' } },
      'GET /v1/organizations/usage_report/messages': { json: usageReport },
    }));
    try {
      const error = await poll(server.origin).catch((caught: unknown) => caught);
      expect((error as ProviderError).kind).toBe('parse');
      expect(server.requests.filter((request) => request.path === '/v1/organizations/cost_report')).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
