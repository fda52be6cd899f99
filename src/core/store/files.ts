/**
 * File primitives for the data folder. Writes are atomic (write to a temporary file, then rename), so no
 * reader ever sees half a file; mutations are serialised across processes by one lock, because the app,
 * the CLI and `serve` may run on one folder at the same time. A file that cannot be read is moved aside
 * as `<name>.corrupt-<timestamp>` and reported, never silently emptied.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';

export type Warn = (message: string) => void;

export function ensureDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

export function writeJsonAtomic(path: string, value: unknown): void {
  ensureDir(dirname(path));
  writeFileAtomic.sync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

/**
 * Reads and validates a JSON file. Missing -> undefined. Unreadable or of the wrong shape -> moved aside,
 * the user is warned, and undefined is returned so the app can start with what remains.
 */
export function readJsonFile<T>(path: string, schema: z.ZodType<T>, warn: Warn, now: () => Date = () => new Date()): T | undefined {
  if (!existsSync(path)) return undefined;
  let problem: string;
  try {
    const result = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (result.success) return result.data;
    problem = `unexpected content at ${result.error.issues[0]?.path.join('.') || 'top level'}`;
  } catch (error) {
    problem = error instanceof SyntaxError ? 'not valid JSON' : String((error as Error).message ?? error);
  }
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.corrupt-${stamp}`;
  renameSync(path, aside);
  warn(`${basename(path)} could not be read (${problem}); it was moved aside to ${basename(aside)} and Spendbar started without it.`);
  return undefined;
}

/** Runs `operation` holding the data folder's lock (waits up to ~10 s for another Spendbar process). */
export async function withLock<T>(dataDir: string, operation: () => T | Promise<T>): Promise<T> {
  ensureDir(dataDir);
  const release = await lockfile.lock(dataDir, {
    lockfilePath: join(dataDir, '.spendbar.lock'),
    stale: 15_000,
    retries: { retries: 100, minTimeout: 10, maxTimeout: 100, factor: 1.3 },
  });
  try {
    return await operation();
  } finally {
    await release();
  }
}
