/**
 * What a poll costs the disk: a month of 15-minute polls through the real store, on a fake clock. The
 * current month file is rewritten whole at every poll, so its size is the bytes each poll writes.
 */
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ACCOUNTS, fixtureMonths, oldMonthFile } from '../../../tests/helpers/history-fixture.js';
import { money } from '../model/money.js';
import type { Snapshot } from '../model/snapshot.js';
import { thinBalancePoints } from './balance-points.js';
import { HistoryStore, type StoredBalancePoint } from './history-store.js';

const POLL_MS = 15 * 60_000;
const MONTH_START = Date.parse('2026-11-01T00:00:00Z');

/** The poll `index` of November: the balance falls a little every poll, with a top-up on the 10th. */
function poll(index: number): Snapshot {
  const at = new Date(MONTH_START + index * POLL_MS);
  const day = at.getUTCDate();
  const balance = 900 - index * 0.013 + (day >= 10 ? 150 : 0);
  const dailySpend = Array.from({ length: day }, (_, past) => ({ date: `2026-11-${String(past + 1).padStart(2, '0')}`, money: money('1.248', 'USD') }));
  return {
    month: '2026-11',
    monthToDate: { money: money((index * 0.013).toFixed(3), 'USD'), confidence: 'official' },
    dailySpend,
    balance: { money: money(balance.toFixed(3), 'USD'), confidence: 'official' },
    breakdown: [{ dimension: 'model', label: 'gpt-5', money: money((index * 0.013).toFixed(3), 'USD') }],
    fetchedAt: at.toISOString(),
  };
}

const fileOf = (dataDir: string, month = '2026-11') => join(dataDir, 'history', 'openrouter--main', `${month}.json`);

describe('a month of 15-minute polls', () => {
  it('keeps the month file under 16 KiB, each poll writing no more than the days so far need', { timeout: 120_000 }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-growth-'));
    const history = new HistoryStore(dataDir, () => undefined);
    const written: number[] = [];
    for (let index = 0; index < 30 * 96; index += 1) {
      history.recordSuccess('openrouter:main', poll(index));
      written.push(statSync(fileOf(dataDir)).size);
    }
    // Keeping every poll's balance point, as before, made this file about 380 KiB by the month's end.
    expect(written.at(-1)).toBeLessThanOrEqual(16 * 1024);
    // A day of polls adds at most four balance points and a day of spend (~500 bytes), not 96 points.
    expect(written[999]! - written[999 - 96]!).toBeLessThanOrEqual(500);
    expect(written[2879]! - written[2879 - 96]!).toBeLessThanOrEqual(500);
    // The popover's balance line still has the whole month, the top-up on the 10th included.
    const points = history.read('openrouter:main', '2026-11')!.balances;
    expect(points[0]!.at).toBe('2026-11-01T00:00:00.000Z');
    expect(points.at(-1)!.at).toBe(poll(2879).fetchedAt);
    expect(points.some((point, index) => index > 0 && Number(point.amount) > Number(points[index - 1]!.amount))).toBe(true);
  });

  it('writes the same bytes per poll with three years of history as with one month, and never touches past months', () => {
    const sizes: number[] = [];
    for (const months of [0, 36]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-growth-'));
      const folder = join(dataDir, 'history', 'openrouter--main');
      mkdirSync(folder, { recursive: true });
      const account = FIXTURE_ACCOUNTS[1];
      // Months before November 2026, written as earlier versions wrote them.
      fixtureMonths(months + 2).slice(0, months).forEach((month, index) => writeFileSync(join(folder, `${month}.json`), oldMonthFile(account, month, index)));
      const before = new Map(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs]));
      const history = new HistoryStore(dataDir, () => undefined);
      for (let index = 0; index < 10; index += 1) history.recordSuccess('openrouter:main', poll(index));
      for (const [name, mtime] of before) expect(statSync(join(folder, name)).mtimeMs).toBe(mtime);
      sizes.push(statSync(fileOf(dataDir)).size);
    }
    // Only the balance carried over from October (one point, under 100 bytes) is extra.
    expect(sizes[1]! - sizes[0]!).toBeLessThanOrEqual(100);
  });

  it('thins a file written with a point per poll at its next poll, keeping what the figures read', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-growth-'));
    const folder = join(dataDir, 'history', 'openrouter--main');
    mkdirSync(folder, { recursive: true });
    writeFileSync(fileOf(dataDir, '2026-12'), oldMonthFile(FIXTURE_ACCOUNTS[1], '2026-12', 0, 96));
    const history = new HistoryStore(dataDir, () => undefined);
    const old = history.read('openrouter:main', '2026-12')!;
    expect(old.balances).toHaveLength(4 * 96);
    history.recordSuccess('openrouter:main', { month: '2026-12', balance: { money: money('1', 'USD'), confidence: 'official' }, fetchedAt: '2026-12-04T12:00:00.000Z' });
    const thinned = history.read('openrouter:main', '2026-12')!.balances;
    expect(thinned.length).toBeLessThanOrEqual(4 * 4 + 1);
    // Each day's first and last point, and its lowest and highest, are the ones kept.
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      const ofDay = (points: readonly StoredBalancePoint[]) => points.filter((point) => point.at.startsWith(day));
      const amounts = (points: readonly StoredBalancePoint[]) => points.map((point) => Number(point.amount));
      expect(ofDay(thinned)[0]).toEqual(ofDay(old.balances)[0]);
      expect(ofDay(thinned).at(-1)).toEqual(ofDay(old.balances).at(-1));
      expect(Math.min(...amounts(ofDay(thinned)))).toBe(Math.min(...amounts(ofDay(old.balances))));
      expect(Math.max(...amounts(ofDay(thinned)))).toBe(Math.max(...amounts(ofDay(old.balances))));
    }
  });
});

describe('thinBalancePoints', () => {
  const point = (at: string, amount: string, currency = 'USD'): StoredBalancePoint => ({ at, amount, currency, confidence: 'official' });

  it('keeps every fall of a day that goes down, is topped up and goes down again', () => {
    const day = [point('2026-11-02T01:00:00Z', '100'), point('2026-11-02T02:00:00Z', '90'), point('2026-11-02T03:00:00Z', '80'), point('2026-11-02T04:00:00Z', '130'), point('2026-11-02T05:00:00Z', '125'), point('2026-11-02T06:00:00Z', '120')];
    const kept = thinBalancePoints(day);
    expect(kept.map((item) => item.amount)).toEqual(['100', '80', '130', '120']);
    const falls = (points: readonly StoredBalancePoint[]) => points.slice(1).reduce((total, item, index) => total + Math.max(0, Number(points[index]!.amount) - Number(item.amount)), 0);
    expect(falls(kept)).toBe(falls(day));
  });

  it('thins each currency on its own', () => {
    const points = ['10', '9', '8', '7', '6'].flatMap((amount, index) => [point(`2026-11-02T0${index}:00:00Z`, amount), point(`2026-11-02T0${index}:30:00Z`, amount, 'CNY')]);
    const kept = thinBalancePoints(points);
    expect(kept.filter((item) => item.currency === 'USD').map((item) => item.amount)).toEqual(['10', '6']);
    expect(kept.filter((item) => item.currency === 'CNY').map((item) => item.amount)).toEqual(['10', '6']);
  });
});
