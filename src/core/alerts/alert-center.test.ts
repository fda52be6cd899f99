/** The alert engine wired to a real service, real files and the OpenRouter fake. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../../../tests/fakes/openrouter-fake.js';
import { createApiHandlers } from '../host/api-handlers.js';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';
import { SpendbarService } from '../host/service.js';

let fake: OpenRouterFake;
let dataDir: string;
let now: Date;

function service() {
  return new SpendbarService({
    dataDir,
    env: { OPENROUTER_API_KEY: 'sk-or-v1-alert-center-test', SPENDBAR_OPENROUTER_BASE_URL: fake.url },
    secrets: new MemorySecretStore(),
    http: createHttpClient({ maxRetries: 0, totalTimeoutMs: 2000 }),
    now: () => now,
  });
}

function api(spendbar: SpendbarService) {
  return createApiHandlers(spendbar, { refresh: async () => undefined, changed: () => undefined, launchAtLoginAvailable: false });
}

beforeEach(async () => {
  fake = await startOpenRouterFake();
  dataDir = mkdtempSync(join(tmpdir(), 'spendbar-alerts-'));
  now = new Date('2026-11-20T10:00:00Z');
});
afterEach(async () => {
  await fake.close();
});

describe('alerts through the service', () => {
  it('raises a low-balance alert once, keeps it in the history and survives a restart', async () => {
    const spendbar = service();
    await spendbar.addAccount('openrouter', 'env', {}, { lowBalance: '80' });
    await spendbar.poll();
    const [raised] = await spendbar.evaluateAlerts();
    expect(raised).toMatchObject({ kind: 'low-balance', accountId: 'openrouter:env', body: expect.stringContaining('74.75 USD left, below your 80.00 USD alert.') });

    const restarted = service();
    await restarted.poll();
    expect(await restarted.evaluateAlerts()).toEqual([]);
    expect((await restarted.overview()).alerts).toEqual([expect.objectContaining({ id: raised!.id, snoozedUntil: null })]);
  });

  it('moves a damaged alerts.json aside, says so, and starts afresh', async () => {
    writeFileSync(join(dataDir, 'alerts.json'), '{"version": 1, "state": {"active": 3}}');
    const spendbar = service();
    await spendbar.overview();
    expect(spendbar.warnings.join('\n')).toMatch(/alerts\.json could not be read .* moved aside/);
    expect(readdirSync(dataDir).some((name) => name.startsWith('alerts.json.corrupt-'))).toBe(true);
    await spendbar.poll();
    await spendbar.evaluateAlerts();
    expect(existsSync(join(dataDir, 'alerts.json'))).toBe(true);
  });

  it('snoozes the rule behind an alert through the API, and lifts it with a past time', async () => {
    const spendbar = service();
    const handlers = api(spendbar);
    await spendbar.addAccount('openrouter', 'env', {}, { lowBalance: '80' });
    await spendbar.poll();
    const [raised] = await spendbar.evaluateAlerts();
    await expect(handlers.snoozeAlert({ id: raised!.id, until: '2026-11-21T08:00:00Z' })).resolves.toEqual({ snoozedUntil: '2026-11-21T08:00:00.000Z' });
    expect((await spendbar.overview()).alerts[0]?.snoozedUntil).toBe('2026-11-21T08:00:00.000Z');
    await expect(handlers.snoozeAlert({ id: raised!.id, until: '2026-11-01T00:00:00Z' })).resolves.toEqual({ snoozedUntil: null });
    await expect(handlers.snoozeAlert({ id: 'nope', until: '2026-11-21T08:00:00Z' })).rejects.toThrow(/No alert with id nope/);
    await expect(handlers.snoozeAlert({ id: raised!.id, until: 'tomorrow' })).rejects.toThrow(/not a date and time/);
  });

  it('reads and changes the alert settings through the API, refusing bad values', async () => {
    const handlers = api(service());
    await expect(handlers.getAlertSettings({})).resolves.toEqual({ quietHours: null, reconciliationPercent: 20, reconciliationFloor: '1.00' });
    await expect(handlers.setAlertSettings({ quietHours: { start: '22:00', end: '07:00' }, reconciliationPercent: 15, reconciliationFloor: '2.5' })).resolves.toEqual({
      quietHours: { start: '22:00', end: '07:00' },
      reconciliationPercent: 15,
      reconciliationFloor: '2.50',
    });
    await expect(handlers.setAlertSettings({ quietHours: { start: '25:00', end: '07:00' } })).rejects.toThrow(/quietHours/);
    await expect(handlers.setAlertSettings({ reconciliationFloor: '-1' })).rejects.toThrow(/cannot be negative/);
    expect((await handlers.getAlertSettings({})).reconciliationPercent).toBe(15);
  });
});

describe('runway and top-ups in the overview', () => {
  it('days left from the balance’s fall between polls; a top-up is noted and not counted as burn', async () => {
    const spendbar = service();
    await spendbar.poll();
    now = new Date('2026-11-21T10:00:00Z');
    fake.set({ totalUsage: 35.75, usageMonthly: 22.5 });
    await spendbar.poll();
    await spendbar.evaluateAlerts();
    const runway = (await spendbar.overview()).accounts[0]!.runway;
    // 10.00 a day from 64.75 left.
    expect(runway).toEqual({ days: 6.4, depletionDate: '2026-11-27', burnPerDay7: '10.00', burnPerDay30: '10.00', currency: 'USD' });

    now = new Date('2026-11-22T10:00:00Z');
    fake.set({ totalCredits: 200.5, totalUsage: 45.75, usageMonthly: 32.5 });
    await spendbar.poll();
    await spendbar.evaluateAlerts();
    const account = (await spendbar.overview()).accounts[0]!;
    expect(account.notes).toContain('Top-up detected 2026-11-22: +100.00 USD (payment or auto-recharge; not counted as spend).');
    // The rise is left out: 10 over two days, so the rate stays 5 a day rather than going negative.
    expect(account.runway?.burnPerDay7).toBe('5.00');
  });
});
