/** OpenAI's adapter, fixture by fixture: costs, pages, projects, limits and every error the API documents. */
import { describe, expect, it } from 'vitest';
import { routes, startFakeServer, type FakeReply, type RecordedRequest } from '../../../../tests/fakes/fake-http-server.js';
import { openaiRoutes, startOpenAiFake } from '../../../../tests/fakes/openai-fake.js';
import { createHttpClient } from '../../http/http-client.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { createProviderContext } from '../provider-context.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import costs from './__fixtures__/costs.json' with { type: 'json' };
import creditGrants from './__fixtures__/credit-grants.json' with { type: 'json' };
import projectKeyError from './__fixtures__/error-project-key.json' with { type: 'json' };
import spendLimit from './__fixtures__/spend-limit.json' with { type: 'json' };
import { openaiProvider } from './openai-provider.js';

const apiKey = 'sk-admin-test-0000';
const ADMIN_KEY_MESSAGE = 'OpenAI needs an Admin key: create one at https://platform.openai.com/settings/organization/admin-keys';
const amount = (value: Money | undefined) => (value ? `${formatAmount(value.amount)} ${value.currency}` : undefined);
const healthyTable = openaiRoutes();

describeProviderContract({
  provider: openaiProvider,
  credentials: { apiKey },
  baseUrl: (origin) => `${origin}/v1`,
  healthy: routes(healthyTable),
  expectSnapshot(snapshot) {
    expect(amount(snapshot.monthToDate?.money)).toBe('4.4945678 USD');
    expect(snapshot.monthToDate?.confidence).toBe('official');
    expect(snapshot.dailySpend?.map((day) => [day.date, amount(day.money)])).toEqual([
      ['2026-11-01', '1.2945678 USD'],
      ['2026-11-02', '0.00 USD'],
      ['2026-11-21', '3.20 USD'],
    ]);
    expect(snapshot.breakdown?.map((item) => [item.dimension, item.label, formatAmount(item.money.amount)])).toEqual([
      ['line_item', 'o3-2025-04-16, input', '3.20'],
      ['line_item', 'gpt-4o-2024-08-06, output', '1.2345678'],
      ['line_item', 'gpt-4o-2024-08-06, input', '0.06'],
      ['project', 'proj_def', '3.10'],
      ['project', 'proj_abc', '1.2945678'],
      ['project', 'No project', '0.10'],
    ]);
    expect(snapshot.usage).toEqual([
      { model: 'o3-2025-04-16', inputTokens: 1600000, outputTokens: 52786, cachedInputTokens: undefined, requests: 57 },
      { model: 'gpt-4o-2024-08-06', inputTokens: 187150, outputTokens: 10038, cachedInputTokens: 1024, requests: 620 },
    ]);
    expect(amount(snapshot.spendLimit?.money)).toBe('100.00 USD');
    expect(snapshot.balance).toBeUndefined();
  },
});

interface PollOptions {
  now?: Date;
  month?: ReturnType<typeof billingMonth>;
  settings?: Record<string, string>;
  key?: string;
}

async function pollWith(table: Record<string, FakeReply | ((request: RecordedRequest) => FakeReply)>, options: PollOptions = {}) {
  const server = await startFakeServer(routes(table));
  try {
    const snapshot = await poll(`${server.origin}/v1`, options);
    return { snapshot, requests: server.requests };
  } finally {
    await server.close();
  }
}

function poll(baseUrl: string, options: PollOptions = {}): Promise<Snapshot> {
  const now = options.now ?? new Date('2026-11-21T10:00:00Z');
  const context = createProviderContext({
    provider: openaiProvider,
    http: createHttpClient({ maxRetries: 0 }),
    now: () => now,
    month: options.month ?? billingMonth(2026, 11),
    credentials: { apiKey: options.key ?? apiKey },
    settings: options.settings,
    baseUrl,
  });
  return openaiProvider.fetchSnapshot!(context);
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const costsWith = (data: unknown[]) => ({ json: { object: 'page', data, has_more: false, next_page: null } });

describe('OpenAI specifics', () => {
  it('asks for the whole month in one grouped costs request, with repeated group_by keys', async () => {
    const { requests } = await pollWith(healthyTable);
    expect(requests.map((request) => request.path)).toEqual(['/v1/organization/costs', '/v1/organization/usage/completions', '/v1/organization/spend_limit']);
    const [costsRequest, usageRequest] = requests;
    expect(costsRequest!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(costsRequest!.query.get('start_time')).toBe('1793491200'); // 2026-11-01T00:00:00Z
    expect(costsRequest!.query.get('end_time')).toBe('1795255200'); // now
    expect(costsRequest!.query.get('bucket_width')).toBe('1d');
    expect(Number(costsRequest!.query.get('limit'))).toBeGreaterThanOrEqual(31);
    expect(costsRequest!.query.getAll('group_by')).toEqual(['line_item', 'project_id']);
    expect(usageRequest!.query.getAll('group_by')).toEqual(['model']);
    expect(usageRequest!.query.get('bucket_width')).toBe('1d');
  });

  it('follows next_page and adds up every page', async () => {
    const fake = await startOpenAiFake({ paginate: true });
    try {
      const snapshot = await poll(fake.url);
      expect(amount(snapshot.monthToDate?.money)).toBe('4.4945678 USD');
      const costRequests = fake.requests.filter((request) => request.path === '/v1/organization/costs');
      expect(costRequests.map((request) => request.query.get('page'))).toEqual([null, 'page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=']);
      expect(costRequests[1]!.query.getAll('group_by')).toEqual(['line_item', 'project_id']);
    } finally {
      await fake.close();
    }
  });

  it('puts buckets that do not start at midnight on the UTC day they start, adding same-day buckets', async () => {
    const result = (value: number) => ({ object: 'organization.costs.result', amount: { value, currency: 'usd' }, line_item: null, project_id: null });
    const { snapshot } = await pollWith({
      ...healthyTable,
      'GET /v1/organization/costs': costsWith([
        { object: 'bucket', start_time: 1793491200 + 37_260, end_time: 1793577600, results: [result(0.5)] },
        { object: 'bucket', start_time: 1795132800, end_time: 1795176000, results: [result(0.25)] },
        { object: 'bucket', start_time: 1795176000, end_time: 1795219200, results: [result(0.05)] },
        { object: 'bucket', start_time: 1795219200, end_time: 1795255200, results: [] },
      ]),
    });
    expect(snapshot.dailySpend?.map((day) => [day.date, formatAmount(day.money.amount)])).toEqual([
      ['2026-11-01', '0.50'],
      ['2026-11-20', '0.30'],
      ['2026-11-21', '0.00'],
    ]);
    expect(amount(snapshot.monthToDate?.money)).toBe('0.80 USD');
  });

  it.each([
    [401, 'auth'],
    [403, 'permission'],
  ] as const)('tells a user with a project key (HTTP %i) to create an Admin key', async (status, kind) => {
    const server = await startFakeServer(() => ({ status, json: projectKeyError }));
    try {
      const error = await failureOf(poll(`${server.origin}/v1`, { key: 'sk-proj-test-0000' }));
      expect(error.kind).toBe(kind);
      expect(error.message).toContain(ADMIN_KEY_MESSAGE);
      expect(error.message).not.toContain('sk-proj-test-0000');
    } finally {
      await server.close();
    }
  });

  it('omits the spend limit without a note when the organization has none (404)', async () => {
    const fake = await startOpenAiFake({ noSpendLimit: true });
    try {
      const snapshot = await poll(fake.url);
      expect(snapshot.spendLimit).toBeUndefined();
      expect(amount(snapshot.monthToDate?.money)).toBe('4.4945678 USD');
      expect(snapshot.notes?.join(' ')).not.toMatch(/spend limit/i);
    } finally {
      await fake.close();
    }
  });

  it('keeps the spend when the optional usage and spend-limit calls fail, and says so', async () => {
    const { snapshot } = await pollWith({
      'GET /v1/organization/costs': { json: costs },
      'GET /v1/organization/usage/completions': { status: 500, json: { error: { message: 'boom' } } },
      'GET /v1/organization/spend_limit': { status: 403, json: { error: { message: 'Missing scopes' } } },
    });
    expect(amount(snapshot.monthToDate?.money)).toBe('4.4945678 USD');
    expect(snapshot.usage).toBeUndefined();
    expect(snapshot.spendLimit).toBeUndefined();
    expect(snapshot.notes?.join(' ')).toMatch(/Token usage unavailable/);
    expect(snapshot.notes?.join(' ')).toMatch(/Spend limit unavailable/);
  });

  it('reads the unofficial credit_grants balance only when the account opts in, and labels it', async () => {
    const table = { ...healthyTable, 'GET /dashboard/billing/credit_grants': { json: creditGrants } };
    const off = await pollWith(table);
    expect(off.requests.some((request) => request.path.includes('credit_grants'))).toBe(false);
    expect(off.snapshot.balance).toBeUndefined();

    const on = await pollWith(table, { settings: { creditGrants: 'on' } });
    expect(amount(on.snapshot.balance?.money)).toBe('12.75 USD');
    expect(on.snapshot.notes?.join(' ')).toMatch(/unofficial/);
  });

  it('accepts numeric strings where numbers are documented, ignores unknown fields, and skips lines without an amount', async () => {
    const { snapshot } = await pollWith({
      ...healthyTable,
      'GET /v1/organization/costs': costsWith([
        {
          object: 'bucket',
          start_time: '1793491200',
          end_time: 1793577600,
          surprise: { nested: true },
          results: [
            { object: 'organization.costs.result', amount: { value: '1.50', currency: 'usd' }, line_item: 'x', project_id: 'p', organization_id: 'org-1' },
            { object: 'organization.costs.result', line_item: 'y', project_id: 'p' },
          ],
        },
      ]),
    });
    expect(amount(snapshot.monthToDate?.money)).toBe('1.50 USD');
    expect(snapshot.notes?.join(' ')).toMatch(/1 OpenAI cost line\(s\) had no amount/);
  });

  it('names the field when a cost amount is not a number', async () => {
    const server = await startFakeServer(
      routes({
        ...healthyTable,
        'GET /v1/organization/costs': costsWith([{ object: 'bucket', start_time: 1793491200, end_time: 1793577600, results: [{ amount: { value: '1,50', currency: 'usd' } }] }]),
      }),
    );
    try {
      const error = await failureOf(poll(`${server.origin}/v1`));
      expect(error.kind).toBe('parse');
      expect(error.message).toContain('data.0.results.0.amount.value');
    } finally {
      await server.close();
    }
  });

  it('shows zero, not unknown, when OpenAI reports buckets without any cost', async () => {
    const { snapshot } = await pollWith({
      ...healthyTable,
      'GET /v1/organization/costs': costsWith([{ object: 'bucket', start_time: 1793491200, end_time: 1793577600, results: [] }]),
    });
    expect(amount(snapshot.monthToDate?.money)).toBe('0.00 USD');
  });

  it('asks for a past month up to its last second', async () => {
    const { requests } = await pollWith(healthyTable, { month: billingMonth(2026, 10) });
    expect(requests[0]!.query.get('start_time')).toBe(String(Date.UTC(2026, 9, 1) / 1000));
    expect(requests[0]!.query.get('end_time')).toBe('1793491200');
  });

  it('refuses to add costs in two currencies', async () => {
    const server = await startFakeServer(
      routes({
        ...healthyTable,
        'GET /v1/organization/costs': costsWith([
          { start_time: 1793491200, results: [{ amount: { value: 1, currency: 'usd' } }, { amount: { value: 1, currency: 'eur' } }] },
        ]),
      }),
    );
    try {
      const error = await failureOf(poll(`${server.origin}/v1`));
      expect(error.kind).toBe('parse');
      expect(error.message).toMatch(/several currencies/);
    } finally {
      await server.close();
    }
  });

  it('sets aside a spend limit of 400 digits and keeps the month-to-date, instead of a crash in the decimal library', async () => {
    const { snapshot } = await pollWith({ ...healthyTable, 'GET /v1/organization/spend_limit': { json: { ...spendLimit, threshold_amount: '9'.repeat(400) } } });
    expect(amount(snapshot.monthToDate?.money)).toBe('4.4945678 USD');
    expect(snapshot.spendLimit).toBeUndefined();
    expect(snapshot.notes?.join(' ')).toContain('OpenAI reported a spend limit of 1e+398, which cannot be; it is not shown.');
  });

  it('sets aside a spend limit in an unknown currency with a note naming the field, keeping the month-to-date', async () => {
    const { snapshot } = await pollWith({ ...healthyTable, 'GET /v1/organization/spend_limit': { json: { ...spendLimit, currency: 'EURO' } } });
    expect(amount(snapshot.monthToDate?.money)).toBe('4.4945678 USD');
    expect(snapshot.spendLimit).toBeUndefined();
    expect(snapshot.notes?.join(' ')).toMatch(/Spend limit unavailable: .*"currency"/);
  });

  it('stops when OpenAI repeats its page cursor, instead of asking for the same page ten times', async () => {
    const repeating = { json: { ...costs, has_more: true, next_page: 'page_same' } };
    const server = await startFakeServer(routes({ ...healthyTable, 'GET /v1/organization/costs': repeating }));
    try {
      const error = await failureOf(poll(`${server.origin}/v1`));
      expect(error.kind).toBe('parse');
      expect(server.requests.filter((request) => request.path === '/v1/organization/costs')).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
