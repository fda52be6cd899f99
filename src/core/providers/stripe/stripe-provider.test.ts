import { describe, expect, it } from 'vitest';
import { routes, type RecordedRequest } from '../../../../tests/fakes/fake-http-server.js';
import { stripeRoutes } from '../../../../tests/fakes/stripe-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import novemberPage1 from './__fixtures__/balance-transactions-2026-11-page1.json' with { type: 'json' };
import novemberPage2 from './__fixtures__/balance-transactions-2026-11-page2.json' with { type: 'json' };
import balance from './__fixtures__/balance.json' with { type: 'json' };
import transactions from './__fixtures__/balance-transactions.json' with { type: 'json' };
import { fromMinorUnits, stripeProvider } from './stripe-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'rk_test_contract_secret_0000';

// The published balance-transaction example was created 2023-03-05, so the suite asks for March 2023.
describeProviderContract({
  provider: stripeProvider,
  credentials: { apiKey },
  baseUrl: (origin) => origin,
  now: new Date('2023-03-21T10:00:00Z'),
  month: billingMonth(2023, 3),
  healthy: routes(stripeRoutes()),
  expectSnapshot(snapshot) {
    // The only transaction is a transfer without fees: Stripe cost nothing this month.
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('0.00');
    expect(snapshot.monthToDate!.money.currency).toBe('USD');
    expect(snapshot.monthToDate!.confidence).toBe('official');
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('6666.70');
    expect(snapshot.balance!.confidence).toBe('official');
    expect(snapshot.notes).toContain('Pending (not yet available): 614.14 USD.');
    expect(snapshot.notes).toContain('This is a test-mode key: the figures are test data.');
  },
});

const novemberPages = (request: RecordedRequest) => ({ json: request.query.get('starting_after') === 'txn_3Nov15ChargeJpy0000000' ? novemberPage2 : novemberPage1 });

async function pollWith(table: Parameters<typeof routes>[0], options: { key?: string; settings?: Record<string, string> } = {}) {
  const { snapshot, error, requests } = await pollAdapter({ provider: stripeProvider, handler: routes(table), credentials: { apiKey: options.key ?? apiKey }, settings: options.settings });
  return { snapshot, error, requests };
}

describe('Stripe specifics', () => {
  it('asks for the month with created[gte]/created[lt] and follows has_more with starting_after', async () => {
    const { requests } = await pollWith({ 'GET /v1/balance': { json: balance }, 'GET /v1/balance_transactions': novemberPages });
    const pages = requests.filter((request) => request.path === '/v1/balance_transactions');
    expect(pages).toHaveLength(2);
    expect(pages[0]!.query.get('created[gte]')).toBe(String(Date.UTC(2026, 10, 1) / 1000));
    expect(pages[0]!.query.get('created[lt]')).toBe(String(Date.UTC(2026, 11, 1) / 1000));
    expect(pages[0]!.query.get('limit')).toBe('100');
    expect(pages[0]!.query.get('starting_after')).toBeNull();
    expect(pages[1]!.query.get('starting_after')).toBe('txn_3Nov15ChargeJpy0000000');
    expect(requests.every((request) => request.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
  });

  it('adds processing fees and Stripe service fees per currency, exactly, by day', async () => {
    const { snapshot } = await pollWith({ 'GET /v1/balance': { json: balance }, 'GET /v1/balance_transactions': novemberPages });
    // 3.20 + 1.05 processing fees, plus a 1.50 Billing fee charged on its own.
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('5.75');
    expect(snapshot!.monthToDate!.money.currency).toBe('USD');
    expect(snapshot!.dailySpend!.map((day) => [day.date, formatAmount(day.money.amount)])).toEqual([
      ['2026-11-02', '1.05'],
      ['2026-11-05', '1.50'],
      ['2026-11-20', '3.20'],
    ]);
    expect(snapshot!.breakdown!.map((item) => [item.label, formatAmount(item.money.amount)])).toEqual([
      ['Processing fees', '4.25'],
      ['Stripe service fees', '1.50'],
    ]);
    // JPY is zero-decimal: 180 is ¥180, not ¥1.80.
    expect(snapshot!.notes).toContain('Stripe fees in JPY this month: 180.');
  });

  it('lets the account choose the primary currency, and lists every available balance', async () => {
    const multi = { ...balance, available: [{ amount: 666670, currency: 'usd' }, { amount: 12000, currency: 'jpy' }] };
    const { snapshot } = await pollWith(
      { 'GET /v1/balance': { json: multi }, 'GET /v1/balance_transactions': novemberPages },
      { settings: { currency: 'jpy' } },
    );
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('180.00');
    expect(snapshot!.monthToDate!.money.currency).toBe('JPY');
    expect(snapshot!.balances!.map((figure) => `${formatAmount(figure.money.amount)} ${figure.money.currency}`)).toEqual(['12000.00 JPY', '6666.70 USD']);
    expect(snapshot!.balance!.money.currency).toBe('JPY');
    expect(snapshot!.notes).toContain('Stripe fees in USD this month: 5.75.');
  });

  it('converts the smallest unit per currency, exactly', () => {
    expect(formatAmount(fromMinorUnits(666670, 'usd').amount)).toBe('6666.70');
    expect(formatAmount(fromMinorUnits(180, 'jpy').amount)).toBe('180.00');
    expect(formatAmount(fromMinorUnits('12345', 'kwd').amount)).toBe('12.345');
    expect(formatAmount(fromMinorUnits(-1, 'eur').amount)).toBe('-0.01');
  });

  it('says which key to create when given a publishable key, without calling Stripe', async () => {
    const { error, requests } = await pollWith({ 'GET /v1/balance': { json: balance } }, { key: 'pk_test_publishable_0000' });
    expect(error!.kind).toBe('auth');
    expect(error!.message).toMatch(/publishable key/);
    expect(error!.message).toMatch(/restricted key \(rk_…\) with Read access to Balance/);
    expect(error!.message).toContain('https://dashboard.stripe.com/apikeys');
    expect(requests).toHaveLength(0);
  });

  it('says which permission a restricted key lacks on 403', async () => {
    const { error } = await pollWith({
      'GET /v1/balance': { json: balance },
      'GET /v1/balance_transactions': {
        status: 403,
        json: { error: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions for this endpoint.' } },
      },
    });
    expect(error!.kind).toBe('permission');
    expect(error!.message).toMatch(/Read access to Balance/);
    expect(error!.message).toContain('https://dashboard.stripe.com/apikeys');
  });

  it('stops after 50 pages and marks the fees as a lower bound', async () => {
    let page = 0;
    const endless = () => {
      page += 1;
      return { json: { object: 'list', has_more: true, data: [{ id: `txn_${page}`, created: Date.UTC(2026, 10, 3) / 1000, currency: 'usd', amount: 1000, fee: 59 }] } };
    };
    const { snapshot, requests } = await pollWith({ 'GET /v1/balance': { json: balance }, 'GET /v1/balance_transactions': endless });
    expect(requests.filter((request) => request.path === '/v1/balance_transactions')).toHaveLength(50);
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('29.50');
    expect(snapshot!.monthToDate!.confidence).toBe('estimated');
    expect(snapshot!.notes!.join(' ')).toMatch(/newest 5000 only/);
  });

  it('ignores transactions outside the month, accepts integer strings and unknown fields', async () => {
    const list = {
      has_more: false,
      data: [
        { id: 'txn_a', created: String(Date.UTC(2026, 10, 3) / 1000), currency: 'usd', amount: '1000', fee: '59', extra: { nested: true } },
        { id: 'txn_b', created: Date.UTC(2026, 9, 31) / 1000, currency: 'usd', amount: 1000, fee: 59 },
      ],
    };
    const { snapshot } = await pollWith({ 'GET /v1/balance': { json: balance }, 'GET /v1/balance_transactions': { json: list } });
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('0.59');
  });

  it('names the field when a transaction has no fee, or a fractional one', async () => {
    const missing = await pollWith({
      'GET /v1/balance': { json: balance },
      'GET /v1/balance_transactions': { json: { has_more: false, data: [{ id: 'txn_a', created: 1795000000, currency: 'usd' }] } },
    });
    expect(missing.error!.kind).toBe('parse');
    expect(missing.error!.message).toContain('data.0.fee');
    const fractional = await pollWith({
      'GET /v1/balance': { json: balance },
      'GET /v1/balance_transactions': { json: { has_more: false, data: [{ id: 'txn_a', created: 1795000000, currency: 'usd', fee: 0.59 }] } },
    });
    expect(fractional.error!.kind).toBe('parse');
  });

  it('stops at the second request when Stripe answers the same page again with has_more, instead of asking 50 times', async () => {
    const { error, requests } = await pollWith({ 'GET /v1/balance': { json: balance }, 'GET /v1/balance_transactions': { json: { ...transactions, has_more: true } } });
    expect(error!.kind).toBe('parse');
    expect(requests.filter((request) => request.path === '/v1/balance_transactions')).toHaveLength(2);
  });

  it('calls a transaction time beyond any date a parse error, not a crash in the mapping', async () => {
    const { error } = await pollWith({
      'GET /v1/balance': { json: balance },
      'GET /v1/balance_transactions': { json: { has_more: false, data: [{ id: 'txn_a', created: 99999999999999, currency: 'usd', fee: 59 }] } },
    });
    expect(error!.kind).toBe('parse');
    expect(error!.message).toContain('no time');
  });
});
