/**
 * tracked/<YYYY-MM>.json: usage the user fed in (`spendbar track`, `spendbar import`) with its estimated
 * cost at the time of use. One file per month, so recording today never rewrites past months.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readableAmount } from '../model/money.js';
import { readRecords, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';

export const trackedRecordSchema = z.object({
  id: z.string(),
  provider: z.string(),
  account: z.string(),
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative().optional(),
  /** ISO timestamp of the usage. */
  timestamp: z.string(),
  /** Estimated USD cost as a decimal string; null when the model is unpriced. */
  cost: z.string().refine(readableAmount).nullable(),
});
export type TrackedRecord = z.infer<typeof trackedRecordSchema>;

export class TrackedStore {
  private readonly root: string;
  private readonly context: StoreContext;
  /** Each month's checked records as the file was at `stamp`: every overview asks twice. */
  private readonly cache = new Map<string, { stamp: string; records: readonly TrackedRecord[] }>();

  constructor(dataDir: string, warn: Warn) {
    this.root = join(dataDir, 'tracked');
    this.context = { dataDir, warn };
  }

  /** A new array each call; the records in it are shared and must not be changed. */
  list(month: string): TrackedRecord[] {
    const path = join(this.root, `${month}.json`);
    const stamp = fileStamp(path);
    const cached = this.cache.get(month);
    if (stamp && cached?.stamp === stamp) return [...cached.records];
    // Stamped as it was before reading: a file replaced meanwhile is read again next time.
    const records = readRecords(path, 'records', trackedRecordSchema, this.context).map((record) => Object.freeze(record));
    if (stamp) this.cache.set(month, { stamp, records });
    else this.cache.delete(month);
    return [...records];
  }

  /** Call inside the data folder lock. Records are grouped by the UTC month of their timestamp. */
  add(records: readonly Omit<TrackedRecord, 'id'>[]): TrackedRecord[] {
    const stored = records.map((record) => ({ ...record, id: randomUUID() }));
    const byMonth = new Map<string, TrackedRecord[]>();
    for (const record of stored) {
      const month = record.timestamp.slice(0, 7);
      byMonth.set(month, [...(byMonth.get(month) ?? []), record]);
    }
    for (const [month, added] of byMonth) {
      writeJsonAtomic(join(this.root, `${month}.json`), { version: 1, records: [...this.list(month), ...added] });
    }
    return stored;
  }
}

/** Replacing a file changes its inode even within one mtime tick. */
function fileStamp(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
  } catch {
    return undefined;
  }
}
