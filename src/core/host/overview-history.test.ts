/**
 * The overview on long histories: the same figures as before from history of any age and format, while
 * reading only the months a figure needs and parsing the ledger once. The expected figures
 * (tests/helpers/history-golden.json) were printed by the overview as it was before month files carried
 * balances and were thinned (commit 20fb915), on the fixture of tests/helpers/history-fixture.ts.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, figuresOf, writeFixtureThroughStore, writeOldFixture } from '../../../tests/helpers/history-fixture.js';
import golden from '../../../tests/helpers/history-golden.json' with { type: 'json' };
import { MemorySecretStore } from '../secrets/secret-store.js';
import { EntriesStore } from '../ledger/entries-store.js';
import { HistoryStore, lastGoodOf } from '../ledger/history-store.js';
import { SpendbarService } from './service.js';

// Every file read of the stores goes through readFileSync; counting them shows what an overview reads.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});
const reads = vi.mocked(fs.readFileSync);

function service(dataDir: string) {
  return new SpendbarService({ dataDir, env: {}, secrets: new MemorySecretStore(), http: {} as never, now: () => FIXTURE_NOW });
}

function filesRead(pattern: RegExp): string[] {
  return reads.mock.calls.map(([path]) => String(path)).filter((path) => pattern.test(path));
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'spendbar-overview-history-'));

beforeEach(() => {
  reads.mockClear();
});

describe('figures from stored history', () => {
  it('reads history written by earlier versions (indented, a point per poll) with the figures they showed', async () => {
    for (const [key, pointsPerDay] of [['4x1', 1], ['4x6', 6]] as const) {
      const dataDir = tempDir();
      writeOldFixture(dataDir, 4, pointsPerDay);
      expect(figuresOf(await service(dataDir).overview())).toEqual(golden[key]);
    }
  });

  it('shows the same figures from history the store writes now, in compact files carrying earlier balances', async () => {
    const dataDir = tempDir();
    writeFixtureThroughStore(dataDir, 4);
    expect(figuresOf(await service(dataDir).overview())).toEqual(golden['4x1']);
    const text = readFileSync(join(dataDir, 'history', 'xai--ops', '2026-12.json'), 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    // December polls brought no balance; November's last one is carried, so no older file is needed.
    expect(JSON.parse(text).carriedBalances).toEqual([{ amount: '999.85', currency: 'USD', confidence: 'official', at: '2026-11-30T12:00:00.000Z' }]);
  });

  it('reads the same few month files for 3 years of history as for 4 months, with the same figures', { timeout: 60_000 }, async () => {
    const counts: number[] = [];
    for (const months of [4, 36]) {
      const dataDir = tempDir();
      writeFixtureThroughStore(dataDir, months, '2026-10');
      reads.mockClear();
      const overview = await service(dataDir).overview();
      expect(figuresOf(overview)).toEqual(golden['4x1']);
      counts.push(filesRead(/[/\\]history[/\\]/).length);
    }
    // This month and the one before for each of the 5 accounts, and October for the balance that was
    // typed in on October 15th: never the 32 older months.
    expect(counts[0]).toBeLessThanOrEqual(11);
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('refreshing', () => {
  it('reads again only the month file a poll rewrote, and the ledger not at all', async () => {
    const dataDir = tempDir();
    writeOldFixture(dataDir, 4);
    const spendbar = service(dataDir);
    await spendbar.overview();
    const history = new HistoryStore(dataDir, () => undefined);
    const snapshot = lastGoodOf(history.read('openrouter:main', '2026-12'))!;
    history.recordSuccess('openrouter:main', { ...snapshot, fetchedAt: '2026-12-04T11:59:00.000Z' });
    reads.mockClear();
    await spendbar.overview();
    expect(filesRead(/\.json$/).filter((path) => !/alerts\.json$|settings\.json$|retry-waits/.test(path))).toEqual([join(dataDir, 'history', 'openrouter--main', '2026-12.json')]);
  });
});

describe('the manual ledger', () => {
  it('parses 5,000 entries once across overviews, and again as soon as another process changes them', async () => {
    const dataDir = tempDir();
    writeOldFixture(dataDir, 2);
    const entries = Array.from({ length: 5000 }, (_, index) => ({
      id: `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      provider: 'custom',
      account: `tool-${index % 10}`,
      kind: 'spend',
      amount: '1.25',
      currency: 'USD',
      date: `2026-${index % 2 === 0 ? '12' : '11'}-0${(index % 3) + 1}`,
      note: 'seat',
      createdAt: '2026-11-01T00:00:00.000Z',
    }));
    writeFileSync(join(dataDir, 'ledger', 'entries.json'), JSON.stringify({ version: 1, entries }, null, 2));
    const spendbar = service(dataDir);
    const manualTotal = async () => (await spendbar.overview()).totals[0]!.byConfidence.manual;

    expect(await manualTotal()).toBe('3125.00');
    expect(await manualTotal()).toBe('3125.00');
    expect(filesRead(/entries\.json$/)).toHaveLength(1);

    // Another process (the CLI) adds an entry: the next overview reads the ledger again and counts it.
    new EntriesStore(dataDir, () => undefined).add({ provider: 'custom', account: 'tool-1', kind: 'spend', amount: '10', currency: 'USD', date: '2026-12-03', note: '' }, FIXTURE_NOW);
    expect(await manualTotal()).toBe('3135.00');
    expect(filesRead(/entries\.json$/).length).toBeLessThanOrEqual(3);
  });
});
