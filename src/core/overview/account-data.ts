/** What the overview is built from for one account: its settings, its stored history and its ledger. */
import type { Account } from '../accounts/accounts.js';
import type { LedgerEntry } from '../ledger/entries-store.js';
import type { MonthFile } from '../ledger/history-store.js';
import type { TrackedRecord } from '../tracked/tracked-store.js';

export interface AccountData {
  readonly account: Account;
  /** This month's history file. */
  readonly monthFile: MonthFile | undefined;
  /** Earlier months' files, for official spend since a known balance. */
  readonly earlierFiles: readonly MonthFile[];
  readonly entries: readonly LedgerEntry[];
  /** A poll of this account is running now. */
  readonly polling?: boolean;
  /** Usage the user fed in for this month (track / import), with estimated costs. */
  readonly tracked: readonly TrackedRecord[];
  /** Set when the account cannot be polled for lack of a credential. */
  readonly missingCredential?: string;
  /**
   * An API account whose key is optional and not set (Groq without a key): like a manual account it is
   * fine without ever being polled, so "not polled yet" is not stale.
   */
  readonly keyless?: boolean;
  /** The provider asked not to be polled before this time (ISO), and that time has not come yet. */
  readonly retryAt?: string;
}
