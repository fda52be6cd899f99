/**
 * tracked/<YYYY-MM>.json: usage the user fed in (`spendbar track`, `spendbar import`) with its estimated
 * cost at the time of use. One file per month, so recording today never rewrites past months.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { readableAmount } from '../model/money.js';
import { RecordsCache, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';

/** Every way tracked usage comes in. */
export const TRACKED_SOURCES = ['manual', 'import', 'claude-code', 'codex', 'otlp', 'litellm'] as const;
export const trackedSourceSchema = z.enum(TRACKED_SOURCES);
export type TrackedSource = z.infer<typeof trackedSourceSchema>;

export const trackedRecordSchema = z.object({
  id: z.string(),
  provider: z.string(),
  account: z.string(),
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative().optional(),
  cacheWriteTokens: z.number().int().nonnegative().optional(),
  cacheWrite1hTokens: z.number().int().nonnegative().optional(),
  /** Where the record came from; absent in records written before sources existed (typed by hand). */
  source: trackedSourceSchema.optional(),
  /** The source's own id of the call (Claude Code: message id + request id); records are unique per source and id. */
  sourceId: z.string().max(500).optional(),
  /** `reported` when the source gave its own cost (LiteLLM, Claude Code telemetry), else `price-list`. */
  costSource: z.enum(['price-list', 'reported']).optional(),
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

  /**
   * Call inside the data folder lock. Records are grouped by the UTC month of their timestamp. A record
   * whose source and source id are already stored (or earlier in the same batch) is skipped, so reading
   * the same log or receiving the same export twice adds nothing. Returns the records actually added.
   */
  add(records: readonly Omit<TrackedRecord, 'id'>[]): TrackedRecord[] {
    const byMonth = new Map<string, Omit<TrackedRecord, 'id'>[]>();
    for (const record of records) {
      const month = record.timestamp.slice(0, 7);
      const list = byMonth.get(month);
      if (list) list.push(record);
      else byMonth.set(month, [record]);
    }
    const stored: TrackedRecord[] = [];
    for (const [month, candidates] of byMonth) {
      const existing = this.list(month);
      const seen = new Set(existing.flatMap((record) => (record.sourceId === undefined ? [] : [dedupeKey(record)])));
      const added: TrackedRecord[] = [];
      for (const candidate of candidates) {
        if (candidate.sourceId !== undefined) {
          const key = dedupeKey(candidate);
          if (seen.has(key)) continue;
          seen.add(key);
        }
        added.push({ ...candidate, id: randomUUID() });
      }
      if (added.length === 0) continue;
      writeJsonAtomic(join(this.root, `${month}.json`), { version: 1, records: [...existing, ...added] });
      stored.push(...added);
    }
    return stored;
  }
}

function dedupeKey(record: Pick<TrackedRecord, 'source' | 'sourceId'>): string {
  return `${record.source ?? 'manual'}\u0000${record.sourceId ?? ''}`;
}
