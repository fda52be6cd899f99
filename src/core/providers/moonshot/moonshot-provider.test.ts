import { describe, expect, it } from 'vitest';
import { routes, type FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import { moonshotRoutes } from '../../../../tests/fakes/moonshot-fake.js';
import { type HttpClient, type JsonRequest } from '../../http/http-client.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { createProviderContext } from '../provider-context.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import balance from './__fixtures__/balance.json' with { type: 'json' };
import { moonshotProvider } from './moonshot-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'sk-moonshot-test-secret-0000';

describeProviderContract({
  provider: moonshotProvider,
  credentials: { apiKey },
  settings: { region: 'cn' },
  baseUrl: (origin) => `${origin}/v1`,
  healthy: routes(moonshotRoutes()),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('49.58894');
    expect(snapshot.balance!.money.currency).toBe('CNY');
    expect(snapshot.balance!.confidence).toBe('official');
    expect(snapshot.monthToDate).toBeUndefined();
  },
});

const month = billingMonth(2026, 11);
const now = () => new Date('2026-11-21T10:00:00Z');

async function poll(reply: FakeReply, options: { settings?: Record<string, string>; region?: string } = {}) {
  const { outcome } = await pollAdapter({
    provider: moonshotProvider,
    handler: routes({ 'GET /v1/users/me/balance': reply }),
    credentials: { apiKey, region: options.region },
    settings: options.settings,
    now,
    month,
    baseUrl: (origin) => `${origin}/v1`,
  });
  return outcome;
}

async function snapshotFor(json: unknown, options: { settings?: Record<string, string>; region?: string } = {}): Promise<Snapshot> {
  const result = await poll({ json }, options);
  if (result instanceof Error) throw result;
  return result;
}

/** An HTTP client that records where it was sent instead of going out: the default hosts are real. */
function recordingClient(urls: string[]): HttpClient {
  return {
    async json<T>(request: JsonRequest<T>) {
      urls.push(request.url);
      expect(request.headers?.authorization).toBe(`Bearer ${apiKey}`);
      return { status: 200, headers: {}, data: request.schema.parse(balance) };
    },
  };
}

describe('Moonshot specifics', () => {
  it.each([
    [{}, undefined, 'https://api.moonshot.ai/v1/users/me/balance', 'USD'],
    [{ region: 'global' }, undefined, 'https://api.moonshot.ai/v1/users/me/balance', 'USD'],
    [{ region: 'cn' }, undefined, 'https://api.moonshot.cn/v1/users/me/balance', 'CNY'],
    [{}, 'cn', 'https://api.moonshot.cn/v1/users/me/balance', 'CNY'],
    [{ region: 'global' }, 'cn', 'https://api.moonshot.ai/v1/users/me/balance', 'USD'],
  ])('settings %j with MOONSHOT_REGION %s use %s in %s', async (settings, region, url, currency) => {
    const urls: string[] = [];
    const context = createProviderContext({ provider: moonshotProvider, http: recordingClient(urls), now, month, credentials: { apiKey, region }, settings });
    const snapshot = await moonshotProvider.fetchSnapshot!(context);
    expect(urls).toEqual([url]);
    expect(snapshot.balance!.money.currency).toBe(currency);
  });

  it('treats a moonshot.cn base URL override without a region as the China region', async () => {
    const urls: string[] = [];
    const context = createProviderContext({
      provider: moonshotProvider,
      http: recordingClient(urls),
      now,
      month,
      credentials: { apiKey },
      baseUrl: 'https://api.moonshot.cn/v1',
    });
    const snapshot = await moonshotProvider.fetchSnapshot!(context);
    expect(snapshot.balance!.money.currency).toBe('CNY');
  });

  it('refuses an unknown region with what to set instead', async () => {
    const result = await poll({ json: balance }, { settings: { region: 'eu' } });
    expect((result as ProviderError).kind).toBe('config');
    expect((result as ProviderError).message).toMatch(/region=global .* region=cn/);
  });

  it('shows the balance of a global account in USD, split into cash and vouchers', async () => {
    const snapshot = await snapshotFor(balance);
    expect(snapshot.balance!.money.currency).toBe('USD');
    expect(snapshot.notes).toContain('Available balance = cash 3.00001 + vouchers 46.58893 USD.');
  });

  it('says how much is owed when the cash balance is negative', async () => {
    const snapshot = await snapshotFor({ code: 0, status: true, scode: '0x0', data: { available_balance: 5, voucher_balance: 5, cash_balance: -2.5 } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('5.00');
    expect(snapshot.notes).toContain('Cash balance is negative: 2.50 USD is owed.');
  });

  it('notes that calls are refused at a zero balance', async () => {
    const snapshot = await snapshotFor({ code: 0, status: true, data: { available_balance: 0, voucher_balance: 0, cash_balance: 0 } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('0.00');
    expect(snapshot.notes?.join(' ')).toMatch(/refuses API calls/);
  });

  it('accepts balances sent as decimal strings', async () => {
    const snapshot = await snapshotFor({ code: 0, status: true, data: { available_balance: '49.58894' } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('49.58894');
  });

  it.each([
    [{ code: 401, status: false, scode: '0x1', message: 'invalid api key', data: null }, 'auth'],
    [{ code: 3, status: false, message: 'insufficient balance', data: null }, 'billing'],
    [{ code: 500, status: false, data: null }, 'provider-unavailable'],
    [{ code: 0, status: false, data: null }, 'config'],
  ])('maps an error envelope inside a 200 (%j) to %s', async (json, kind) => {
    const result = await poll({ json });
    expect(result).toBeInstanceOf(ProviderError);
    expect((result as ProviderError).kind).toBe(kind);
  });

  it('names the missing field when a successful envelope has no data', async () => {
    const result = await poll({ json: { code: 0, status: true } });
    expect((result as ProviderError).kind).toBe('parse');
    expect((result as ProviderError).message).toContain('"data"');
  });

  it('says a 401 may come from a key of the other region', async () => {
    const result = await poll({ status: 401, json: { error: { message: 'Invalid Authentication', type: 'invalid_authentication_error' } } });
    expect((result as ProviderError).kind).toBe('auth');
    expect((result as ProviderError).message).toMatch(/region/);
  });

  it('shows a balance sent as a subnormal float (-5e-324) as 0.00, not 324 decimals no reader accepts', async () => {
    const snapshot = await snapshotFor({ ...balance, data: { ...balance.data, available_balance: -5e-324 } }, { settings: { region: 'cn' } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('0.00');
  });
});
