import { describe, expect, it } from 'vitest';
import type { AccountView, Overview } from '../shared/api.js';
import { trayIconName, trayState } from './tray-state.js';

function account(id: string, status: AccountView['status'], balance?: string, runwayDays?: number): AccountView {
  return {
    id,
    status,
    balance: balance === undefined ? null : { amount: balance, currency: 'USD' },
    runway: runwayDays === undefined ? null : { days: runwayDays, depletionDate: null, burnPerDay7: null, burnPerDay30: null, currency: 'USD' },
  } as AccountView;
}

const overview = (...accounts: AccountView[]) => ({ accounts }) as Partial<Overview> as Overview;

describe('trayState', () => {
  it('is normal with nothing to report', () => {
    expect(trayState(undefined)).toBe('normal');
    expect(trayState(overview(account('openrouter:work', 'ok', '50')), new Map([['openrouter:work', { lowBalance: '10' }]]))).toBe('normal');
  });

  it('is low when a balance is under its threshold or the runway is shorter than asked', () => {
    expect(trayState(overview(account('openrouter:work', 'ok', '9.99')), new Map([['openrouter:work', { lowBalance: '10' }]]))).toBe('low');
    expect(trayState(overview(account('openrouter:work', 'ok', '50', 3)), new Map([['openrouter:work', { lowRunwayDays: 7 }]]))).toBe('low');
    expect(trayState(overview(account('openrouter:work', 'ok', '9.99')))).toBe('normal');
  });

  it('is failing when any account is in error, whatever else holds', () => {
    const thresholds = new Map([['openrouter:work', { lowBalance: '10' }]]);
    expect(trayState(overview(account('openrouter:work', 'ok', '1'), account('openai:default', 'error')), thresholds)).toBe('failing');
  });
});

describe('trayIconName', () => {
  it('uses template images on macOS and coloured ones elsewhere', () => {
    expect(trayIconName('normal', 'darwin')).toBe('trayTemplate');
    expect(trayIconName('failing', 'darwin')).toBe('trayFailingTemplate');
    expect(trayIconName('low', 'win32')).toBe('trayLow');
    expect(trayIconName('normal', 'linux')).toBe('tray');
  });
});
