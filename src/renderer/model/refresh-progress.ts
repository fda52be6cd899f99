/**
 * Per-account progress of a Refresh, read from successive overviews: an account counts as done once its
 * last attempt time (or anything else a poll changes: update time, status, error) has moved on.
 */
import type { AccountView, Overview, PollProgressEvent } from '../../shared/api';

/** What a poll changes about an account; compared before and during the Refresh. */
export function pollSignature(account: AccountView): string {
  return JSON.stringify([account.lastAttemptAt, account.updatedAt, account.status, account.error?.message ?? null]);
}

/** The accounts a Refresh polls: those with a billing API and a key. */
export function isPolled(account: AccountView): boolean {
  return !account.manual && account.status !== 'unconfigured';
}

export function baselineOf(overview: Overview | null): Record<string, string> {
  return Object.fromEntries((overview?.accounts ?? []).filter(isPolled).map((account) => [account.id, pollSignature(account)]));
}

export interface RefreshProgress {
  done: number;
  total: number;
  /** Ids still waiting for their answer. */
  pending: ReadonlySet<string>;
}

export function refreshProgress(overview: Overview, baseline: Readonly<Record<string, string>>): RefreshProgress {
  const polled = overview.accounts.filter(isPolled);
  const pending = new Set(polled.filter((account) => baseline[account.id] === pollSignature(account)).map((account) => account.id));
  return { done: polled.length - pending.size, total: polled.length, pending };
}

/**
 * The overview as it stands with one step of a running poll applied (Electron pushes these): the account
 * is marked as polling when its poll starts, and as answered (its last attempt moves on) when it ends, so
 * Refresh progress counts it; the figures themselves arrive with the overview at the end of the cycle.
 */
export function withPollProgress(overview: Overview, event: PollProgressEvent): Overview {
  if (!overview.accounts.some((account) => account.id === event.accountId)) return overview;
  const started = event.state === 'started';
  const accounts = overview.accounts.map((account) =>
    account.id !== event.accountId ? account : { ...account, polling: started, ...(started ? {} : { lastAttemptAt: event.at }) },
  );
  return { ...overview, accounts, polling: accounts.some((account) => account.polling) };
}
