/**
 * history/<account>/<YYYY-MM>.json: one small file per account and month holding daily spend, balance
 * points and the last good snapshot. A poll rewrites only the current month's file of one account, so
 * past history is never rewritten and a damaged file costs at most one month of one account.
 */
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Snapshot } from '../model/snapshot.js';
import { readJsonFile, writeCompactJsonAtomic, type StoreContext, type Warn } from '../store/files.js';
import { storageError } from '../store/durable-write.js';
import { readableFigures } from './history-figures.js';
import { asidePath, rememberSetAside } from '../store/set-aside.js';
import { figureToJson, monthFileSchema, snapshotToJson, type MonthFile, type StoredBalancePoint, type StoredError } from './history-json.js';
import { latestPerCurrency, thinBalancePoints } from './balance-points.js';

export { balancePointsOf, lastGoodOf, snapshotFromJson, snapshotToJson, type MonthFile, type StoredBalancePoint, type StoredError } from './history-json.js';

/**
 * What the figures read of the months before the overview's month, each read only when asked: most
 * figures need only the newest earlier month, so the cost of an overview does not grow with history.
 */
export interface EarlierHistory {
  /** The newest stored month file before the overview's month (the runway's and month-end's "last month"). */
  previous(): MonthFile | undefined;
  /** The latest balance point per currency stored before the overview's month, in first-seen order. */
  balancesBefore(): StoredBalancePoint[];
  /** Stored month files from `fromMonth` (YYYY-MM) up to the overview's month, oldest first. */
  filesFrom(fromMonth: string): MonthFile[];
}

/**
 * Month files kept decoded, least recently read dropped first. The overview needs two per account
 * (its month and the one before) and a poll one; without a bound, a `serve` or app running for months,
 * or a user paging through years of history, would keep every month file it ever read.
 */
export const HISTORY_CACHE_FILES = 256;

export class HistoryStore {
  private readonly root: string;
  /** In order of last read (a Map keeps insertion order: a hit is moved to the end). */
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
    if (cached && cached.stamp === stamp) {
      this.cache.delete(path);
      this.cache.set(path, cached);
      return cached;
    }
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
    this.cache.delete(path);
    this.cache.set(path, loaded);
    if (this.cache.size > HISTORY_CACHE_FILES) this.cache.delete(this.cache.keys().next().value!);
    return loaded;
  }

  /**
   * The month file about to be rewritten (inside the lock). If figures of it were unreadable, the file
   * as it was is kept aside first, so rewriting it loses nothing. A file without the balances carried
   * from earlier months (new, or written by an earlier version) gets them now, once.
   */
  private current(accountId: string, month: string): MonthFile {
    const loaded = this.load(accountId, month);
    const file = loaded?.file ?? emptyMonth(accountId, month);
    if (loaded && loaded.dropped > 0) {
      const path = this.pathOf(accountId, month);
      const aside = asidePath(path);
      try {
        copyFileSync(path, aside);
      } catch (error) {
        throw storageError(error, path);
      }
      rememberSetAside(aside, `${loaded.dropped} figure${loaded.dropped === 1 ? '' : 's'} could not be read`);
    }
    return file.carriedBalances ? file : { ...file, carriedBalances: this.balancesBefore(accountId, month) };
  }

  /**
   * The latest balance point per currency before `month`: the newest earlier months are read back to the
   * first that carries the balances of the months before it (the previous month, for files this version
   * wrote), so older months are read only for history written by earlier versions.
   */
  private balancesBefore(accountId: string, month: string): StoredBalancePoint[] {
    const segments: StoredBalancePoint[][] = [];
    for (const key of this.months(accountId).filter((stored) => stored < month).reverse()) {
      const file = this.read(accountId, key);
      if (!file) continue;
      segments.push(file.balances);
      if (file.carriedBalances) {
        segments.push(file.carriedBalances);
        break;
      }
    }
    return latestPerCurrency(segments.reverse().flat());
  }

  /** The months before `month` of one account, each read when a figure first asks for it. */
  earlier(accountId: string, month: string): EarlierHistory {
    let keys: string[] | undefined;
    const before = () => (keys ??= this.months(accountId).filter((key) => key < month));
    const files = (list: string[]) => list.map((key) => this.read(accountId, key)).filter((file): file is MonthFile => file !== undefined);
    let previous: { file: MonthFile | undefined } | undefined;
    const newestReadable = () => {
      for (const key of [...before()].reverse()) {
        const file = this.read(accountId, key);
        if (file) return file;
      }
      return undefined;
    };
    return {
      // The month just before is the newest possible; the folder is listed only when it is missing.
      previous: () => (previous ??= { file: this.read(accountId, monthBefore(month)) ?? newestReadable() }).file,
      balancesBefore: () => this.balancesBefore(accountId, month),
      filesFrom: (fromMonth) => files(before().filter((key) => key >= fromMonth)),
    };
  }

  /** How many month files are kept decoded (bounded by HISTORY_CACHE_FILES). */
  get cachedFiles(): number {
    return this.cache.size;
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
    let balances = current.balances;
    const last = balances.at(-1);
    if (snapshot.balance) {
      const point = { ...figureToJson(snapshot.balance), at: snapshot.fetchedAt };
      if (!last || last.amount !== point.amount || last.currency !== point.currency) balances = thinBalancePoints([...balances, point]);
    }
    writeCompactJsonAtomic(this.pathOf(accountId, snapshot.month), {
      ...current,
      balances,
      lastGood: snapshotToJson(snapshot),
      lastAttempt: { at: snapshot.fetchedAt, error: null },
    } satisfies MonthFile);
  }

  /** Call inside the data folder lock. Keeps the last good figures; only the attempt is recorded. */
  recordFailure(accountId: string, month: string, at: string, error: NonNullable<StoredError>): void {
    const current = this.current(accountId, month);
    writeCompactJsonAtomic(this.pathOf(accountId, month), { ...current, lastAttempt: { at, error } } satisfies MonthFile);
  }

  private pathOf(accountId: string, month: string): string {
    return join(this.root, folderOf(accountId), `${month}.json`);
  }
}

/** "openrouter:env" -> "openrouter--env": a colon is not allowed in Windows file names. */
/** The folder under history/ that holds an account's month files (and their settled-days files). */
export function folderOf(accountId: string): string {
  return accountId.replace(/:/g, '--');
}

/** "2026-01" -> "2025-12". */
function monthBefore(month: string): string {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber - 2, 1)).toISOString().slice(0, 7);
}

function emptyMonth(accountId: string, month: string): MonthFile {
  return { version: 1, accountId, month, balances: [] };
}
