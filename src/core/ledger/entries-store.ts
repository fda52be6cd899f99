/** ledger/entries.json: the user's manual entries (spend, top-up, known balance). */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { entryKindSchema, ledgerEntryDtoSchema, type LedgerEntryDto } from '../../shared/api.js';
import { readableAmount, readableCurrency } from '../model/money.js';
import { fileStamp, readRecords, writeTextAtomic, type StoreContext, type Warn } from '../store/files.js';

export type LedgerEntry = LedgerEntryDto;

/** At most 13 integer digits and 12 decimals: an amount `toDecimal` would return unchanged. */
export const CANONICAL_AMOUNT = /^-?\d{1,13}(\.\d{1,12})?$/;

const ENTRY_FIELDS = Object.keys(ledgerEntryDtoSchema.shape) as (keyof LedgerEntry)[];
const ENTRY_KINDS: ReadonlySet<string> = new Set(entryKindSchema.options);

/**
 * A stored entry as `ledgerEntryDtoSchema` reads it (every field a string, other keys dropped), kept only
 * if every figure in it can be used and its date is YYYY-MM-DD; the rest are set aside one by one.
 * Checked by hand: zod's per-record parse and the full decoding of each amount cost ~10 µs an entry, most
 * of a cold start with thousands of entries. entries-store.test.ts holds it to the zod schema.
 */
export function storedEntry(value: unknown): LedgerEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const entry: Record<string, string> = {};
  for (const field of ENTRY_FIELDS) {
    const text = record[field];
    if (typeof text !== 'string') return undefined;
    entry[field] = text;
  }
  const readable = (CANONICAL_AMOUNT.test(entry.amount!) || readableAmount(entry.amount!)) && readableCurrency(entry.currency!);
  return readable && ENTRY_KINDS.has(entry.kind!) && /^\d{4}-\d{2}-\d{2}$/.test(entry.date!) ? (entry as LedgerEntry) : undefined;
}

const storedEntrySchema = z.unknown().transform((value, context): LedgerEntry => {
  const entry = storedEntry(value);
  if (entry) return entry;
  context.issues.push({ code: 'custom', message: 'not a readable ledger entry', input: value });
  return z.NEVER;
});

interface EntriesCache {
  readonly stamp: string;
  readonly entries: readonly LedgerEntry[];
  byAccount?: ReadonlyMap<string, readonly LedgerEntry[]>;
}

/** The key of an account's entries in `byAccount`. */
export function entriesKey(provider: string, account: string): string {
  return `${provider}\u0000${account}`;
}

export class EntriesStore {
  private readonly path: string;
  private readonly context: StoreContext;
  /** The checked entries of the file as it was at `stamp`: thousands of entries are parsed once, not per call. */
  private cache: EntriesCache | undefined;

  constructor(dataDir: string, warn: Warn) {
    this.path = join(dataDir, 'ledger', 'entries.json');
    this.context = { dataDir, warn };
  }

  /** A new array each call (callers sort it); the entries in it are shared and must not be changed. */
  list(): LedgerEntry[] {
    return [...this.load().entries];
  }

  private load(): EntriesCache {
    const stamp = fileStamp(this.path);
    if (stamp && this.cache?.stamp === stamp) return this.cache;
    const entries = readRecords(this.path, 'entries', storedEntrySchema, this.context).map((entry) => Object.freeze(entry));
    // Stamped as it was before reading: a file replaced meanwhile (or a bad record moved aside) is read again.
    const loaded = { stamp: stamp ?? '', entries };
    this.cache = stamp ? loaded : undefined;
    return loaded;
  }

  /**
   * The entries grouped by account (key: `entriesKey(provider, account)`), in stored order. The same map
   * and arrays come back until the file changes, so figures derived from them can be remembered.
   */
  byAccount(): ReadonlyMap<string, readonly LedgerEntry[]> {
    const cache = this.load();
    if (!cache.byAccount) {
      const groups = new Map<string, LedgerEntry[]>();
      for (const entry of cache.entries) {
        const key = entriesKey(entry.provider, entry.account);
        const group = groups.get(key);
        if (group) group.push(entry);
        else groups.set(key, [entry]);
      }
      cache.byAccount = groups;
    }
    return cache.byAccount;
  }

  /** One entry per account that has any (what decides which manual accounts exist). */
  accountsUsed(): LedgerEntry[] {
    return [...this.byAccount().values()].map((group) => group[0]!);
  }

  /** Call inside the data folder lock. */
  add(entry: Omit<LedgerEntry, 'id' | 'createdAt'> & Partial<Pick<LedgerEntry, 'id' | 'createdAt'>>, now: Date): LedgerEntry {
    const entries = this.list();
    const stored: LedgerEntry = { ...entry, id: entry.id ?? randomUUID(), createdAt: entry.createdAt ?? now.toISOString() };
    if (entries.some((existing) => existing.id === stored.id)) throw new Error(`An entry with id ${stored.id} already exists.`);
    this.write([...entries, stored]);
    return stored;
  }

  /** Call inside the data folder lock. */
  replace(updated: LedgerEntry): void {
    this.write(this.list().map((entry) => (entry.id === updated.id ? updated : entry)));
  }

  /** Call inside the data folder lock. */
  remove(id: string): LedgerEntry | undefined {
    const entries = this.list();
    const found = entries.find((entry) => entry.id === id);
    if (found) this.write(entries.filter((entry) => entry.id !== id));
    return found;
  }

  /**
   * One entry a line: a fifth smaller than indented JSON, and still one line per entry to read or compare.
   * Inside the lock no other process writes, so what was just written is what the file now holds.
   */
  private write(entries: LedgerEntry[]): void {
    writeTextAtomic(this.path, `{"version":1,"entries":[${entries.map((entry) => `\n${JSON.stringify(entry)}`).join(',')}\n]}\n`);
    const stamp = fileStamp(this.path);
    this.cache = stamp ? { stamp, entries } : undefined;
  }
}
