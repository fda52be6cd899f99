import { describe, expect, it } from 'vitest';
import { routes } from '../../../../tests/fakes/fake-http-server.js';
import { openrouterRoutes } from '../../../../tests/fakes/openrouter-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import credits from './__fixtures__/credits.json' with { type: 'json' };
import key from './__fixtures__/key.json' with { type: 'json' };
import { openrouterProvider } from './openrouter-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'sk-or-v1-contract-secret-0123456789';

describeProviderContract({
  provider: openrouterProvider,
  credentials: { apiKey },
  baseUrl: (origin) => `${origin}/api/v1`,
  healthy: routes(openrouterRoutes()),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('74.75');
    expect(snapshot.balance!.confidence).toBe('official');
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('12.50');
    expect(formatAmount(snapshot.spendLimit!.money.amount)).toBe('50.00');
  },
});

async function pollWith(table: Parameters<typeof routes>[0], now = new Date('2026-11-21T10:00:00Z'), month = billingMonth(2026, 11)) {
  const { snapshot, error, requests } = await pollAdapter({ provider: openrouterProvider, handler: routes(table), credentials: { apiKey }, now, month, baseUrl: (origin) => `${origin}/api/v1` });
  if (error) throw error;
  return { snapshot: snapshot!, requests };
}

describe('OpenRouter specifics', () => {
  it('names the key in its note by the name the user gave it, never by the part of the key OpenRouter shows', async () => {
    const masked = `${apiKey.slice(0, 12)}...${apiKey.slice(-4)}`;
    const unnamed = await pollWith(openrouterRoutes({ 'GET /api/v1/key': { json: { data: { ...key.data, label: masked } } } }));
    expect(unnamed.snapshot.notes).toContain('Month-to-date is this key’s usage.');
    expect(unnamed.snapshot.notes?.join(' ')).not.toMatch(/sk-or|contract|6789/);
    const named = await pollWith(openrouterRoutes({ 'GET /api/v1/key': { json: { data: { ...key.data, label: 'production' } } } }));
    expect(named.snapshot.notes).toContain('Month-to-date is this key’s usage (production).');
  });

  it('sends the key as a Bearer token', async () => {
    const { requests } = await pollWith(openrouterRoutes());
    expect(requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${apiKey}`, `Bearer ${apiKey}`]);
  });

  it('shows key usage without a balance when the key is not a management key (403 on /credits)', async () => {
    const { snapshot } = await pollWith({
      'GET /api/v1/credits': { status: 403, json: { error: { code: 403, message: 'Only management keys can perform this operation' } } },
      'GET /api/v1/key': { json: { data: { ...key.data, is_management_key: false } } },
    });
    expect(snapshot.balance).toBeUndefined();
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('12.50');
    expect(snapshot.notes?.join(' ')).toMatch(/management key/);
  });

  it('does not trust a 0/0 credits answer for a normal key as a balance', async () => {
    const { snapshot } = await pollWith({
      'GET /api/v1/credits': { json: { data: { total_credits: 0, total_usage: 0 } } },
      'GET /api/v1/key': { json: { data: { ...key.data, is_management_key: false } } },
    });
    expect(snapshot.balance).toBeUndefined();
  });

  it('keeps float-looking dollars exact', async () => {
    const { snapshot } = await pollWith({
      'GET /api/v1/credits': { json: { data: { total_credits: 0.3, total_usage: 0.1 } } },
      'GET /api/v1/key': { json: key },
    });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('0.20');
  });

  it('leaves month-to-date unknown for a past month (usage_monthly is the current month only)', async () => {
    const { snapshot } = await pollWith(
      openrouterRoutes(),
      new Date('2026-11-21T10:00:00Z'),
      billingMonth(2026, 10),
    );
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.balance).toBeDefined();
  });

  it('treats missing optional key fields as unknown, not zero', async () => {
    const { snapshot } = await pollWith({
      'GET /api/v1/credits': { json: credits },
      'GET /api/v1/key': { json: { data: { label: 'k', extra_field: 1 } } },
    });
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.spendLimit).toBeUndefined();
  });

  it('stores usage sent with binary noise (13.629999999999999) as the amount meant, 13.63', async () => {
    const { snapshot } = await pollWith({
      'GET /api/v1/credits': { json: credits },
      'GET /api/v1/key': { json: { data: { ...key.data, usage_monthly: 13.629999999999999 } } },
    });
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('13.63');
  });

  it('reads credits sent as a string with more decimals than Spendbar keeps, instead of failing the poll', async () => {
    const { snapshot } = await pollWith({
      'GET /api/v1/credits': { json: { data: { total_credits: '100.33333333333333333333', total_usage: 0 } } },
      'GET /api/v1/key': { json: key },
    });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('100.333333333333');
  });

  it('refuses a credit total beyond any bill as a parse error', async () => {
    const error = await pollWith({
      'GET /api/v1/credits': { json: { data: { total_credits: 1e308, total_usage: 0 } } },
      'GET /api/v1/key': { json: key },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('parse');
  });
});
