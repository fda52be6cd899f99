import { describe, expect, it } from 'vitest';
import { routes } from '../../../../tests/fakes/fake-http-server.js';
import { railwayRoutes } from '../../../../tests/fakes/railway-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import notAuthorized from './__fixtures__/error-not-authorized.json' with { type: 'json' };
import meWorkspaces from './__fixtures__/me-workspaces.json' with { type: 'json' };
import workspace from './__fixtures__/workspace.json' with { type: 'json' };
import { railwayProvider } from './railway-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const token = 'railway-contract-secret-0000';
const graphql = 'POST /graphql/v2';

describeProviderContract({
  provider: railwayProvider,
  credentials: { token },
  baseUrl: (origin) => origin,
  healthy: routes(railwayRoutes()),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('12.345678');
    expect(snapshot.monthToDate!.confidence).toBe('official');
    expect(formatAmount(snapshot.spendLimit!.money.amount)).toBe('125.00');
    // The credit balance's unit is undocumented: never shown as money.
    expect(snapshot.balance).toBeUndefined();
  },
});

const oneError = (message: string, code?: string) => ({ json: { data: null, errors: [{ message, path: ['me'], extensions: code ? { code } : {} }] } });

async function pollWith(reply: Parameters<typeof routes>[0][string], credentials: Record<string, string> = { token }, month = billingMonth(2026, 11)) {
  const { snapshot, error, requests } = await pollAdapter({ provider: railwayProvider, handler: routes({ [graphql]: reply }), credentials, month });
  return { snapshot, error, requests };
}

describe('Railway specifics', () => {
  it('posts one GraphQL query for every workspace of an account token', async () => {
    const { requests } = await pollWith({ json: meWorkspaces });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
    const body = JSON.parse(requests[0]!.body) as { query: string; variables: unknown };
    expect(body.query).toMatch(/me \{ workspaces \{/);
    expect(body.query).toMatch(/currentUsage/);
    expect(body.variables).toEqual({});
  });

  it('reads one workspace when a workspace id is set', async () => {
    const { snapshot, requests } = await pollWith({ json: workspace }, { token, workspaceId: '3f1d9c62-7b1e-4c8a-a0d5-6e2b9f4c1a77' });
    const body = JSON.parse(requests[0]!.body) as { query: string; variables: unknown };
    expect(body.query).toMatch(/workspace\(workspaceId: \$workspaceId\)/);
    expect(body.variables).toEqual({ workspaceId: '3f1d9c62-7b1e-4c8a-a0d5-6e2b9f4c1a77' });
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('48.10');
    expect(snapshot!.spendLimit).toBeUndefined();
  });

  it('quotes the figures whose unit is undocumented, and says what period the usage covers', async () => {
    const { snapshot } = await pollWith({ json: meWorkspaces });
    expect(snapshot!.notes).toEqual([
      "usage covers Railway's billing period 2026-11-05 to 2026-12-05, before included credits; Railway caches it.",
      'usage limit: email alert at $75, hard limit $125.',
      'credit balance 5 as Railway reports it (unit not documented, so not shown as money).',
      'next invoice on 2026-12-05: current total 1735 as Railway reports it (unit not documented).',
    ]);
  });

  it('adds several workspaces exactly and breaks the usage down by workspace', async () => {
    const customer = (usage: unknown) => ({ currentUsage: usage, usageLimit: { softLimit: 0, hardLimit: 50, isOverLimit: true } });
    const data = { data: { me: { workspaces: [{ id: 'w1', name: 'Personal', customer: customer(0.1) }, { id: 'w2', name: 'Team', customer: customer('0.2') }] } } };
    const { snapshot } = await pollWith({ json: data });
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('0.30');
    expect(snapshot!.breakdown!.map((item) => [item.dimension, item.label, formatAmount(item.money.amount)])).toEqual([
      ['workspace', 'Personal', '0.10'],
      ['workspace', 'Team', '0.20'],
    ]);
    expect(snapshot!.spendLimit).toBeUndefined();
    expect(snapshot!.notes).toContain('Team: over its usage limit: services may be stopped.');
  });

  it('leaves the month-to-date unknown when Railway does not say it, and for past months', async () => {
    const unknown = await pollWith({ json: { data: { me: { workspaces: [{ id: 'w1', name: 'Personal', customer: { creditBalance: 5 } }] } } } });
    expect(unknown.snapshot!.monthToDate).toBeUndefined();
    const hidden = await pollWith({ json: { data: { me: { workspaces: [{ id: 'w1', name: 'Personal', customer: null }] } } } });
    expect(hidden.snapshot!.monthToDate).toBeUndefined();
    expect(hidden.snapshot!.notes!.join(' ')).toMatch(/no billing information/);
    const past = await pollWith({ json: meWorkspaces }, { token }, billingMonth(2026, 10));
    expect(past.snapshot!.monthToDate).toBeUndefined();
    expect(past.snapshot!.notes![0]).toMatch(/current billing period only/);
  });

  it('turns "Not Authorized" inside a 200 into an auth error saying which token to create', async () => {
    const { error } = await pollWith({ json: notAuthorized });
    expect(error!.kind).toBe('auth');
    expect(error!.message).toMatch(/RAILWAY_WORKSPACE_ID/);
    expect(error!.message).toContain('https://railway.com/account/tokens');
    expect(error!.message).toContain('Railway said: "Not Authorized"');
  });

  it.each([
    ['Two Factor Authentication Required', undefined, 'permission', /two-factor/],
    ['Workspace not found', undefined, 'config', /RAILWAY_WORKSPACE_ID/],
    ['Cannot query field "creditBalance" on type "Customer".', 'GRAPHQL_VALIDATION_FAILED', 'parse', /update is needed/],
    ['You are being ratelimited', 'RATE_LIMITED', 'rate-limited', /rate-limiting/],
    ['Problem processing request', 'INTERNAL_SERVER_ERROR', 'provider-unavailable', /try again later/],
  ] as const)('maps the GraphQL error "%s" to %s', async (message, code, kind, text) => {
    const { error } = await pollWith(oneError(message, code));
    expect(error!.kind).toBe(kind);
    expect(error!.message).toMatch(text);
  });

  it('names the missing field when data has another shape', async () => {
    const { error } = await pollWith({ json: { data: { me: { name: 'x' } } } });
    expect(error!.kind).toBe('parse');
    expect(error!.message).toContain('data.me.workspaces');
  });

  it('never echoes the token from a GraphQL error message', async () => {
    const { error } = await pollWith(oneError(`Not Authorized for token ${token}`));
    expect(error!.message).not.toContain(token);
  });

  it('sets aside a negative hard limit and keeps the month-to-date', async () => {
    const negative = JSON.parse(JSON.stringify(meWorkspaces).replace('"hardLimit":125', '"hardLimit":-1')) as typeof meWorkspaces;
    const { snapshot } = await pollWith({ json: negative });
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('12.345678');
    expect(snapshot!.spendLimit).toBeUndefined();
  });
});
