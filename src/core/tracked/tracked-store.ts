/**
 * tracked/<YYYY-MM>.json: usage the user fed in (`spendbar track`, `spendbar import`) with its estimated
 * cost at the time of use. One file per month, so recording today never rewrites past months.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { readableAmount } from '../model/money.js';
import { RecordsCache, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';

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
  private readonly records = new RecordsCache<TrackedRecord>();

  constructor(dataDir: string, warn: Warn) {
    this.root = join(dataDir, 'tracked');
    this.context = { dataDir, warn };
  }

  list(month: string): TrackedRecord[] {
    return this.records.read(join(this.root, `${month}.json`), 'records', trackedRecordSchema, this.context);
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
