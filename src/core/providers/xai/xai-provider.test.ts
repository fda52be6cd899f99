import { describe, expect, it } from 'vitest';
import { routes, type FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import { xaiRoutes } from '../../../../tests/fakes/xai-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import prepaidBalance from './__fixtures__/prepaid-balance.json' with { type: 'json' };
import { xaiProvider } from './xai-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const managementKey = 'xai-mgmt-test-secret-0000';
const teamId = 'team-0000-example';
const team = `/v1/billing/teams/${teamId}`;

function healthyRoutes(overrides: Record<string, FakeReply> = {}) {
  return routes(xaiRoutes(teamId, overrides));
}

describeProviderContract({
  provider: xaiProvider,
  credentials: { managementKey, teamId },
  baseUrl: (origin) => origin,
  healthy: healthyRoutes(),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('17.15');
    expect(snapshot.balance!.money.currency).toBe('USD');
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('7.85');
    expect(snapshot.monthToDate!.confidence).toBe('official');
    expect(formatAmount(snapshot.spendLimit!.money.amount)).toBe('50.00');
  },
});

async function poll(overrides: Record<string, FakeReply> = {}, month = billingMonth(2026, 11)) {
  const { outcome, requests } = await pollAdapter({ provider: xaiProvider, handler: healthyRoutes(overrides), credentials: { managementKey, teamId }, month });
  return { snapshot: outcome, requests };
}

async function pollSnapshot(overrides: Record<string, FakeReply> = {}, month = billingMonth(2026, 11)) {
  const { snapshot } = await poll(overrides, month);
  if (snapshot instanceof Error) throw snapshot;
  return snapshot as Awaited<ReturnType<NonNullable<typeof xaiProvider.fetchSnapshot>>>;
}

async function pollError(overrides: Record<string, FakeReply>) {
  const { snapshot } = await poll(overrides);
  expect(snapshot).toBeInstanceOf(ProviderError);
  return snapshot as ProviderError;
}

describe('xAI specifics', () => {
  it('sends the management key as a Bearer token to the team’s billing paths', async () => {
    const { requests } = await poll();
    expect(requests.map((request) => request.path)).toEqual([
      `${team}/prepaid/balance`,
      `${team}/postpaid/invoice/preview`,
      `${team}/postpaid/spending-limits`,
    ]);
    for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${managementKey}`);
  });

  it.each([
    ['negative', '-1715'],
    ['positive', '1715'],
  ])('shows a %s prepaid total as the same available credit', async (_sign, val) => {
    const snapshot = await pollSnapshot({ [`GET ${team}/prepaid/balance`]: { json: { ...prepaidBalance, total: { val } } } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('17.15');
  });

  it('accepts a Cent sent as a JSON number instead of an int64 string', async () => {
    const snapshot = await pollSnapshot({ [`GET ${team}/prepaid/balance`]: { json: { total: { val: -99 } } } });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('0.99');
  });

  it('reads proto3’s omitted zeros as zero inside a message that is present', async () => {
    const snapshot = await pollSnapshot({
      [`GET ${team}/prepaid/balance`]: { json: { total: {} } },
      [`GET ${team}/postpaid/invoice/preview`]: { json: { coreInvoice: {}, billingCycle: { year: 2026, month: 11 } } },
    });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('0.00');
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('0.00');
  });

  it('leaves month-to-date unknown when the preview has no invoice', async () => {
    const snapshot = await pollSnapshot({ [`GET ${team}/postpaid/invoice/preview`]: { json: { billingCycle: { year: 2026, month: 11 } } } });
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.balance).toBeDefined();
  });

  it('notes prepaid credits used for this month’s invoice', async () => {
    const snapshot = await pollSnapshot();
    expect(snapshot.notes).toContain('Paid from prepaid credits this month: 7.85 USD.');
  });

  it('leaves another month’s spend unknown (the preview covers the current cycle only)', async () => {
    const snapshot = await pollSnapshot({}, billingMonth(2026, 10));
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.notes?.join(' ')).toMatch(/current billing cycle/);
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('17.15');
  });

  it('still shows the balance for a prepaid-only team whose postpaid endpoints 404', async () => {
    const missing = { status: 404, json: { code: 5, message: 'not found' } };
    const snapshot = await pollSnapshot({ [`GET ${team}/postpaid/invoice/preview`]: missing, [`GET ${team}/postpaid/spending-limits`]: missing });
    expect(formatAmount(snapshot.balance!.money.amount)).toBe('17.15');
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.spendLimit).toBeUndefined();
  });

  it('falls back to the preview’s effective spending limit', async () => {
    const snapshot = await pollSnapshot({ [`GET ${team}/postpaid/spending-limits`]: { status: 404, json: {} } });
    expect(formatAmount(snapshot.spendLimit!.money.amount)).toBe('50.00');
  });

  it('tells an inference-key user to create a Management key, and where', async () => {
    const error = await pollError({ [`GET ${team}/prepaid/balance`]: { status: 403, json: { code: 7, message: 'Forbidden' } } });
    expect(error.kind).toBe('permission');
    expect(error.message).toMatch(/Management key/);
    expect(error.message).toMatch(/Settings → Management Keys/);
    expect(error.message).toContain('https://console.x.ai');
  });

  it('says which team id was not found', async () => {
    const error = await pollError({ [`GET ${team}/prepaid/balance`]: { status: 404, json: {} } });
    expect(error.kind).toBe('config');
    expect(error.message).toContain(teamId);
  });

  it('names the field when a Cent is not a whole number of cents', async () => {
    const error = await pollError({ [`GET ${team}/prepaid/balance`]: { json: { total: { val: '17.15' } } } });
    expect(error.kind).toBe('parse');
    expect(error.message).toContain('total.val');
  });
});
