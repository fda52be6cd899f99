/** The display currency, user rates, tray title and shortcut as the API takes them (src/core/host/api-handlers.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiHandlers, type HandlerHooks } from '../host/api-handlers.js';
import { SpendbarService } from '../host/service.js';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';

function open(hooks: Partial<HandlerHooks> = {}) {
  const service = new SpendbarService({
    dataDir: mkdtempSync(join(tmpdir(), 'spendbar-glance-prefs-')),
    env: {},
    secrets: new MemorySecretStore(),
    http: createHttpClient({ maxRetries: 0 }),
    now: () => new Date('2026-12-04T10:00:00Z'),
  });
  const api = createApiHandlers(service, { refresh: async () => undefined, changed: () => undefined, launchAtLoginAvailable: false, ...hooks });
  return { service, api };
}

describe('glance preferences', () => {
  it('are off by default: no display currency, the total as tray title, no shortcut, no refresh', async () => {
    const { service, api } = open();
    expect(await api.getPreferences({})).toMatchObject({
      displayCurrency: null,
      userRates: {},
      ratesRefresh: false,
      trayTitle: { format: 'total', precision: 'cents' },
      shortcut: null,
      shortcutAvailable: false,
      referenceDate: '2024-06-28',
    });
    expect((await api.getPreferences({})).referenceCurrencies).toEqual(expect.arrayContaining(['EUR', 'USD', 'CNY', 'JPY']));
    expect((await service.overview()).converted).toBeUndefined();
  });

  it('takes a display currency in any case, and refuses one that does not exist', async () => {
    const { api } = open();
    expect((await api.setPreferences({ displayCurrency: 'gbp' })).displayCurrency).toBe('GBP');
    await expect(api.setPreferences({ displayCurrency: 'EURO' })).rejects.toMatchObject({ field: 'displayCurrency' });
    expect((await api.setPreferences({ displayCurrency: null })).displayCurrency).toBeNull();
  });

  it('stores a rate the user sets against the display currency, dated, and removes it when emptied', async () => {
    const { service, api } = open();
    await expect(api.setPreferences({ userRates: { CNY: '0.13' } })).rejects.toThrow('Choose a display currency before setting a rate.');
    await api.setPreferences({ displayCurrency: 'EUR', userRates: { cny: '0.13' } });
    expect(service.preferences().userRates).toEqual({ CNY: { rate: '0.13', currency: 'EUR', setOn: '2026-12-04' } });
    await expect(api.setPreferences({ userRates: { CNY: '0' } })).rejects.toThrow(/more than zero/);
    await expect(api.setPreferences({ userRates: { CNY: 'lots' } })).rejects.toThrow(/not an amount/);
    await api.setPreferences({ userRates: { CNY: '' } });
    expect(service.preferences().userRates).toEqual({});
  });

  it('keeps budgets in their own currency whatever the display currency', async () => {
    const { service, api } = open();
    await api.setPreferences({ monthlyBudget: { USD: '500' } });
    await api.setPreferences({ displayCurrency: 'EUR' });
    expect(service.preferences().monthlyBudget).toEqual({ USD: '500.00' });
  });

  it('merges tray title changes', async () => {
    const { api } = open();
    await api.setPreferences({ trayTitle: { format: 'total-runway' } });
    expect((await api.setPreferences({ trayTitle: { precision: 'whole' } })).trayTitle).toEqual({ format: 'total-runway', precision: 'whole' });
    await expect(api.setPreferences({ trayTitle: { format: 'everything' as 'none' } })).rejects.toThrow(/Invalid setPreferences request/);
  });

  it('refuses a shortcut in the browser, where none can be registered', async () => {
    const { api } = open();
    await expect(api.setPreferences({ shortcut: 'CommandOrControl+Shift+S' })).rejects.toMatchObject({ field: 'shortcut', message: expect.stringMatching(/Only the desktop app/) });
    expect((await api.setPreferences({ shortcut: null })).shortcut).toBeNull();
  });

  it('saves a shortcut only once it is registered, and says why when it is not', async () => {
    const registered: (string | null)[] = [];
    const { service, api } = open({
      applyShortcut: (accelerator) => {
        if (accelerator === 'Alt+Space') return { ok: false, message: 'Alt+Space is in use by another app or the system; choose another shortcut.' };
        registered.push(accelerator);
        return { ok: true };
      },
    });
    expect((await api.setPreferences({ shortcut: ' Alt+Shift+P ' })).shortcut).toBe('Alt+Shift+P');
    await expect(api.setPreferences({ shortcut: 'Alt+Space' })).rejects.toMatchObject({ field: 'shortcut', message: 'Alt+Space is in use by another app or the system; choose another shortcut.' });
    await expect(api.setPreferences({ shortcut: 'just S' })).rejects.toThrow(/is not a shortcut/);
    expect(service.preferences().shortcut).toBe('Alt+Shift+P');
    expect(registered).toEqual(['Alt+Shift+P']);
  });
});

describe('a budget in the display currency', () => {
  it('is held against the approximate converted total; without a display currency it only sees native EUR spend', async () => {
    const { service, api } = open();
    // 10.705 USD + 77.748 CNY = 20 EUR at the bundled rates; no spend in EUR itself.
    for (const [amount, currency] of [['10.705', 'USD'], ['77.748', 'CNY']] as const) {
      await service.addEntry({ provider: 'custom', account: 'Acme', kind: 'spend', amount, currency, date: '2026-12-02' });
    }
    await api.setPreferences({ monthlyBudget: { EUR: '15' } });
    expect((await service.evaluateAlerts()).map((alert) => alert.kind)).toEqual([]);
    await api.setPreferences({ displayCurrency: 'EUR' });
    const raised = await service.evaluateAlerts();
    expect(raised.map((alert) => alert.kind)).toEqual([expect.stringMatching(/budget/)]);
    expect(raised[0]!.body).toMatch(/€20\.00|20\.00/);
  });
});
