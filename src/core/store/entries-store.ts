/** ledger/entries.json: the user's manual entries (spend, top-up, known balance). */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ledgerEntryDtoSchema, type LedgerEntryDto } from '../../shared/api.js';
import { readJsonFile, writeJsonAtomic, type Warn } from './files.js';

export type LedgerEntry = LedgerEntryDto;

const entriesFileSchema = z.object({ version: z.literal(1), entries: z.array(ledgerEntryDtoSchema) });

export class EntriesStore {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly warn: Warn,
  ) {
    this.path = join(dataDir, 'ledger', 'entries.json');
  }

  list(): LedgerEntry[] {
    return readJsonFile(this.path, entriesFileSchema, this.warn)?.entries ?? [];
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
