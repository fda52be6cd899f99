import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateCost } from './pricing.js';
import { TrackedStore, type TrackedRecord } from './tracked-store.js';

const call = (sourceId: string | undefined, timestamp = '2026-11-03T10:00:00.000Z'): Omit<TrackedRecord, 'id'> => ({
  provider: 'anthropic',
  account: 'default',
  model: 'claude-sonnet-4-5',
  inputTokens: 1000,
  outputTokens: 100,
  timestamp,
  source: 'claude-code',
  sourceId,
  cost: '0.0045',
});

describe('TrackedStore', () => {
  it('adds a call once however often its source sends it, in one batch or across batches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spendbar-tracked-'));
    const store = new TrackedStore(dir, () => {});
    expect(store.add([call('msg_1:req_1'), call('msg_1:req_1'), call('msg_2:req_2')])).toHaveLength(2);
    expect(store.add([call('msg_1:req_1'), call('msg_3:req_3', '2026-12-01T00:00:00.000Z')])).toHaveLength(1);
    expect(store.list('2026-11').map((record) => record.sourceId)).toEqual(['msg_1:req_1', 'msg_2:req_2']);
    expect(store.list('2026-12').map((record) => record.sourceId)).toEqual(['msg_3:req_3']);
  });

  it('keeps records without a source id apart: two identical calls typed by hand are two calls', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spendbar-tracked-'));
    const store = new TrackedStore(dir, () => {});
    store.add([call(undefined), call(undefined)]);
    expect(store.list('2026-11')).toHaveLength(2);
  });

  it('writes nothing when every record was already stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spendbar-tracked-'));
    const store = new TrackedStore(dir, () => {});
    store.add([call('a')]);
    const before = readFileSync(join(dir, 'tracked', '2026-11.json'), 'utf8');
    expect(store.add([call('a')])).toEqual([]);
    expect(readFileSync(join(dir, 'tracked', '2026-11.json'), 'utf8')).toBe(before);
  });
});

describe('estimateCost with prompt caching', () => {
  const at = new Date('2026-11-03T10:00:00Z');
  it('prices cache reads and writes at their own rates (input counts them)', () => {
    // claude-sonnet-4-5: $3 input, $3.75 cache write (5 min), $6 cache write (1 h), $0.30 cache read per million (below its 200k long-context tier).
    const plain = estimateCost('anthropic', 'claude-sonnet-4-5', { inputTokens: 100_000, outputTokens: 0 }, at).cost!;
    const cached = estimateCost('anthropic', 'claude-sonnet-4-5', { inputTokens: 100_000, outputTokens: 0, cachedInputTokens: 100_000 }, at).cost!;
    const written = estimateCost('anthropic', 'claude-sonnet-4-5', { inputTokens: 100_000, outputTokens: 0, cacheWriteTokens: 100_000 }, at).cost!;
    const writtenHour = estimateCost('anthropic', 'claude-sonnet-4-5', { inputTokens: 100_000, outputTokens: 0, cacheWriteTokens: 100_000, cacheWrite1hTokens: 100_000 }, at).cost!;
    expect(plain.toString()).toBe('0.3');
    expect(cached.toString()).toBe('0.03');
    expect(written.toString()).toBe('0.375');
    expect(writtenHour.toString()).toBe('0.6');
  });
});
