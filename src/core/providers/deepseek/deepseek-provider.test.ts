import { describe, expect, it } from 'vitest';
import { deepseekRoutes } from '../../../../tests/fakes/deepseek-fake.js';
import { routes, type FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import { formatAmount } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import userBalance from './__fixtures__/user-balance.json' with { type: 'json' };
import { deepseekProvider } from './deepseek-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'sk-5f0c1e9a7b3d4c2e8f6a0b1c2d3e4f50';

describeProviderContract({
  provider: deepseekProvider,
  credentials: { apiKey },
  baseUrl: (origin) => origin,
  healthy: routes(deepseekRoutes()),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('110.00');
    expect(snapshot.balance!.money.currency).toBe('CNY');
    expect(snapshot.balance!.confidence).toBe('official');
    expect(snapshot.monthToDate).toBeUndefined();
  },
});

async function poll(reply: FakeReply): Promise<{ result: Snapshot | ProviderError; authorization?: string }> {
  const { outcome, requests } = await pollAdapter({ provider: deepseekProvider, handler: routes({ 'GET /user/balance': reply }), credentials: { apiKey } });
  return { result: outcome, authorization: requests[0]?.headers.authorization };
}

async function snapshotFor(json: unknown): Promise<Snapshot> {
  const { result } = await poll({ json });
  if (result instanceof Error) throw result;
  return result;
}

describe('DeepSeek specifics', () => {
  it('sends the key as a Bearer token', async () => {
    const { authorization } = await poll({ json: userBalance });
    expect(authorization).toBe(`Bearer ${apiKey}`);
  });

  it('lists every currency, USD first as the primary balance', async () => {
    const snapshot = await snapshotFor({
      is_available: true,
      balance_infos: [
        { currency: 'CNY', total_balance: '110.00', granted_balance: '10.00', topped_up_balance: '100.00' },
        { currency: 'USD', total_balance: '5.25', granted_balance: '0.00', topped_up_balance: '5.25' },
      ],
    });
    expect(snapshot.balances!.map((figure) => `${formatAmount(figure.money.amount)} ${figure.money.currency}`)).toEqual(['5.25 USD', '110.00 CNY']);
    expect(snapshot.balance!.money.currency).toBe('USD');
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('5.25');
  });

  it('explains the split between topped-up and granted credit', async () => {
    const snapshot = await snapshotFor(userBalance);
    expect(snapshot.notes).toContain('CNY: 100.00 topped up, 10.00 granted.');
  });

  it('says so when DeepSeek marks the balance as not available for API calls', async () => {
    const snapshot = await snapshotFor({ ...userBalance, is_available: false });
    expect(snapshot.notes?.join(' ')).toMatch(/not enough for API calls/);
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('110.00');
  });

  it('keeps sub-cent amounts exact and accepts numbers for the documented strings', async () => {
    const snapshot = await snapshotFor({ balance_infos: [{ currency: 'usd', total_balance: 0.1 }, { currency: 'CNY', total_balance: '3.456789' }] });
    expect(snapshot.balances!.map((figure) => formatAmount(figure.money.amount))).toEqual(['0.10', '3.456789']);
  });

  it('shows no balance (not zero) when DeepSeek lists none', async () => {
    const snapshot = await snapshotFor({ is_available: false, balance_infos: [] });
    expect(snapshot.balance).toBeUndefined();
  });

  it('maps 402 Insufficient Balance to billing with where to top up', async () => {
    const { result } = await poll({ status: 402, json: { error: { message: 'Insufficient Balance', type: 'unknown_error' } } });
    expect(result).toBeInstanceOf(ProviderError);
    expect((result as ProviderError).kind).toBe('billing');
    expect((result as ProviderError).message).toContain('platform.deepseek.com/top_up');
  });

  it('names the field when a balance is not a decimal', async () => {
    const { result } = await poll({ json: { balance_infos: [{ currency: 'CNY', total_balance: 'lots' }] } });
    expect((result as ProviderError).kind).toBe('parse');
    expect((result as ProviderError).message).toContain('balance_infos.0.total_balance');
  });

  it('names the field when the currency is unknown', async () => {
    const { result } = await poll({ json: { balance_infos: [{ currency: 'RMBX', total_balance: '1.00' }] } });
    expect((result as ProviderError).kind).toBe('parse');
    expect((result as ProviderError).message).toContain('balance_infos.0.currency');
  });

  it('shows a balance sent as a subnormal float (-5e-324) as 0.00, not hundreds of decimals no reader accepts', async () => {
    const snapshot = await snapshotFor({ ...userBalance, balance_infos: [{ ...userBalance.balance_infos[0], total_balance: -5e-324 }] });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('0.00');
  });
});
