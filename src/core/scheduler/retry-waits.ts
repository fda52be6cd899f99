/**
 * retry-waits.json in the data folder: per account, the time before which a provider asked not to be
 * asked again (Retry-After on a 429 or 5xx). Kept on disk so that a new `spendbar poll`, the app and
 * `serve` all respect a wait that another process was told about.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';

/** A provider's wait longer than this is taken as this: a bad header must not silence an account for weeks. */
export const MAX_RETRY_WAIT_MS = 24 * 60 * 60_000;

const fileSchema = z.object({
  version: z.literal(1),
  accounts: z.record(z.string(), z.object({ notBefore: z.string(), kind: z.string() })),
});
type WaitsFile = z.infer<typeof fileSchema>;

export interface RetryWait {
  /** ISO time before which the account is not polled. */
  readonly notBefore: string;
  /** The error kind that carried the wait (`rate-limited`, `provider-unavailable`). */
  readonly kind: string;
}

export class RetryWaits {
  private readonly path: string;
  private readonly context: StoreContext;

  constructor(dataDir: string, warn: Warn) {
    this.path = join(dataDir, 'retry-waits.json');
    this.context = { dataDir, warn };
  }

  /** The account's wait if it is still in effect at `now`. */
  active(accountId: string, now: Date): RetryWait | undefined {
    const wait = this.read().accounts[accountId];
    return wait && Date.parse(wait.notBefore) > now.getTime() ? wait : undefined;
  }

  /** Call inside the data folder lock. `retryAfterMs` undefined clears the account's wait. */
  record(accountId: string, now: Date, retryAfterMs: number | undefined, kind: string): void {
    const file = this.read();
    const accounts = Object.fromEntries(Object.entries(file.accounts).filter(([, wait]) => Date.parse(wait.notBefore) > now.getTime()));
    if (retryAfterMs === undefined || retryAfterMs <= 0) delete accounts[accountId];
    else accounts[accountId] = { notBefore: new Date(now.getTime() + Math.min(retryAfterMs, MAX_RETRY_WAIT_MS)).toISOString(), kind };
    if (JSON.stringify(accounts) === JSON.stringify(file.accounts)) return;
    writeJsonAtomic(this.path, { version: 1, accounts } satisfies WaitsFile);
  }

  private read(): WaitsFile {
    return readJsonFile(this.path, fileSchema, this.context) ?? { version: 1, accounts: {} };
  }
}

/** "2026-11-21 11:00 UTC": one unambiguous form for the CLI, the popover and files. */
export function formatWaitTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
