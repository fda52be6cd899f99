import { describe, expect, it } from 'vitest';
import { routes, type FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import { siliconflowRoutes } from '../../../../tests/fakes/siliconflow-fake.js';
import { formatAmount } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import userInfo from './__fixtures__/user-info.json' with { type: 'json' };
import { siliconflowProvider } from './siliconflow-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'sk-siliconflow-test-secret-0000';

describeProviderContract({
  provider: siliconflowProvider,
  credentials: { apiKey },
  baseUrl: (origin) => `${origin}/v1`,
  healthy: routes(siliconflowRoutes()),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('88.88');
    expect(snapshot.balance!.money.currency).toBe('CNY');
    expect(snapshot.balance!.confidence).toBe('official');
    expect(snapshot.monthToDate).toBeUndefined();
  },
});

async function poll(reply: FakeReply, settings?: Record<string, string>) {
  const { outcome, requests } = await pollAdapter({
    provider: siliconflowProvider,
    handler: routes({ 'GET /v1/user/info': reply }),
    credentials: { apiKey },
    settings,
    baseUrl: (origin) => `${origin}/v1`,
  });
  return { result: outcome, requests };
}

async function snapshotFor(json: unknown, settings?: Record<string, string>): Promise<Snapshot> {
  const { result } = await poll({ json }, settings);
  if (result instanceof Error) throw result;
  return result;
}

describe('SiliconFlow specifics', () => {
  it('sends the key as a Bearer token', async () => {
    const { requests } = await poll({ json: userInfo });
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('explains the total as recharged plus granted balance', async () => {
    const snapshot = await snapshotFor(userInfo);
    expect(snapshot.notes).toContain('Total = 88.00 recharged + 0.88 granted CNY.');
  });

  it('does not need the identity fields the docs say may disappear', async () => {
    const snapshot = await snapshotFor({ code: 20000, message: 'OK', status: true, data: { totalBalance: '12.5' } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('12.50');
  });

  it('uses the currency setting for accounts outside the China platform', async () => {
    const snapshot = await snapshotFor(userInfo, { currency: 'usd' });
    expect(snapshot.balance!.money.currency).toBe('USD');
  });

  it('refuses a currency setting that is not a currency', async () => {
    const { result } = await poll({ json: userInfo }, { currency: 'dollars' });
    expect((result as ProviderError).kind).toBe('config');
  });

  it('accepts a balance sent as a number', async () => {
    const snapshot = await snapshotFor({ code: 20000, status: true, data: { totalBalance: 88.88 } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('88.88');
  });

  it.each([
    [{ code: 20012, message: 'Model does not exist. Please check it carefully.', data: null }, 'config'],
    [{ code: 30001, message: 'Sorry, your account balance is insufficient', data: null }, 'billing'],
    [{ code: 401, message: 'Invalid token', status: false, data: null }, 'auth'],
    [{ code: '50000', message: 'internal error', data: null }, 'config'],
  ])('maps an error envelope inside a 200 (%j) to %s', async (json, kind) => {
    const { result } = await poll({ json });
    expect(result).toBeInstanceOf(ProviderError);
    expect((result as ProviderError).kind).toBe(kind);
    if (json.message) expect((result as ProviderError).message).toContain(json.message);
  });

  it('notes an account status other than normal', async () => {
    const snapshot = await snapshotFor({ ...userInfo, data: { ...userInfo.data, status: 'frozen' } });
    expect(snapshot.notes?.join(' ')).toContain('"frozen"');
  });

  it('names the field when the total balance is missing', async () => {
    const { result } = await poll({ json: { code: 20000, status: true, data: { balance: '0.88' } } });
    expect((result as ProviderError).kind).toBe('parse');
    expect((result as ProviderError).message).toContain('data.totalBalance');
  });
  it('keeps a balance sent with 18 decimals to the 12 Spendbar stores, instead of a figure no reader accepts', async () => {
    const snapshot = await snapshotFor({ ...userInfo, data: { ...userInfo.data, totalBalance: '88.000000000000000001' } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('88.00');
  });
});

describe('SiliconFlow account form', () => {
  it('offers the currency as an optional setting', () => {
    expect(siliconflowProvider.settings?.map((spec) => [spec.name, spec.optional])).toEqual([['currency', true]]);
  });
});
