import { describe, expect, it } from 'vitest';
import { routes, type RecordedRequest } from '../../../../tests/fakes/fake-http-server.js';
import { lemonsqueezyRoutes } from '../../../../tests/fakes/lemonsqueezy-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import currentUsage from './__fixtures__/current-usage.json' with { type: 'json' };
import subscriptionItems from './__fixtures__/subscription-items.json' with { type: 'json' };
import { lemonsqueezyProvider } from './lemonsqueezy-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.Qm9vZ2llV29vZ2llX3Rlc3Rfa2V5XzA5';
const list = 'GET /v1/subscription-items';
const usageOf2 = 'GET /v1/subscription-items/2/current-usage';
const healthy = lemonsqueezyRoutes();

describeProviderContract({
  provider: lemonsqueezyProvider,
  credentials: { apiKey },
  baseUrl: (origin) => `${origin}/v1`,
  healthy: routes(healthy),
  expectSnapshot(snapshot) {
    expect(snapshot.quota).toEqual({ used: 5, unit: 'units this billing period (subscription item 2)', resetsAt: '2023-09-10T13:03:16+00:00' });
    expect(snapshot.notes).toContain('Subscription item 2: 5 units from 2023-08-10 to 2023-09-10 (monthly).');
    expect(snapshot.notes!.join(' ')).toMatch(/exposes no fee figures/);
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.balance).toBeUndefined();
  },
});

async function pollWith(table: Parameters<typeof routes>[0], key = apiKey, month = billingMonth(2026, 11)) {
  const { snapshot, error, requests } = await pollAdapter({ provider: lemonsqueezyProvider, handler: routes(table), credentials: { apiKey: key }, month, baseUrl: (origin) => `${origin}/v1` });
  return { snapshot, error, requests };
}

const usageBasedItems = (count: number) => ({
  data: Array.from({ length: count }, (_, index) => ({ type: 'subscription-items', id: String(index + 10), attributes: { subscription_id: index, is_usage_based: true, quantity: 0 } })),
  meta: { page: { currentPage: 1, lastPage: 3, perPage: 100, total: 250 } },
});

describe('Lemon Squeezy specifics', () => {
  it('speaks JSON:API and asks for usage of usage-based items only', async () => {
    const { requests } = await pollWith(healthy);
    expect(requests.map((request) => request.path)).toEqual(['/v1/subscription-items', '/v1/subscription-items/2/current-usage']);
    expect(requests[0]!.query.get('page[size]')).toBe('100');
    for (const request of requests) {
      expect(request.headers.accept).toBe('application/vnd.api+json');
      expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
    }
  });

  it('takes the busiest item as the quota, notes every item, and bounds the requests', async () => {
    const usage = (request: RecordedRequest) => {
      const id = Number(request.path.split('/')[3]);
      return { json: { meta: { ...currentUsage.meta, quantity: id === 13 ? '900' : id, interval_unit: 'month', interval_quantity: 3 } } };
    };
    const table: Parameters<typeof routes>[0] = { [list]: { json: usageBasedItems(12) } };
    for (let id = 10; id < 22; id += 1) table[`GET /v1/subscription-items/${id}/current-usage`] = usage;
    const { snapshot, requests } = await pollWith(table);
    expect(requests.filter((request) => request.path.endsWith('current-usage'))).toHaveLength(10);
    expect(snapshot!.quota!.used).toBe(900);
    expect(snapshot!.quota!.unit).toBe('units this billing period (subscription item 13)');
    expect(snapshot!.notes).toContain('Subscription item 13: 900 units from 2023-08-10 to 2023-09-10 (every 3 months).');
    expect(snapshot!.notes).toContain('Usage shown for 10 of 12 usage-based subscription items.');
    expect(snapshot!.notes).toContain('Only the newest 100 subscription items were checked for usage-based billing.');
  });

  it('skips an item whose usage cannot be read, but stops on a rate limit', async () => {
    const missing = await pollWith({ [list]: { json: subscriptionItems }, [usageOf2]: { status: 404, json: { errors: [{ status: '404', title: 'Not Found' }] } } });
    expect(missing.snapshot!.quota).toBeUndefined();
    expect(missing.snapshot!.notes).toContain('Usage of subscription item 2 could not be read (config).');
    const limited = await pollWith({ [list]: { json: subscriptionItems }, [usageOf2]: { status: 429, headers: { 'retry-after': '60' }, json: {} } });
    expect(limited.error!.kind).toBe('rate-limited');
    expect(limited.error!.retryAfterMs).toBe(60_000);
  });

  it('says when there is no usage-based item, and asks nothing for past months', async () => {
    const none = await pollWith({ [list]: { json: { data: [{ type: 'subscription-items', id: '1', attributes: { is_usage_based: false } }] } } });
    expect(none.snapshot!.quota).toBeUndefined();
    expect(none.snapshot!.notes).toContain('No usage-based subscription items.');
    const past = await pollWith(healthy, apiKey, billingMonth(2026, 10));
    expect(past.requests).toHaveLength(0);
    expect(past.snapshot!.notes!.join(' ')).toMatch(/current billing period only/);
  });

  it('says which key to create when given a license key, without calling Lemon Squeezy', async () => {
    const { error, requests } = await pollWith(healthy, '38b1460a-5104-4067-a91d-77b872934d51');
    expect(error!.kind).toBe('auth');
    expect(error!.message).toMatch(/license key/);
    expect(error!.message).toContain('https://app.lemonsqueezy.com/settings/api');
    expect(requests).toHaveLength(0);
  });

  it('says where to create a key when the key is rejected', async () => {
    const { error } = await pollWith({ [list]: { status: 401, json: { jsonapi: { version: '1.0' }, errors: [{ detail: 'Unauthenticated.', status: '401', title: 'Unauthorized' }] } } });
    expect(error!.kind).toBe('auth');
    expect(error!.message).toContain('https://app.lemonsqueezy.com/settings/api');
  });

  it('skips a malformed usage answer, and names the field of a malformed list', async () => {
    const { error, snapshot } = await pollWith({ [list]: { json: subscriptionItems }, [usageOf2]: { json: { meta: { period_end: '2023-09-10T13:03:16+00:00' } } } });
    // A malformed item answer costs that item only, and says why.
    expect(error).toBeUndefined();
    expect(snapshot!.notes).toContain('Usage of subscription item 2 could not be read (parse).');
    const broken = await pollWith({ [list]: { json: { data: [{ id: '1' }] } } });
    expect(broken.error!.kind).toBe('parse');
    expect(broken.error!.message).toContain('data.0.attributes');
  });

  it('leaves the reset time unknown when the period end is not a time, instead of an "Invalid Date"', async () => {
    const { snapshot } = await pollWith({ [list]: { json: subscriptionItems }, [usageOf2]: { json: { ...currentUsage, meta: { ...currentUsage.meta, period_end: '' } } } });
    expect(snapshot!.quota!.used).toBe(5);
    expect(snapshot!.quota!.resetsAt).toBeUndefined();
  });
});
