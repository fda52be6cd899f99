/** What the overview is built from for one account: its settings, its stored history and its ledger. */
import type { Account } from '../accounts/accounts.js';
import type { LedgerEntry } from '../ledger/entries-store.js';
import type { EarlierHistory, MonthFile } from '../ledger/history-store.js';
import { latestPerCurrency } from '../ledger/balance-points.js';
import type { TrackedRecord } from '../tracked/tracked-store.js';

export interface AccountData {
  readonly account: Account;
  /** This month's history file. */
  readonly monthFile: MonthFile | undefined;
  /** Earlier months, read only as far as a figure needs (the store's `earlier`). */
  readonly earlier?: EarlierHistory;
  /** Or earlier months' files already in memory, oldest first (a connection test, a fixture). */
  readonly earlierFiles?: readonly MonthFile[];
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

/** The account's earlier months, from the store or from the files given. */
export function earlierOf(data: AccountData): EarlierHistory {
  if (data.earlier) return data.earlier;
  const files = data.earlierFiles ?? [];
  return {
    previous: () => files.at(-1),
    balancesBefore: () => latestPerCurrency([...(files[0]?.carriedBalances ?? []), ...files.flatMap((file) => file.balances)]),
    filesFrom: (fromMonth) => files.filter((file) => file.month >= fromMonth),
  };
}
