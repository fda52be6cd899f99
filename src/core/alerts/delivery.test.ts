/** Budgets (80%, 100%, forecast, month reset), quiet hours, snooze and the alert history as sequences. */
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, type AlertState } from './alert-model.js';
import { isQuietTime } from './quiet-hours.js';
import { countsOf, runSequence, type Step } from './test-support.js';

const budget100 = { thresholds: { monthlyBudget: '100' } };

describe('budgets', () => {
  it('per account: 80%, then 100%, each once; the forecast once the month has run long enough', () => {
    const result = runSequence([
      // Day 3: a projection of 300 from two and a half days of spend is shown, but too noisy to alert on.
      { at: '2026-11-03T12:00:00Z', monthToDate: '30', projected: '300', rateDays: 2.5, ...budget100 },
      { at: '2026-11-10T12:00:00Z', monthToDate: '40', projected: '126.32', rateDays: 7 },
      { at: '2026-11-11T12:00:00Z', monthToDate: '45', projected: '130' },
      { at: '2026-11-25T12:00:00Z', monthToDate: '85' },
      { at: '2026-11-26T12:00:00Z', monthToDate: '86' },
      { at: '2026-11-28T12:00:00Z', monthToDate: '101' },
      { at: '2026-11-29T12:00:00Z', monthToDate: '120' },
    ]);
    expect(countsOf(result)).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(result.delivered.flat().map((alert) => alert.title)).toEqual([
      'On track to exceed budget: OpenRouter (work)',
      '80% of budget used: OpenRouter (work)',
      'Over budget: OpenRouter (work)',
    ]);
    expect(result.delivered[1]?.[0]?.body).toBe(
      'Spent 40.00 USD of 100.00 USD this month (40%); projected 126.32 USD by month end (at the recent daily rate), over the 100.00 USD budget.',
    );
  });

  it('uses the provider’s forecast where it gives one, from the first day', () => {
    const result = runSequence([{ at: '2026-11-02T12:00:00Z', monthToDate: '10', forecast: '140', ...budget100 }]);
    expect(result.delivered[0]?.[0]?.body).toContain('projected 140.00 USD by month end (the provider’s forecast)');
  });

  it('crossing 80% and 100% in one poll is one notification, the most severe', () => {
    const result = runSequence([
      { at: '2026-11-20T12:00:00Z', monthToDate: '50', ...budget100 },
      { at: '2026-11-21T12:00:00Z', monthToDate: '130' },
      { at: '2026-11-22T12:00:00Z', monthToDate: '140' },
    ]);
    expect(countsOf(result)).toEqual([0, 1, 0]);
    expect(result.delivered[1]?.[0]?.title).toBe('Over budget: OpenRouter (work)');
  });

  it('a month boundary resets budget alerts', () => {
    const result = runSequence([
      { at: '2026-11-27T12:00:00Z', monthToDate: '90', ...budget100 },
      { at: '2026-11-30T12:00:00Z', monthToDate: '99' },
      { at: '2026-12-01T12:00:00Z', monthToDate: '1' },
      { at: '2026-12-27T12:00:00Z', monthToDate: '85' },
    ]);
    expect(countsOf(result)).toEqual([1, 0, 0, 1]);
    expect(result.delivered[3]?.[0]?.id).toBe('budget-80:openrouter:work:2026-12@2026-12-27T12:00:00.000Z');
  });

  it('an overall budget per currency follows the header total, with no account attached', () => {
    const steps: Step[] = [
      { at: '2026-11-27T12:00:00Z', total: '300', budgets: { USD: '500' } },
      { at: '2026-11-28T12:00:00Z', total: '420' },
      { at: '2026-11-29T12:00:00Z', total: '510' },
    ];
    const result = runSequence(steps);
    expect(countsOf(result)).toEqual([0, 1, 1]);
    expect(result.delivered[2]?.[0]).toMatchObject({ accountId: null, kind: 'budget', title: 'Over budget: all accounts (USD)', body: 'Spent 510.00 USD of 500.00 USD this month (102%).' });
  });
});

describe('quiet hours (22:00-07:00)', () => {
  const quiet = { settings: { quietHours: { start: '22:00', end: '07:00' } } };

  it('holds an alert decided at night and delivers it in the morning, once', () => {
    const result = runSequence([
      { at: '2026-11-10T21:00:00Z', balance: '20', thresholds: { lowBalance: '10' }, ...quiet },
      { at: '2026-11-10T23:00:00Z', balance: '9' },
      { at: '2026-11-11T03:00:00Z', balance: '8' },
      { at: '2026-11-11T07:30:00Z', balance: '7' },
      { at: '2026-11-11T08:30:00Z', balance: '6' },
    ]);
    expect(countsOf(result)).toEqual([0, 0, 0, 1, 0]);
    expect(result.decisions[1]?.held).toHaveLength(1);
    // Delivered as decided: the time the balance was seen below the threshold.
    expect(result.delivered[3]?.[0]?.raisedAt).toBe('2026-11-10T23:00:00.000Z');
    expect(result.state.history).toHaveLength(1);
  });

  it('drops a held alert whose condition resolved before morning', () => {
    const result = runSequence([
      { at: '2026-11-10T23:00:00Z', balance: '9', thresholds: { lowBalance: '10' }, ...quiet },
      { at: '2026-11-11T02:00:00Z', balance: '60' },
      { at: '2026-11-11T07:30:00Z', balance: '59' },
    ]);
    expect(countsOf(result)).toEqual([0, 0, 0]);
    expect(result.state.held).toEqual([]);
    expect(result.state.history).toEqual([]);
  });

  it.each<[number, boolean]>([
    [21 * 60 + 59, false],
    [22 * 60, true],
    [3 * 60, true],
    [7 * 60, false],
    [12 * 60, false],
  ])('minute %i of the day is quiet: %s', (minute, expected) => {
    expect(isQuietTime({ start: '22:00', end: '07:00' }, minute)).toBe(expected);
  });

  it('a daytime window and an empty window', () => {
    expect(isQuietTime({ start: '09:00', end: '17:00' }, 12 * 60)).toBe(true);
    expect(isQuietTime({ start: '09:00', end: '17:00' }, 18 * 60)).toBe(false);
    expect(isQuietTime({ start: '09:00', end: '09:00' }, 9 * 60)).toBe(false);
  });
});

describe('snooze', () => {
  const snooze = (until: string) => (state: AlertState) => ({ ...state, snoozes: { ...state.snoozes, 'low-balance:openrouter:work': until } });

  it('mutes a key until the given time: a crossing meanwhile is suppressed; one after is notified', () => {
    const result = runSequence([
      { at: '2026-11-10T08:00:00Z', balance: '9', thresholds: { lowBalance: '10' } },
      { at: '2026-11-10T09:00:00Z', balance: '50', before: snooze('2026-11-11T08:00:00Z') },
      { at: '2026-11-10T10:00:00Z', balance: '8' },
      { at: '2026-11-10T11:00:00Z', balance: '7' },
      { at: '2026-11-11T09:00:00Z', balance: '50' },
      { at: '2026-11-11T10:00:00Z', balance: '8' },
    ]);
    expect(countsOf(result)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(result.decisions[2]?.suppressed).toHaveLength(1);
    expect(result.state.snoozes).toEqual({});
  });

  it('a snooze of one budget alert mutes that budget’s other alerts too', () => {
    const result = runSequence([
      { at: '2026-11-25T12:00:00Z', monthToDate: '85', ...budget100 },
      { at: '2026-11-28T12:00:00Z', monthToDate: '101', before: (state) => ({ ...state, snoozes: { 'budget:openrouter:work': '2026-12-01T00:00:00Z' } }) },
    ]);
    expect(countsOf(result)).toEqual([1, 0]);
  });
});

describe('history', () => {
  it('keeps delivered alerts newest first, capped', () => {
    const auth = { fresh: false, error: { kind: 'auth' as const, message: 'bad key' } };
    const steps: Step[] = [];
    for (let index = 0; index < HISTORY_LIMIT + 5; index += 1) {
      const at = new Date(Date.parse('2026-11-01T00:00:00Z') + index * 7_200_000);
      steps.push({ at: at.toISOString(), ...auth }, { at: new Date(at.getTime() + 3_600_000).toISOString(), balance: '50' });
    }
    const { state } = runSequence(steps);
    expect(state.history).toHaveLength(HISTORY_LIMIT);
    expect(state.history[0]!.raisedAt > state.history[1]!.raisedAt).toBe(true);
  });
});
