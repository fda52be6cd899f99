/**
 * tracked/<YYYY-MM>.json: usage the user fed in (`spendbar track`, `spendbar import`) with its estimated
 * cost at the time of use. One file per month, so recording today never rewrites past months.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic, type Warn } from '../store/files.js';

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
  cost: z.string().nullable(),
});
export type TrackedRecord = z.infer<typeof trackedRecordSchema>;

const fileSchema = z.object({ version: z.literal(1), records: z.array(trackedRecordSchema) });

export class TrackedStore {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly warn: Warn,
  ) {
    this.root = join(dataDir, 'tracked');
  }

  list(month: string): TrackedRecord[] {
    return readJsonFile(join(this.root, `${month}.json`), fileSchema, this.warn)?.records ?? [];
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
