/**
 * history/<account>/<YYYY-MM>.settled.json: the settled days' buckets an adapter asked the engine to keep
 * (see providers/settled-days.ts), beside the month file, so the next poll asks the provider only for the
 * days since. It is a cache: a missing, unreadable or odd file, or one kept under other account settings,
 * is ignored without a warning (the poll fetches the whole month and the file is written anew). It is
 * rewritten only when what is kept changes (about once a day), not on every poll.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeTextAtomic } from '../store/files.js';
import { folderOf } from './history-store.js';

const fileSchema = z.object({
  version: z.literal(1),
  month: z.string(),
  /** A digest of the settings and keys the buckets were fetched with; another project, host or key fetches anew. */
  fingerprint: z.string(),
  streams: z.record(z.string(), z.object({ through: z.string(), days: z.record(z.string(), z.array(z.unknown())) })),
});

/** One stream's kept days (the shape of providers/settled-days.ts's SettledStream). */
export type KeptStream = { readonly through: string; readonly days: Readonly<Record<string, readonly unknown[]>> };

export class SettledStore {
  private readonly root: string;
  /** The text last read or written per file, so an unchanged set is not written again. */
  private readonly lastText = new Map<string, string>();

  constructor(dataDir: string) {
    this.root = join(dataDir, 'history');
  }

  /** The kept streams, if the file was written for this month under the same settings. */
  read(accountId: string, month: string, fingerprint: string): Record<string, KeptStream> | undefined {
    const path = this.pathOf(accountId, month);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    this.lastText.set(path, text);
    let parsed: z.infer<typeof fileSchema>;
    try {
      const result = fileSchema.safeParse(JSON.parse(text));
      if (!result.success) return undefined;
      parsed = result.data;
    } catch {
      return undefined;
    }
    return parsed.month === month && parsed.fingerprint === fingerprint ? parsed.streams : undefined;
  }

  /** Call inside the data folder lock. Writes through the durable writer, and only when the content changed. */
  write(accountId: string, month: string, fingerprint: string, streams: Readonly<Record<string, KeptStream>>): void {
    const path = this.pathOf(accountId, month);
    const value = { version: 1, month, fingerprint, streams };
    // Unknown and null fields mean the same to every adapter schema: leaving them out keeps the file small.
    const text = `${JSON.stringify(value, (_key, item: unknown) => (item === null ? undefined : item))}\n`;
    if (this.lastText.get(path) === text) return;
    writeTextAtomic(path, text);
    this.lastText.set(path, text);
  }

  private pathOf(accountId: string, month: string): string {
    return join(this.root, folderOf(accountId), `${month}.settled.json`);
  }
}
