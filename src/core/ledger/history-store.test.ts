import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore, lastGoodOf, snapshotFromJson } from './history-store.js';
import { formatAmount } from '../model/money.js';

function monthFile(lastGood: Record<string, unknown>) {
  return { version: 1, accountId: 'openrouter:env', month: '2026-11', balances: [{ amount: 'n/a', currency: 'USD', confidence: 'official', at: '2026-11-02T00:00:00Z' }], lastGood: { month: '2026-11', fetchedAt: '2026-11-21T10:00:00.000Z', ...lastGood } };
}

describe('HistoryStore with odd stored figures', () => {
  it('reads a figure stored with 15 decimals as its canonical value and leaves out only an unreadable one', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-history-'));
    const folder = join(dataDir, 'history', 'openrouter--env');
    mkdirSync(folder, { recursive: true });
    const stored = JSON.stringify(
      monthFile({
        monthToDate: { amount: '13.629999999999999', currency: 'USD', confidence: 'official' },
        balance: { amount: 'abc', currency: 'USD', confidence: 'official' },
        dailySpend: [{ date: '2026-11-01', amount: 1.5, currency: 'USD' }, { date: '2026-11-02', amount: '2', currency: 'ZZZ' }],
      }),
    );
    writeFileSync(join(folder, '2026-11.json'), stored);
    const warnings: string[] = [];
    const history = new HistoryStore(dataDir, (message) => warnings.push(message));

    const file = history.read('openrouter:env', '2026-11')!;
    const snapshot = snapshotFromJson(file.lastGood!);
    expect(formatAmount(snapshot.monthToDate!.money.amount)).toBe('13.63');
    expect(snapshot.balance).toBeUndefined();
    expect(snapshot.dailySpend!.map((day) => formatAmount(day.money.amount))).toEqual(['1.50']);
    expect(file.balances).toEqual([]);
    expect(warnings.join('\n')).toMatch(/2026-11\.json: the balance \(.*"abc".*\) could not be read and is left out/);
    expect(warnings).toHaveLength(3);

    // Rewriting the month keeps the file as it was aside first: nothing unreadable is silently dropped.
    history.recordFailure('openrouter:env', '2026-11', '2026-11-21T11:00:00.000Z', { kind: 'network', message: 'down' });
    const aside = readdirSync(folder).find((name) => name.includes('.corrupt-'))!;
    expect(readFileSync(join(folder, aside), 'utf8')).toBe(stored);
    expect(JSON.parse(readFileSync(join(folder, '2026-11.json'), 'utf8')).lastGood.monthToDate.amount).toBe('13.63');
  });
});

describe('decoded histories', () => {
  it('decodes a month’s last good snapshot once, until the file is replaced', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-history-'));
    const folder = join(dataDir, 'history', 'openrouter--env');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '2026-11.json'), JSON.stringify(monthFile({ monthToDate: { amount: '12.50', currency: 'USD', confidence: 'official' } })));
    const history = new HistoryStore(dataDir, () => undefined);
    const first = lastGoodOf(history.read('openrouter:env', '2026-11'));
    // Every overview asks again; the same decoded snapshot comes back, not a new decoding of the JSON.
    expect(lastGoodOf(history.read('openrouter:env', '2026-11'))).toBe(first);
    expect(formatAmount(first!.monthToDate!.money.amount)).toBe('12.50');
    history.recordSuccess('openrouter:env', { ...first!, monthToDate: { money: { ...first!.monthToDate!.money, amount: first!.monthToDate!.money.amount.plus(1) }, confidence: 'official' }, fetchedAt: '2026-11-21T12:00:00.000Z' });
    const replaced = lastGoodOf(history.read('openrouter:env', '2026-11'));
    expect(replaced).not.toBe(first);
    expect(formatAmount(replaced!.monthToDate!.money.amount)).toBe('13.50');
  });
});
