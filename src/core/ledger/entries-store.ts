/** ledger/entries.json: the user's manual entries (spend, top-up, known balance). */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ledgerEntryDtoSchema, type LedgerEntryDto } from '../../shared/api.js';
import { readableAmount, readableCurrency } from '../model/money.js';
import { readRecords, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';

export type LedgerEntry = LedgerEntryDto;

/** An entry is kept only if every figure in it can be used; the rest are set aside one by one. */
const storedEntrySchema = ledgerEntryDtoSchema.extend({
  amount: z.string().refine(readableAmount),
  currency: z.string().refine(readableCurrency),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
}) as z.ZodType<LedgerEntry>;

export class EntriesStore {
  private readonly path: string;
  private readonly context: StoreContext;

  constructor(dataDir: string, warn: Warn) {
    this.path = join(dataDir, 'ledger', 'entries.json');
    this.context = { dataDir, warn };
  }

  list(): LedgerEntry[] {
    return readRecords(this.path, 'entries', storedEntrySchema, this.context);
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

  private write(entries: LedgerEntry[]): void {
    writeJsonAtomic(this.path, { version: 1, entries });
  }
}
