/**
 * history/<account>/<YYYY-MM>.json: one small file per account and month holding daily spend, balance
 * points and the last good snapshot. A poll rewrites only the current month's file of one account, so
 * past history is never rewritten and a damaged file costs at most one month of one account.
 */
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { errorKindSchema, confidenceSchema } from '../../shared/api.js';
import { money, formatAmount } from '../model/money.js';
import type { BreakdownItem, Figure, Snapshot } from '../model/snapshot.js';
import { readJsonFile, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';
import { storageError } from '../store/durable-write.js';
import { readableFigures } from './history-figures.js';
import { asidePath, rememberSetAside } from '../store/set-aside.js';

const moneyJson = z.object({ amount: z.string(), currency: z.string() });
const figureJson = moneyJson.extend({ confidence: confidenceSchema });

const snapshotJson = z.object({
  month: z.string(),
  monthToDate: figureJson.optional(),
  dailySpend: z.array(z.object({ date: z.string(), amount: z.string(), currency: z.string() })).optional(),
  balance: figureJson.optional(),
  balances: z.array(figureJson).optional(),
  spendLimit: figureJson.optional(),
  quota: z.object({ used: z.number(), limit: z.number().optional(), unit: z.string(), resetsAt: z.string().optional() }).optional(),
  breakdown: z.array(moneyJson.extend({ dimension: z.string(), label: z.string() })).optional(),
  usage: z
    .array(
      z.object({
        model: z.string(),
        inputTokens: z.number().optional(),
        outputTokens: z.number().optional(),
        cachedInputTokens: z.number().optional(),
        requests: z.number().optional(),
      }),
    )
    .optional(),
  forecast: figureJson.optional(),
  notes: z.array(z.string()).optional(),
  fetchedAt: z.string(),
});

const monthFileSchema = z.object({
  version: z.literal(1),
  accountId: z.string(),
  month: z.string(),
  /** Balance points over time, appended when the balance changes (at most one per poll). */
  balances: z.array(figureJson.extend({ at: z.string() })).default([]),
  lastGood: snapshotJson.optional(),
  lastAttempt: z
    .object({ at: z.string(), error: z.object({ kind: errorKindSchema, message: z.string() }).nullable() })
    .optional(),
});
export type MonthFile = z.infer<typeof monthFileSchema>;
export type StoredError = NonNullable<MonthFile['lastAttempt']>['error'];

export class HistoryStore {
  private readonly root: string;
  private readonly cache = new Map<string, { stamp: string; file: MonthFile; dropped: number }>();
  private readonly context: StoreContext;

  constructor(dataDir: string, warn: Warn) {
    this.root = join(dataDir, 'history');
    this.context = { dataDir, warn };
  }

  /**
   * The popover asks for the overview every few seconds and the estimated balance reads past months:
   * a file is parsed again only when it was replaced or changed (another process may have written it).
   */
  read(accountId: string, month: string): MonthFile | undefined {
    return this.load(accountId, month)?.file;
  }

  /** The file with every unreadable figure left out (each with a warning), and how many were. */
  private load(accountId: string, month: string): { file: MonthFile; dropped: number } | undefined {
    const path = this.pathOf(accountId, month);
    let stamp: string;
    try {
      const stats = statSync(path);
      // Atomic writes rename a new file into place, so the inode changes even within one mtime tick.
      stamp = `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
    } catch {
      this.cache.delete(path);
      return undefined;
    }
    const cached = this.cache.get(path);
    if (cached && cached.stamp === stamp) return cached;
    const problems: string[] = [];
    const schema = z.preprocess((raw) => readableFigures(raw, problems), monthFileSchema);
    const file = readJsonFile(path, schema, this.context);
    for (const problem of problems) {
      this.context.warn(`${path}: ${problem} could not be read and is left out; the next poll fetches it again, and the file is set aside first.`);
    }
    if (!file) {
      this.cache.delete(path);
      return undefined;
    }
    const loaded = { stamp, file, dropped: problems.length };
    this.cache.set(path, loaded);
    return loaded;
  }

  /**
   * The month file about to be rewritten (inside the lock). If figures of it were unreadable, the file
   * as it was is kept aside first, so rewriting it loses nothing.
   */
  private current(accountId: string, month: string): MonthFile {
    const loaded = this.load(accountId, month);
    if (!loaded) return emptyMonth(accountId, month);
    if (loaded.dropped > 0) {
      const path = this.pathOf(accountId, month);
      const aside = asidePath(path);
      try {
        copyFileSync(path, aside);
      } catch (error) {
        throw storageError(error, path);
      }
      rememberSetAside(aside, `${loaded.dropped} figure${loaded.dropped === 1 ? '' : 's'} could not be read`);
    }
    return loaded.file;
  }

  /** Months with stored history for an account, oldest first. */
  months(accountId: string): string[] {
    try {
      return readdirSync(join(this.root, folderOf(accountId)))
        .filter((name) => /^\d{4}-\d{2}\.json$/.test(name))
        .map((name) => name.slice(0, 7))
        .sort();
    } catch {
      return [];
    }
  }

  /** Call inside the data folder lock. */
  recordSuccess(accountId: string, snapshot: Snapshot): void {
    const current = this.current(accountId, snapshot.month);
    const balances = [...current.balances];
    const last = balances.at(-1);
    if (snapshot.balance) {
      const point = { ...figureToJson(snapshot.balance), at: snapshot.fetchedAt };
      if (!last || last.amount !== point.amount || last.currency !== point.currency) balances.push(point);
    }
    writeJsonAtomic(this.pathOf(accountId, snapshot.month), {
      ...current,
      balances,
      lastGood: snapshotToJson(snapshot),
      lastAttempt: { at: snapshot.fetchedAt, error: null },
    } satisfies MonthFile);
  }

  /** Call inside the data folder lock. Keeps the last good figures; only the attempt is recorded. */
  recordFailure(accountId: string, month: string, at: string, error: NonNullable<StoredError>): void {
    const current = this.current(accountId, month);
    writeJsonAtomic(this.pathOf(accountId, month), { ...current, lastAttempt: { at, error } } satisfies MonthFile);
  }

  private pathOf(accountId: string, month: string): string {
    return join(this.root, folderOf(accountId), `${month}.json`);
  }
}

/** "openrouter:env" -> "openrouter--env": a colon is not allowed in Windows file names. */
function folderOf(accountId: string): string {
  return accountId.replace(/:/g, '--');
}

function emptyMonth(accountId: string, month: string): MonthFile {
  return { version: 1, accountId, month, balances: [] };
}

function figureToJson(figure: Figure) {
  return { amount: formatAmount(figure.money.amount), currency: figure.money.currency, confidence: figure.confidence };
}

function figureFromJson(json: z.infer<typeof figureJson>): Figure {
  return { money: money(json.amount, json.currency), confidence: json.confidence };
}

export function snapshotToJson(snapshot: Snapshot): z.infer<typeof snapshotJson> {
  return {
    month: snapshot.month,
    monthToDate: snapshot.monthToDate && figureToJson(snapshot.monthToDate),
    dailySpend: snapshot.dailySpend?.map((day) => ({ date: day.date, amount: formatAmount(day.money.amount), currency: day.money.currency })),
    balance: snapshot.balance && figureToJson(snapshot.balance),
    balances: snapshot.balances?.map(figureToJson),
    spendLimit: snapshot.spendLimit && figureToJson(snapshot.spendLimit),
    quota: snapshot.quota && { ...snapshot.quota },
    breakdown: snapshot.breakdown?.map((item) => ({
      dimension: item.dimension,
      label: item.label,
      amount: formatAmount(item.money.amount),
      currency: item.money.currency,
    })),
    usage: snapshot.usage?.map((item) => ({ ...item })),
    forecast: snapshot.forecast && figureToJson(snapshot.forecast),
    notes: snapshot.notes ? [...snapshot.notes] : undefined,
    fetchedAt: snapshot.fetchedAt,
  };
}

const decodedLastGood = new WeakMap<MonthFile, Snapshot>();

/**
 * A month file's last good snapshot, decoded into Money once: the decoded form is remembered for as long
 * as the parsed file itself is (the store hands out the same parsed file until the file is replaced),
 * so the overview, the runway and the month-end figure never decode the same JSON twice.
 */
export function lastGoodOf(file: MonthFile | undefined): Snapshot | undefined {
  if (!file?.lastGood) return undefined;
  let snapshot = decodedLastGood.get(file);
  if (!snapshot) {
    snapshot = snapshotFromJson(file.lastGood);
    decodedLastGood.set(file, snapshot);
  }
  return snapshot;
}

export function snapshotFromJson(json: z.infer<typeof snapshotJson>): Snapshot {
  return {
    month: json.month,
    monthToDate: json.monthToDate && figureFromJson(json.monthToDate),
    dailySpend: json.dailySpend?.map((day) => ({ date: day.date, money: money(day.amount, day.currency) })),
    balance: json.balance && figureFromJson(json.balance),
    balances: json.balances?.map(figureFromJson),
    spendLimit: json.spendLimit && figureFromJson(json.spendLimit),
    quota: json.quota,
    breakdown: json.breakdown?.map((item) => ({
      dimension: item.dimension as BreakdownItem['dimension'],
      label: item.label,
      money: money(item.amount, item.currency),
    })),
    usage: json.usage,
    forecast: json.forecast && figureFromJson(json.forecast),
    notes: json.notes,
    fetchedAt: json.fetchedAt,
  };
}
