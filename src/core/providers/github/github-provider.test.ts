import { describe, expect, it } from 'vitest';
import { routes } from '../../../../tests/fakes/fake-http-server.js';
import { githubRoutes } from '../../../../tests/fakes/github-fake.js';
import { billingMonth } from '../../model/billing-month.js';
import { formatAmount } from '../../model/money.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import premiumNovember from './__fixtures__/premium-request-report-2026-11.json' with { type: 'json' };
import premiumUser from './__fixtures__/premium-request-report-user.json' with { type: 'json' };
import usageNovember from './__fixtures__/usage-report-2026-11.json' with { type: 'json' };
import usageOrg from './__fixtures__/usage-report-org.json' with { type: 'json' };
import usageUser from './__fixtures__/usage-report-user.json' with { type: 'json' };
import { githubProvider } from './github-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const token = 'github_pat_contract_secret_0000';
const orgUsage = 'GET /organizations/octo-org/settings/billing/usage';
const orgPremium = 'GET /organizations/octo-org/settings/billing/premium_request/usage';

// The published example is dated 2023-08-01, so the suite asks for August 2023.
describeProviderContract({
  provider: githubProvider,
  credentials: { token, org: 'octo-org' },
  baseUrl: (origin) => origin,
  now: new Date('2023-08-21T10:00:00Z'),
  month: billingMonth(2023, 8),
  healthy: routes(githubRoutes()),
  expectSnapshot(snapshot) {
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('0.80');
    expect(snapshot.monthToDate!.confidence).toBe('official');
    expect(snapshot.dailySpend!.map((day) => [day.date, formatAmount(day.money.amount)])).toEqual([['2023-08-01', '0.80']]);
    expect(snapshot.breakdown!.map((item) => [item.label, formatAmount(item.money.amount)])).toEqual([['Actions', '0.80']]);
    expect(snapshot.usage).toEqual([{ model: 'GPT-5', requests: 100 }]);
  },
});

async function pollWith(table: Parameters<typeof routes>[0], credentials: Record<string, string> = { token, org: 'octo-org' }, month = billingMonth(2026, 11)) {
  const { snapshot, error, requests } = await pollAdapter({ provider: githubProvider, handler: routes(table), credentials, month });
  return { snapshot, error, requests };
}

const amounts = (items: readonly { money: { amount: Parameters<typeof formatAmount>[0] } }[]) => items.map((item) => formatAmount(item.money.amount));

describe('GitHub specifics', () => {
  it('asks for the month with the documented headers', async () => {
    const { requests } = await pollWith({ [orgUsage]: { json: usageNovember }, [orgPremium]: { json: premiumNovember } });
    expect(requests.map((request) => request.path)).toEqual([
      '/organizations/octo-org/settings/billing/usage',
      '/organizations/octo-org/settings/billing/premium_request/usage',
    ]);
    for (const request of requests) {
      expect(request.query.get('year')).toBe('2026');
      expect(request.query.get('month')).toBe('11');
      expect(request.headers.authorization).toBe(`Bearer ${token}`);
      expect(request.headers.accept).toBe('application/vnd.github+json');
      expect(request.headers['x-github-api-version']).toBe('2022-11-28');
    }
  });

  it('adds net amounts exactly, by day and by product, and lists premium requests by model', async () => {
    const { snapshot } = await pollWith({ [orgUsage]: { json: usageNovember }, [orgPremium]: { json: premiumNovember } });
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('45.224');
    expect(snapshot!.dailySpend!.map((day) => day.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(amounts(snapshot!.dailySpend!)).toEqual(['0.00', '5.624', '39.60']);
    expect(snapshot!.breakdown!.map((item) => item.label)).toEqual(['Copilot', 'Actions', 'Packages']);
    expect(amounts(snapshot!.breakdown!)).toEqual(['39.60', '5.60', '0.024']);
    expect(snapshot!.usage).toEqual([
      { model: 'GPT-5', requests: 100 },
      { model: 'Claude Sonnet 4.5', requests: 50 },
    ]);
    expect(snapshot!.notes).toContain('Copilot premium requests this month: 150 (GPT-5 100, Claude Sonnet 4.5 50).');
  });

  it('reads a personal account with GITHUB_USER', async () => {
    const { snapshot, requests } = await pollWith(
      { 'GET /users/monalisa/settings/billing/usage': { json: usageUser }, 'GET /users/monalisa/settings/billing/premium_request/usage': { json: premiumUser } },
      { token, user: 'monalisa' },
      billingMonth(2025, 8),
    );
    expect(requests[0]!.path).toBe('/users/monalisa/settings/billing/usage');
    // August 2023 items in a report asked for August 2025 are not this month's spend.
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('0.00');
    expect(snapshot!.notes!.join(' ')).toMatch(/Ignored 1 usage line dated outside 2025-08/);
  });

  it('says to set GITHUB_ORG or GITHUB_USER when neither is set, without any request', async () => {
    const { error, requests } = await pollWith({ [orgUsage]: { json: usageOrg } }, { token });
    expect(error!.kind).toBe('config');
    expect(error!.message).toMatch(/GITHUB_ORG/);
    expect(error!.message).toMatch(/GITHUB_USER/);
    expect(requests).toHaveLength(0);
  });

  it('refuses an ambiguous account with both an organization and a user', async () => {
    const { error } = await pollWith({ [orgUsage]: { json: usageOrg } }, { token, org: 'octo-org', user: 'monalisa' });
    expect(error!.kind).toBe('config');
    expect(error!.message).toMatch(/not both/);
  });

  it('says which token to create when the token may not read billing', async () => {
    const { error } = await pollWith({
      [orgUsage]: { status: 403, json: { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest' } },
    });
    expect(error!.kind).toBe('permission');
    expect(error!.message).toMatch(/Administration: read/);
    expect(error!.message).toContain('https://github.com/settings/tokens');
  });

  it('treats a 403 rate-limit answer as rate-limited, not as a permission problem', async () => {
    const { error } = await pollWith({
      [orgUsage]: { status: 403, json: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest' } },
    });
    expect(error!.kind).toBe('rate-limited');
  });

  it('points at the organization name on 404', async () => {
    const { error } = await pollWith({}, { token, org: 'no-such-org' });
    expect(error!.kind).toBe('config');
    expect(error!.message).toMatch(/no-such-org/);
    expect(error!.message).toMatch(/enhanced billing platform/);
  });

  it('keeps the spend when the premium-request report is refused or fails', async () => {
    const refused = await pollWith({ [orgUsage]: { json: usageNovember }, [orgPremium]: { status: 404, json: { message: 'Not Found' } } });
    expect(formatAmount(refused.snapshot!.monthToDate!.money.amount)).toBe('45.224');
    expect(refused.snapshot!.usage).toBeUndefined();
    expect(refused.snapshot!.notes).toEqual([]);
    const failing = await pollWith({ [orgUsage]: { json: usageNovember }, [orgPremium]: { status: 500, json: { message: 'Server Error' } } });
    expect(formatAmount(failing.snapshot!.monthToDate!.money.amount)).toBe('45.224');
    expect(failing.snapshot!.notes!.join(' ')).toMatch(/premium requests by model could not be read/);
  });

  it('does not ask for premium requests beyond the 24 months GitHub keeps', async () => {
    const { requests } = await pollWith({ [orgUsage]: { json: { usageItems: [] } } }, { token, org: 'octo-org' }, billingMonth(2024, 10));
    expect(requests.map((request) => request.path)).toEqual(['/organizations/octo-org/settings/billing/usage']);
  });

  it('reports no usage as an official zero, and keeps float-looking dollars exact', async () => {
    const empty = await pollWith({ [orgUsage]: { json: { usageItems: [] } }, [orgPremium]: { json: { usageItems: [] } } });
    expect(formatAmount(empty.snapshot!.monthToDate!.money.amount)).toBe('0.00');
    const floaty = await pollWith({
      [orgUsage]: { json: { usageItems: [{ date: '2026-11-05', product: 'Actions', netAmount: 0.1 }, { date: '2026-11-05', product: 'Actions', netAmount: '0.2', extra: true }] } },
    });
    expect(formatAmount(floaty.snapshot!.monthToDate!.money.amount)).toBe('0.30');
  });

  it('names the field when a line has no net amount', async () => {
    const { error } = await pollWith({ [orgUsage]: { json: { usageItems: [{ date: '2026-11-05', product: 'Actions', grossAmount: 1 }] } } });
    expect(error!.kind).toBe('parse');
    expect(error!.message).toContain('usageItems.0.netAmount');
  });

  it('shows a day whose only line is a subnormal float (3.4e-314) as 0.00, not hundreds of decimals no reader accepts', async () => {
    // The first of November has one line, of 0: the subnormal is that day's whole spend.
    const lines = usageNovember.usageItems.map((item, index) => (index === 0 ? { ...item, netAmount: 3.3953000393e-314 } : item));
    const { snapshot } = await pollWith({ [orgUsage]: { json: { usageItems: lines } }, [orgPremium]: { json: premiumNovember } });
    expect(formatAmount(snapshot!.monthToDate!.money.amount)).toBe('45.224');
    expect(amounts(snapshot!.dailySpend!)).toEqual(['0.00', '5.624', '39.60']);
  });
});
