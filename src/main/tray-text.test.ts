import { describe, expect, it } from 'vitest';
import type { AccountView, Overview } from '../shared/api.js';
import { formatMoney, trayText } from './tray-text.js';

// Only the fields trayText reads; the contract's other fields do not change what the tray says.
function account(id: string, status: AccountView['status']): AccountView {
  return { id, provider: id.split(':')[0] ?? id, account: 'default', status } as AccountView;
}

function overview(totals: [currency: string, monthToDate: string][], accounts: AccountView[] = []): Overview {
  return {
    month: '2026-11',
    demo: false,
    totals: totals.map(([currency, monthToDate]) => ({
      currency,
      monthToDate,
      byConfidence: { official: monthToDate, estimated: '0.00', manual: '0.00' },
    })),
    accounts,
  } as Partial<Overview> as Overview;
}

describe('formatMoney', () => {
  it('formats the exact decimal string, rounding half away from zero', () => {
    expect(formatMoney('123.45', 'USD', 'en-US')).toBe('$123.45');
    // As a binary float 1.005 is 1.00499…, which would round down to $1.00.
    expect(formatMoney('1.005', 'USD', 'en-US')).toBe('$1.01');
    expect(formatMoney('12.345678', 'USD', 'en-US')).toBe('$12.35');
  });

  it('uses the currency’s own symbol and digits', () => {
    expect(formatMoney('500', 'CNY', 'en-US')).toBe('CN¥500.00');
    expect(formatMoney('1200', 'JPY', 'en-US')).toBe('¥1,200');
  });

  it('falls back to "amount CODE" for a code Intl rejects', () => {
    expect(formatMoney('3.50', 'CREDITS', 'en-US')).toBe('3.50 CREDITS');
  });
});

describe('trayText', () => {
  it('shows only the app name before the first overview', () => {
    expect(trayText(undefined)).toEqual({ title: '', tooltip: 'Spendbar' });
  });

  it('puts a single currency total in the title and tooltip', () => {
    expect(trayText(overview([['USD', '123.45']]), 'en-US')).toEqual({
      title: '$123.45',
      tooltip: 'Spendbar: $123.45 this month',
    });
  });

  it('joins several currencies with " · ", in the overview’s order', () => {
    const text = trayText(overview([['USD', '20.5'], ['CNY', '88.00']]), 'en-US');
    expect(text.title).toBe('$20.50 · CN¥88.00');
    expect(text.tooltip).toBe('Spendbar: $20.50 · CN¥88.00 this month');
  });

  it('says so when nothing is spent yet, leaving the title empty', () => {
    expect(trayText(overview([]), 'en-US')).toEqual({ title: '', tooltip: 'Spendbar: no spend recorded this month' });
  });

  it('counts accounts whose last poll failed', () => {
    const accounts = [account('openai:a', 'ok'), account('xai:b', 'stale'), account('groq:c', 'error'), account('aws:d', 'unconfigured')];
    expect(trayText(overview([['USD', '1.00']], accounts), 'en-US').tooltip).toBe(
      'Spendbar: $1.00 this month (2 accounts need attention)',
    );
    expect(trayText(overview([['USD', '1.00']], [account('xai:b', 'error')]), 'en-US').tooltip).toBe(
      'Spendbar: $1.00 this month (1 account needs attention)',
    );
  });

  it('keeps the tooltip within the 127 characters Windows shows', () => {
    const many = Array.from({ length: 12 }, (_, index): [string, string] => [['USD', 'EUR', 'GBP', 'CNY'][index % 4] ?? 'USD', '123456.78']);
    const text = trayText(overview(many), 'en-US');
    expect(text.tooltip.length).toBe(127);
    expect(text.tooltip.endsWith('…')).toBe(true);
  });
});

describe('the month-end in the tooltip', () => {
  it('quotes the engine’s figure per currency, marked as a projection or a forecast', () => {
    const base = overview([['USD', '123.45'], ['EUR', '10']]);
    const [usd, eur] = base.totals;
    const withEnds: Overview = {
      ...base,
      totals: [
        { ...usd!, monthEnd: { amount: '300.004', currency: 'USD', kind: 'projection', rateDays: 7 } },
        { ...eur!, monthEnd: { amount: '25', currency: 'EUR', kind: 'forecast', rateDays: null } },
      ],
    };
    expect(trayText(withEnds, 'en-US').tooltip).toBe('Spendbar: $123.45 · €10.00 this month, ~$300.00 · €25.00 by month end');
  });

  it('says nothing about the month end when nothing was projected', () => {
    const base = overview([['USD', '19']]);
    const manualOnly: Overview = { ...base, totals: [{ ...base.totals[0]!, monthEnd: null }] };
    expect(trayText(manualOnly, 'en-US').tooltip).toBe('Spendbar: $19.00 this month');
  });
});

describe('tray title formats', () => {
  const glanceOverview = (converted?: Overview['converted']): Overview => ({
    ...overview([['USD', '412.10'], ['CNY', '350.00']]),
    glance: { shortestRunway: { accountId: 'deepseek:env', days: 6.7 }, lowestBalance: { accountId: 'deepseek:env', amount: '80.456', currency: 'CNY' } },
    ...(converted ? { converted } : {}),
  });
  const converted: Overview['converted'] = {
    amount: '430.4567',
    currency: 'EUR',
    ratesDate: '2024-06-28',
    excluded: ['CNY'],
    approximate: true,
    stale: true,
    ratesSource: 'test',
    rates: [],
  };

  it('shows the total by default, in cents or whole units', () => {
    expect(trayText(glanceOverview(), 'en-US').title).toBe('$412.10 · CN¥350.00');
    expect(trayText(glanceOverview(), 'en-US', { format: 'total', precision: 'whole' }).title).toBe('$412 · CN¥350');
  });

  it('adds the shortest runway in whole days', () => {
    expect(trayText(glanceOverview(), 'en-US', { format: 'total-runway', precision: 'whole' }).title).toBe('$412 · CN¥350 · 6 d');
  });

  it('shows the lowest balance alone, or nothing at all', () => {
    expect(trayText(glanceOverview(), 'en-US', { format: 'lowest-balance', precision: 'cents' }).title).toBe('CN¥80.46');
    expect(trayText(glanceOverview(), 'en-US', { format: 'none', precision: 'cents' }).title).toBe('');
  });

  it('shows the approximate converted total, and apart from it a currency without a rate; the tooltip keeps the full figures', () => {
    const text = trayText(glanceOverview(converted), 'en-US', { format: 'total', precision: 'whole' });
    expect(text.title).toBe('~€430 · CN¥350');
    expect(text.tooltip).toBe('Spendbar: $412.10 · CN¥350.00 this month, ~€430.46 at rates of 2024-06-28 (stale)');
    expect(trayText(glanceOverview(converted), 'en-US', { format: 'none', precision: 'cents' }).tooltip).toBe(text.tooltip);
  });
});
