/**
 * File primitives for the data folder. Every write replaces the whole file durably (durable-write.ts),
 * and mutations are serialised across processes by one lock (data-lock.ts), because the app, the CLI
 * and `serve` may run on one folder at the same time. A file that cannot be read is moved aside as
 * `<name>.corrupt-<timestamp>`, never silently emptied, and only while holding the lock: a writer
 * replacing the file at that moment would otherwise have its good file moved aside instead.
 */
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { z } from 'zod';
import { withLockIfFree } from './data-lock.js';
import { writeFileDurably, writeJsonDurably } from './durable-write.js';
import { asidePath, rememberSetAside } from './set-aside.js';

export { ensureDir, StorageError } from './durable-write.js';
export { withLock } from './data-lock.js';

export type Warn = (message: string) => void;

/** What every store needs: its data folder (for the lock) and where to report problems. */
export interface StoreContext {
  readonly dataDir: string;
  readonly warn: Warn;
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeJsonDurably(path, value);
}

/** On one line: for files rewritten at every poll, where indentation would be a third of every write. */
export function writeCompactJsonAtomic(path: string, value: unknown): void {
  writeFileDurably(path, `${JSON.stringify(value)}\n`);
}

/** Text already serialised by its store (the ledger: one entry a line), written like every other file. */
export function writeTextAtomic(path: string, text: string): void {
  writeFileDurably(path, text);
}

/**
 * Reads and validates a JSON file. Missing -> undefined. Unreadable or of the wrong shape -> moved aside
 * (see set-aside.ts for how the user hears of it) and undefined, so the app starts with what remains.
 */
export function readJsonFile<T>(path: string, schema: z.ZodType<T>, context: StoreContext): T | undefined {
  return readJsonWithText(path, schema, context)?.value;
}

function readJsonWithText<T>(path: string, schema: z.ZodType<T>, context: StoreContext): { value: T; raw: string } | undefined {
  if (!existsSync(path)) return undefined;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    context.warn(`${path} could not be read (${(error as Error).message}); Spendbar carries on without it.`);
    return undefined;
  }
  let problem: string;
  try {
    const result = schema.safeParse(JSON.parse(raw));
    if (result.success) return { value: result.data, raw };
    problem = `unexpected content at ${result.error.issues[0]?.path.join('.') || 'top level'}`;
  } catch {
    problem = 'not valid JSON';
  }
  const moved = withLockIfFree(context.dataDir, () => {
    if (readSafely(path) !== raw) return; // replaced meanwhile: the new file is read next time
    const aside = asidePath(path);
    renameSync(path, aside);
    rememberSetAside(aside, problem);
  });
  if (!moved) context.warn(`${path} could not be read (${problem}); it is left in place while another Spendbar process writes.`);
  return undefined;
}

/**
 * Reads a file holding a list of records (`{"version": 1, "<key>": [...]}`), keeping every record that
 * is valid. Records of the wrong shape are moved to a set-aside file and the rest stays in place, so one
 * bad record never costs the others.
 */
export function readRecords<T>(path: string, key: string, recordSchema: z.ZodType<T>, context: StoreContext): T[] {
  const fileSchema = z.object({ version: z.literal(1), [key]: z.array(z.unknown()) });
  const file = readJsonWithText(path, fileSchema, context);
  if (!file) return [];
  const good: T[] = [];
  const bad: unknown[] = [];
  for (const record of file.value[key] as unknown[]) {
    const parsed = recordSchema.safeParse(record);
    if (parsed.success) good.push(parsed.data);
    else bad.push(record);
  }
  if (bad.length === 0) return good;
  const problem = `${bad.length} record${bad.length === 1 ? '' : 's'} of the wrong shape; the others were kept`;
  let failure: string | undefined;
  const moved = withLockIfFree(context.dataDir, () => {
    if (readSafely(path) !== file.raw) return;
    try {
      const aside = asidePath(path);
      writeJsonDurably(aside, { version: 1, [key]: bad });
      rememberSetAside(aside, problem);
      writeJsonDurably(path, { version: 1, [key]: (file.value[key] as unknown[]).filter((record) => !bad.includes(record)) });
    } catch (error) {
      failure = (error as Error).message;
    }
  });
  if (!moved || failure) context.warn(`${path} has ${problem}; they are left out for now${failure ? ` (${failure})` : ''}.`);
  return good;
}

function readSafely(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The version of a file: replacing a file (the durable writer renames) changes its inode even within one mtime tick. */
export function fileStamp(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
  } catch {
    return undefined;
  }
}

/**
 * `readRecords` for files read far more often than they change (every overview reads this month's tracked
 * usage twice): a file's checked records are kept, frozen, until its stamp changes.
 */
export class RecordsCache<T> {
  private readonly files = new Map<string, { stamp: string; records: readonly T[] }>();

  /** A new array each call; the records in it are shared and must not be changed. */
  read(path: string, key: string, recordSchema: z.ZodType<T>, context: StoreContext): T[] {
    const stamp = fileStamp(path);
    const cached = this.files.get(path);
    if (stamp && cached?.stamp === stamp) return [...cached.records];
    // Stamped as it was before reading: a file replaced meanwhile is read again next time.
    const records = readRecords(path, key, recordSchema, context).map((record) => Object.freeze(record));
    if (stamp) this.files.set(path, { stamp, records });
    else this.files.delete(path);
    return [...records];
  }
}
