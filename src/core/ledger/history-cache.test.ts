/**
 * The decoded month files a long-running process keeps are bounded: reading years of history keeps at
 * most HISTORY_CACHE_FILES of them, and the ones read most recently (this month's) stay decoded.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_CACHE_FILES, HistoryStore } from './history-store.js';

function monthKey(index: number): string {
  return `${2000 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

describe('HistoryStore cache', () => {
  it('keeps at most HISTORY_CACHE_FILES month files decoded, dropping the least recently read', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-history-cache-'));
    const months = HISTORY_CACHE_FILES + 44;
    for (const account of ['deepseek--a', 'deepseek--b']) {
      const folder = join(dataDir, 'history', account);
      mkdirSync(folder, { recursive: true });
      for (let index = 0; index < months; index += 1) {
        const month = monthKey(index);
        writeFileSync(join(folder, `${month}.json`), JSON.stringify({ version: 1, accountId: account.replace('--', ':'), month, balances: [] }));
      }
    }
    const history = new HistoryStore(dataDir, () => {});
    const current = monthKey(months - 1);
    const hot = history.read('deepseek:a', current);
    for (let index = 0; index < months; index += 1) {
      for (const account of ['deepseek:a', 'deepseek:b']) expect(history.read(account, monthKey(index))?.month).toBe(monthKey(index));
      // The popover's overview reads this month again and again while the user pages through history.
      expect(history.read('deepseek:a', current)).toBe(hot);
    }
    expect(history.cachedFiles).toBe(HISTORY_CACHE_FILES);
    // An older month dropped from the cache is read again from its file, as it was.
    expect(history.read('deepseek:b', monthKey(0))).toEqual({ version: 1, accountId: 'deepseek:b', month: monthKey(0), balances: [] });
  });
});
