/** Low balance, runway, stale data, clock changes, sleep gaps, broken keys and reconciliation as sequences. */
import { describe, expect, it } from 'vitest';
import { countsOf, hourly, runSequence, type Step } from './test-support.js';

const lowAt10 = { thresholds: { lowBalance: '10' } };

describe('low balance: once per crossing, re-armed only well above the threshold', () => {
  it.each<[string, string[], number[]]>([
    ['drifting down across the threshold', ['20', '15', '11', '9.50', '8', '6', '3'], [0, 0, 0, 1, 0, 0, 0]],
    ['oscillating around it (within the 10% margin)', ['12', '9.90', '10.20', '9.80', '10.90', '9.70', '11.00'], [0, 1, 0, 0, 0, 0, 0]],
    ['a top-up, then a new fall', ['12', '9', '50', '30', '9.50'], [0, 1, 0, 0, 1]],
    ['exactly at the threshold is not below it', ['10', '10.00', '10'], [0, 0, 0]],
    ['already below on the first poll', ['4', '3', '2'], [1, 0, 0]],
  ])('%s', (_name, balances, expected) => {
    const result = runSequence(hourly('2026-11-10T08:00:00Z', balances, (balance) => ({ balance, ...lowAt10 })));
    expect(countsOf(result)).toEqual(expected);
  });

  it('says how much is left against the threshold, and the runway when known', () => {
    const [alert] = runSequence([{ at: '2026-11-10T08:00:00Z', balance: '7.25', runwayDays: 2.4, ...lowAt10 }]).delivered[0]!;
    expect(alert).toMatchObject({ kind: 'low-balance', accountId: 'openrouter:work', title: 'Low balance: OpenRouter (work)' });
    expect(alert?.body).toContain('7.25 USD left, below your 10.00 USD alert.');
  });

  it('fires on runway days too, and one notification when money and days cross together', () => {
    const days = { thresholds: { lowBalance: '10', lowRunwayDays: 3 } };
    const steps: Step[] = [
      { at: '2026-11-10T08:00:00Z', balance: '40', runwayDays: 8, ...days },
      { at: '2026-11-10T09:00:00Z', balance: '25', runwayDays: 2.5 },
      { at: '2026-11-10T10:00:00Z', balance: '9', runwayDays: 1.5 },
      // A top-up: plenty of money and days again re-arms; the next fall alerts again.
      { at: '2026-11-11T08:00:00Z', balance: '100', runwayDays: 20 },
      { at: '2026-11-12T08:00:00Z', balance: '8', runwayDays: 1 },
    ];
    const result = runSequence(steps);
    expect(countsOf(result)).toEqual([0, 1, 0, 0, 1]);
    expect(result.delivered[1]?.[0]?.title).toBe('Credit running out: OpenRouter (work)');
  });

  it('re-arms when nothing is being spent any more (infinite runway) but not when the runway is unknown', () => {
    const steps = hourly('2026-11-10T08:00:00Z', [2, undefined, 2, 'infinite' as const, 1], (runwayDays) => ({
      balance: '50',
      runwayDays,
      thresholds: { lowRunwayDays: 3 },
    }));
    expect(countsOf(runSequence(steps))).toEqual([1, 0, 0, 0, 1]);
  });

  it('records a rise of the official balance as a top-up (spend meanwhile included), not as negative burn', () => {
    const result = runSequence([
      { at: '2026-11-10T08:00:00Z', balance: '4', monthToDate: '20', ...lowAt10 },
      { at: '2026-11-10T09:00:00Z', balance: '50', monthToDate: '21.50' },
      { at: '2026-11-10T10:00:00Z', balance: '48', monthToDate: '23.50' },
    ]);
    expect(result.state.topUps).toEqual([{ accountId: 'openrouter:work', at: '2026-11-10T09:00:00.000Z', amount: '47.50', currency: 'USD' }]);
  });
});

describe('stale figures never raise alerts', () => {
  it('a failed poll keeping last good figures below the threshold raises nothing until a fresh poll', () => {
    const result = runSequence([
      { at: '2026-11-10T08:00:00Z', balance: '20', ...lowAt10 },
      // The provider is down: the stored balance (which the user lowered the threshold past) is stale.
      { at: '2026-11-10T09:00:00Z', balance: '20', fresh: false, asOf: '2026-11-10T08:00:00Z', thresholds: { lowBalance: '30' }, error: { kind: 'provider-unavailable', message: 'down' } },
      { at: '2026-11-10T10:00:00Z', balance: '20', fresh: false, asOf: '2026-11-10T08:00:00Z', error: { kind: 'network', message: 'offline' } },
      { at: '2026-11-10T11:00:00Z', balance: '19' },
    ]);
    expect(countsOf(result)).toEqual([0, 0, 0, 1]);
  });

  it('stale figures neither re-arm an alert nor cross a budget', () => {
    const result = runSequence([
      { at: '2026-11-28T08:00:00Z', balance: '5', monthToDate: '70', thresholds: { lowBalance: '10', monthlyBudget: '100' } },
      { at: '2026-11-28T09:00:00Z', balance: '500', monthToDate: '95', fresh: false },
      { at: '2026-11-28T10:00:00Z', balance: '4', monthToDate: '71' },
    ]);
    expect(countsOf(result)).toEqual([1, 0, 0]);
  });
});

describe('clock changes and sleep', () => {
  it('time going backwards repeats nothing, across a month boundary too', () => {
    const budget = { thresholds: { monthlyBudget: '100' } };
    const result = runSequence([
      { at: '2026-11-29T12:00:00Z', monthToDate: '85', balance: '9', ...budget, thresholds: { monthlyBudget: '100', lowBalance: '10' } },
      { at: '2026-12-01T00:10:00Z', monthToDate: '2', balance: '8' },
      // The clock is set back into November, then recovers.
      { at: '2026-11-30T23:50:00Z', monthToDate: '86', balance: '8' },
      { at: '2026-11-30T23:55:00Z', monthToDate: '86', balance: '7.90', asOf: '2026-11-30T23:54:00Z' },
      { at: '2026-12-01T00:20:00Z', monthToDate: '3', balance: '7.80' },
    ]);
    expect(countsOf(result)).toEqual([2, 0, 0, 0, 0]);
  });

  it('a sleep/wake gap: the same figures evaluated after waking, then a fresh poll, raise nothing twice', () => {
    const steps: Step[] = [
      { at: '2026-11-10T08:00:00Z', balance: '9', runwayDays: 2, thresholds: { lowBalance: '10', lowRunwayDays: 3 } },
      // Asleep for three days; on waking the host evaluates before the first poll finishes.
      { at: '2026-11-13T08:00:00Z', balance: '9', runwayDays: 2, asOf: '2026-11-10T08:00:00Z' },
      { at: '2026-11-13T08:01:00Z', balance: '6', runwayDays: 1.5 },
    ];
    expect(countsOf(runSequence(steps))).toEqual([1, 0, 0]);
  });

  it('a sleep across the month boundary starts the new month’s budget alerts afresh', () => {
    const result = runSequence([
      { at: '2026-11-28T10:00:00Z', monthToDate: '85', thresholds: { monthlyBudget: '100' } },
      { at: '2026-12-20T10:00:00Z', monthToDate: '81' },
    ]);
    expect(countsOf(result)).toEqual([1, 1]);
    expect(result.delivered[1]?.[0]?.key).toBe('budget-80:openrouter:work:2026-12');
  });
});

describe('broken credentials: one notification per outage', () => {
  const ok: Omit<Step, 'at'> = { balance: '50' };
  const auth: Omit<Step, 'at'> = { fresh: false, error: { kind: 'auth', message: 'OpenRouter did not accept the key: create a new one at …' } };
  const permission: Omit<Step, 'at'> = { fresh: false, error: { kind: 'permission', message: 'needs a management key' } };
  const network: Omit<Step, 'at'> = { fresh: false, error: { kind: 'network', message: 'offline' } };

  it.each<[string, Omit<Step, 'at'>[], number[]]>([
    ['auth failures on every poll', [ok, auth, auth, auth], [0, 1, 0, 0]],
    ['a network blip in between does not re-arm', [auth, network, auth, permission], [1, 0, 0, 0]],
    ['a success re-arms', [auth, ok, auth], [1, 0, 1]],
    ['other failures never alert', [network, { fresh: false, error: { kind: 'rate-limited', message: 'slow down' } }], [0, 0]],
  ])('%s', (_name, states, expected) => {
    const result = runSequence(hourly('2026-11-10T08:00:00Z', states, (state) => state));
    expect(countsOf(result)).toEqual(expected);
  });

  it('carries the provider’s message saying what to do', () => {
    const [alert] = runSequence([{ at: '2026-11-10T08:00:00Z', ...auth }]).delivered[0]!;
    expect(alert).toMatchObject({ kind: 'credentials', title: 'Key not accepted: OpenRouter (work)', body: expect.stringContaining('create a new one') });
  });
});

describe('reconciliation: official against estimated spend', () => {
  it('tracked usage 61% above the official month-to-date: one alert showing both figures', () => {
    const result = runSequence(hourly('2026-11-10T08:00:00Z', ['20.10', '20.20', '21.00'], (tracked) => ({ monthToDate: '12.50', tracked })));
    expect(countsOf(result)).toEqual([1, 0, 0]);
    expect(result.delivered[0]?.[0]).toMatchObject({ kind: 'reconciliation', title: 'Spend figures disagree: OpenRouter (work)' });
    expect(result.delivered[0]?.[0]?.body).toMatch(/Official 12\.50 USD, estimated 20\.10 USD .*: 60\.80% apart, more than your 20%/);
  });

  it.each<[string, string, string, Partial<{ reconciliationPercent: number; reconciliationFloor: string }>, number]>([
    ['cents apart are below the floor', '0.50', '0.90', {}, 0],
    ['within the percentage', '100', '115', {}, 0],
    ['a stricter percentage', '100', '115', { reconciliationPercent: 10 }, 1],
    ['a higher floor', '12.50', '20.10', { reconciliationFloor: '10' }, 0],
  ])('%s', (_name, monthToDate, tracked, settings, expected) => {
    expect(countsOf(runSequence([{ at: '2026-11-10T08:00:00Z', monthToDate, tracked, settings }]))).toEqual([expected]);
  });

  it('compares the balance’s fall with the official growth over the same polls, leaving top-ups out', () => {
    const result = runSequence([
      { at: '2026-11-10T08:00:00Z', balance: '100', monthToDate: '10' },
      { at: '2026-11-10T09:00:00Z', balance: '150', monthToDate: '12' },
      { at: '2026-11-10T10:00:00Z', balance: '149', monthToDate: '13' },
      { at: '2026-11-10T11:00:00Z', balance: '139', monthToDate: '14' },
    ]);
    // The top-up interval is left out; then official +1 +1 = 2.00 against a fall of 1 + 10 = 11.00.
    expect(countsOf(result)).toEqual([0, 0, 0, 1]);
    expect(result.delivered[3]?.[0]?.body).toMatch(/Official 2\.00 USD, estimated 11\.00 USD \(since 2026-11-10; estimated from the balance’s fall\)/);
  });
});
