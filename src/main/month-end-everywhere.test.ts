/**
 * The month-end figure is computed once and read everywhere: the Overview's total (which the header and
 * `status --json` print), the account's own figure, the budget alert's text and the tray tooltip all
 * carry the same amount, at the start, middle and end of a month and across a month with no spend.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../../tests/fakes/openrouter-fake.js';
import { createHttpClient } from '../core/http/http-client.js';
import { MemorySecretStore } from '../core/secrets/secret-store.js';
import { SpendbarService } from '../core/host/service.js';
import { trayText } from './tray-text.js';

let fake: OpenRouterFake;

beforeEach(async () => {
  fake = await startOpenRouterFake();
});
afterEach(async () => {
  await fake.close();
});

async function figuresAt(at: string, budget: string) {
  let now = new Date(at);
  const spendbar = new SpendbarService({
    dataDir: mkdtempSync(join(tmpdir(), 'spendbar-month-end-')),
    env: { OPENROUTER_API_KEY: 'sk-or-v1-month-end-test', SPENDBAR_OPENROUTER_BASE_URL: fake.url },
    secrets: new MemorySecretStore(),
    http: createHttpClient({ maxRetries: 0, totalTimeoutMs: 2000 }),
    now: () => now,
  });
  await spendbar.setPreferences({ monthlyBudget: { USD: budget } });
  await spendbar.poll();
  now = new Date(now.getTime() + 60_000);
  const overview = await spendbar.overview();
  const alerts = await spendbar.evaluateAlerts();
  return { overview, alerts, total: overview.totals.find((total) => total.currency === 'USD') };
}

describe('one month-end figure everywhere', () => {
  it.each([
    ['the middle of a month', '2026-11-15T12:00:00Z'],
    ['the end of a month', '2026-11-30T22:00:00Z'],
    ['the start of a month, once three days are known', '2026-11-04T01:00:00Z'],
  ])('in %s, the total, the account and the budget alert agree', async (_when, at) => {
    // OpenRouter's month-to-date is 12.50, 96% of a 13.00 budget: the 80% alert says where the month ends.
    const { overview, alerts, total } = await figuresAt(at, '13');
    const account = overview.accounts.find((item) => item.provider === 'openrouter')!;
    expect(total?.monthEnd?.kind).toBe('projection');
    expect(account.monthEnd?.amount).toBe(total?.monthEnd?.amount);
    const [budgetAlert] = alerts.filter((alert) => alert.kind === 'budget');
    expect(budgetAlert?.body).toContain(`projected ${total!.monthEnd!.amount} USD by month end`);
    const shown = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(total!.monthEnd!.amount as `${number}`);
    expect(trayText(overview, 'en-US').tooltip).toContain(`~${shown} by month end`);
  });

  it('on the first day, shows the projection but neither alerts on it nor quotes it', async () => {
    // 12.50 of a 20.00 budget (62%): only the projection (about 390 by the 30th) would exceed it.
    const { alerts, total } = await figuresAt('2026-11-01T06:00:00Z', '20');
    expect(total?.monthEnd?.kind).toBe('projection');
    expect(Number(total?.monthEnd?.amount)).toBeGreaterThan(20);
    expect(alerts.filter((alert) => alert.kind.startsWith('budget'))).toEqual([]);
  });

  it('in the middle of a month, the projection alone raises "on track to exceed", quoting the same figure', async () => {
    const { alerts, total } = await figuresAt('2026-11-15T12:00:00Z', '20');
    const [forecast] = alerts.filter((alert) => alert.kind === 'budget-forecast');
    expect(forecast?.body).toContain(`projected ${total!.monthEnd!.amount} USD by month end (from recent spend)`);
  });

  it('across a month with no spend, the month-end is zero and nothing is projected to exceed', async () => {
    fake.set({ usageMonthly: 0 });
    const { overview, alerts, total } = await figuresAt('2026-11-15T12:00:00Z', '13');
    expect(total?.monthToDate).toBe('0.00');
    expect(total?.monthEnd?.amount).toBe('0.00');
    expect(overview.accounts.find((item) => item.provider === 'openrouter')?.monthEnd?.amount).toBe('0.00');
    expect(alerts.filter((alert) => alert.kind.startsWith('budget'))).toEqual([]);
  });
});
