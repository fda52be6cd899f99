import { describe, expect, it } from 'vitest';
import { routes, type FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import { mistralRoutes } from '../../../../tests/fakes/mistral-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import type { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import spendLimit from './__fixtures__/spend-limit.json' with { type: 'json' };
import { adminBaseUrl, mistralProvider } from './mistral-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'mistral-admin-test-secret-0000';

describeProviderContract({
  provider: mistralProvider,
  credentials: { apiKey },
  baseUrl: (origin) => origin,
  healthy: routes(mistralRoutes()),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('124.50');
    expect(snapshot.monthToDate!.money.currency).toBe('EUR');
    expect(snapshot.monthToDate!.confidence).toBe('official');
    expect(formatAmount(snapshot.spendLimit!.money.amount)).toBe('500.00');
    expect(snapshot.balance).toBeUndefined();
  },
});

async function poll(reply: FakeReply, options: { month?: ReturnType<typeof billingMonth>; path?: string; base?: (origin: string) => string } = {}) {
  const { outcome, requests } = await pollAdapter({
    provider: mistralProvider,
    handler: routes({ [`GET ${options.path ?? '/v1/admin/spend-limit'}`]: reply }),
    credentials: { apiKey },
    month: options.month,
    baseUrl: options.base,
  });
  return { result: outcome, requests };
}

async function snapshotFor(json: unknown, month?: ReturnType<typeof billingMonth>): Promise<Snapshot> {
  const { result } = await poll({ json }, { month });
  if (result instanceof Error) throw result;
  return result;
}

const completion = spendLimit.limits.completion;

describe('Mistral specifics', () => {
  it('sends the admin key as x-api-key (the docs) and as a Bearer token (the OpenAPI)', async () => {
    const { requests } = await poll({ json: spendLimit });
    expect(requests[0]!.headers['x-api-key']).toBe(apiKey);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it.each([
    ['https://api.mistral.ai', 'https://api.mistral.ai/v1/admin'],
    ['https://api.mistral.ai/v1/admin', 'https://api.mistral.ai/v1/admin'],
    ['https://console.mistral.ai/api/admin', 'https://console.mistral.ai/api/admin'],
  ])('uses %s as the Admin API at %s', (base, admin) => {
    expect(adminBaseUrl(base)).toBe(admin);
  });

  it('follows an override that already names the older console admin prefix', async () => {
    const { result } = await poll({ json: spendLimit }, { path: '/api/admin/spend-limit', base: (origin) => `${origin}/api/admin` });
    expect(formatAmount((result as Snapshot).monthToDate!.money.amount)).toBe('124.50');
  });

  it('falls back to API usage with a note when no total is reported', async () => {
    const snapshot = await snapshotFor({ limits: { ...spendLimit.limits, completion: { monthly_limit_reached: false, usage: '118.40' } } });
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('118.40');
    expect(snapshot.notes?.join(' ')).toMatch(/Vibe usage may not be included/);
  });

  it('leaves spend unknown, not zero, for the published minimal answer', async () => {
    const snapshot = await snapshotFor({ limits: { completion: { monthly_limit_reached: false }, currency: 'EUR', last_payment_failure: false, last_payment_failure_protection: null } });
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.spendLimit).toBeUndefined();
  });

  it('shows no limit when none is set, and warns when the limit is reached', async () => {
    const snapshot = await snapshotFor({ limits: { ...spendLimit.limits, completion: { ...completion, no_monthly_limit: true, monthly_limit_reached: true } } });
    expect(snapshot.spendLimit).toBeUndefined();
    expect(snapshot.notes).toContain('No monthly spending limit is set.');
    expect(snapshot.notes?.join(' ')).toMatch(/limit reached/);
  });

  it('notes a failed payment', async () => {
    const snapshot = await snapshotFor({ limits: { ...spendLimit.limits, last_payment_failure: true } });
    expect(snapshot.notes).toContain('Mistral says the last payment attempt failed.');
  });

  it('reports a past month as unknown (usage is for the current month only)', async () => {
    const snapshot = await snapshotFor(spendLimit, billingMonth(2026, 10));
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.notes).toContain('Mistral reports usage for the current month only.');
    expect(formatAmount(snapshot.spendLimit!.money.amount)).toBe('500.00');
  });

  it('tells a standard-key user to create an Admin API key, and where', async () => {
    const { result } = await poll({ status: 401, json: { detail: 'Unauthorized' } });
    expect((result as ProviderError).kind).toBe('auth');
    expect((result as ProviderError).message).toMatch(/Admin API key/);
    expect((result as ProviderError).message).toContain('https://backoffice.mistral.ai');
  });

  it('names the field when the currency is not a currency', async () => {
    const { result } = await poll({ json: { limits: { ...spendLimit.limits, currency: 'ipsum eiusmod' } } });
    expect((result as ProviderError).kind).toBe('parse');
    expect((result as ProviderError).message).toContain('limits.currency');
  });

  it('shows a month-to-date sent with binary noise (13.629999999999999) as 13.63', async () => {
    const snapshot = await snapshotFor({ limits: { ...spendLimit.limits, completion: { ...completion, total_usage: 13.629999999999999 } } });
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('13.63');
  });
});
