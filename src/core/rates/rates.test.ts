/** The reference rates: the ECB's files read exactly, and the optional daily refresh against a local fake endpoint. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeReply, type FakeServer } from '../../../tests/fakes/fake-http-server.js';
import type { Overview } from '../../shared/api.js';
import { createApiHandlers } from '../host/api-handlers.js';
import { openHost } from '../host/host.js';
import { SpendbarService } from '../host/service.js';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';
import { bundledRates } from './bundled-rates.js';
import { parseEurofxrefCsv, parseEurofxrefXml } from './rate-table.js';
import { RATES_FILE } from './rates-refresh.js';

const fixture = readFileSync(join(import.meta.dirname, '__fixtures__', 'eurofxref-daily.xml'), 'utf8');

describe('the ECB reference rate files', () => {
  it('reads eurofxref-daily.xml with its date and every rate as the ECB wrote it', () => {
    const table = parseEurofxrefXml(fixture, 'test');
    expect(table.date).toBe('2024-06-28');
    expect(Object.keys(table.rates)).toHaveLength(30);
    expect(table.rates).toMatchObject({ USD: '1.0705', JPY: '171.94', GBP: '0.84638', HUF: '395.10', CNY: '7.7748' });
  });

  it('reads the one-day eurofxref.csv, trailing comma and N/A included', () => {
    const table = parseEurofxrefCsv('Date, USD, JPY, CYP, \n28 June 2024, 1.0705, 171.94, N/A, \n', 'test');
    expect(table).toEqual({ base: 'EUR', date: '2024-06-28', source: 'test', rates: { USD: '1.0705', JPY: '171.94' } });
  });

  it('refuses a file that is not one', () => {
    expect(() => parseEurofxrefXml('<html>maintenance</html>', 'test')).toThrow(/no date/);
    expect(() => parseEurofxrefCsv('hello', 'test')).toThrow(/Not an ECB eurofxref CSV/);
  });

  it('bundles exactly the rates of the ECB file it was written from (scripts/update-rates.mjs)', () => {
    const table = parseEurofxrefXml(fixture, 'test');
    expect(bundledRates.date).toBe(table.date);
    expect(bundledRates.rates).toEqual(table.rates);
  });
});

describe('the daily refresh, against a local fake endpoint', () => {
  let endpoint: FakeServer;
  let reply: FakeReply;
  let dataDir: string;
  let now: Date;

  beforeEach(async () => {
    reply = { json: { amount: 1, base: 'EUR', date: '2026-12-03', rates: { USD: 1.25, CNY: 8.0125 } } };
    endpoint = await startFakeServer(() => reply);
    dataDir = mkdtempSync(join(tmpdir(), 'spendbar-rates-'));
    now = new Date('2026-12-04T10:00:00Z');
  });
  afterEach(() => endpoint.close());

  function open() {
    const service = new SpendbarService({
      dataDir,
      env: { SPENDBAR_RATES_URL: `${endpoint.origin}/latest` },
      secrets: new MemorySecretStore(),
      http: createHttpClient({ maxRetries: 0, totalTimeoutMs: 2000 }),
      now: () => now,
    });
    return { service, api: createApiHandlers(service, { refresh: async () => undefined, changed: () => undefined, launchAtLoginAvailable: false }) };
  }

  it('asks nothing while it is off (the default), and converts with the bundled rates, labelled stale', async () => {
    const { service, api } = open();
    await service.addEntry({ provider: 'custom', kind: 'spend', amount: '10.705', currency: 'USD', date: '2026-12-01' });
    await api.setPreferences({ displayCurrency: 'eur' });
    expect(await service.rates.refreshIfDue(service.preferences())).toBe(false);
    expect(endpoint.requests).toEqual([]);
    const { converted } = await service.overview();
    expect(converted).toMatchObject({ amount: '10.00', currency: 'EUR', ratesDate: '2024-06-28', stale: true, excluded: [] });
  });

  it('once on, fetches the latest rates once a day and converts with them', async () => {
    const { service, api } = open();
    await service.addEntry({ provider: 'custom', kind: 'spend', amount: '80.125', currency: 'CNY', date: '2026-12-01' });
    await api.setPreferences({ displayCurrency: 'EUR', ratesRefresh: true });
    expect(await service.rates.refreshIfDue(service.preferences())).toBe(true);
    expect(endpoint.requests.map((request) => request.path)).toEqual(['/latest']);
    expect(existsSync(join(dataDir, RATES_FILE))).toBe(true);
    expect((await service.overview()).converted).toMatchObject({ amount: '10.00', ratesDate: '2026-12-03', stale: false, ratesSource: 'ECB reference rates (daily refresh)' });

    // Within the day: no second request. A day later: one more.
    now = new Date('2026-12-04T20:00:00Z');
    await service.rates.refreshIfDue(service.preferences());
    expect(endpoint.requests).toHaveLength(1);
    now = new Date('2026-12-05T10:00:01Z');
    await service.rates.refreshIfDue(service.preferences());
    expect(endpoint.requests).toHaveLength(2);
  });

  it('keeps the rates it has when the endpoint fails, and says which endpoint failed', async () => {
    const { service, api } = open();
    await api.setPreferences({ displayCurrency: 'EUR', ratesRefresh: true });
    reply = { status: 503, raw: 'down' };
    await expect(service.rates.refreshIfDue(service.preferences())).rejects.toThrow(/exchange-rate endpoint/);
    expect(service.rates.reference().date).toBe(bundledRates.date);
  });
});

describe('the daily refresh in the running host (app and serve)', () => {
  it('makes no request while off; turned on, asks at once and pushes an overview with the new rates', async () => {
    const endpoint = await startFakeServer(() => ({ json: { amount: 1, base: 'EUR', date: '2026-12-03', rates: { USD: 1.25 } } }));
    const host = await openHost({ dataDir: mkdtempSync(join(tmpdir(), 'spendbar-rates-host-')), env: { SPENDBAR_RATES_URL: `${endpoint.origin}/latest` } });
    const overviews: Overview[] = [];
    host.onOverview((overview) => overviews.push(overview));
    try {
      host.start();
      await host.api.setPreferences({ displayCurrency: 'USD' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(endpoint.requests).toEqual([]);
      await host.api.setPreferences({ ratesRefresh: true });
      await expect.poll(() => overviews.at(-1)?.converted?.ratesDate, { timeout: 5_000 }).toBe('2026-12-03');
      expect(endpoint.requests).toHaveLength(1);
    } finally {
      await host.close();
      await endpoint.close();
    }
  });
});
