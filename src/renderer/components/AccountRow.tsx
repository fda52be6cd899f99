import type { AccountView } from '../../shared/api';
import { formatAge, formatMaybeMoney } from '../format';
import { userLocale } from '../hooks';
import { BalanceBar } from './BalanceBar';
import { ConfidenceBadge } from './ConfidenceBadge';
import { ProviderIcon } from './ProviderIcon';
import { Sparkline } from './Sparkline';

/** What went wrong, in the engine's words (they say what to do); for stale data also how old it is. */
export function statusText(account: AccountView, now: number): string | null {
  const reason = account.error?.message ?? null;
  if (account.status === 'stale') {
    const age = account.updatedAt ? `updated ${formatAge(account.updatedAt, now)}` : 'not updated yet';
    return reason ? `${age} · ${reason}` : age;
  }
  if (account.status === 'pending') return 'not updated yet';
  if (account.status === 'error') return reason ?? 'The last refresh failed.';
  if (account.status === 'unconfigured') return reason ?? 'No key set for this account.';
  return null;
}

interface AccountRowProps {
  account: AccountView;
  now: number;
  /** UTC date (YYYY-MM-DD) the sparkline ends at. */
  today: string;
  /** A Refresh is waiting for this account's answer. */
  refreshing: boolean;
  onOpen(): void;
}

/**
 * One account at a glance: who, this month's spend and how sure it is, credit left against what was
 * loaded, runway, the last 30 days, and what is wrong if anything. The whole row opens the detail view
 * (the name is the real button; CSS stretches its hit area over the row).
 */
export function AccountRow({ account, now, today, refreshing, onOpen }: AccountRowProps) {
  const status = statusText(account, now);
  return (
    <li
      className={`account account-${account.status}`}
      data-testid="account-row"
      data-account-id={account.id}
      aria-busy={refreshing || undefined}
    >
      <ProviderIcon provider={account.provider} monogram={account.monogram} />
      <button type="button" className="row-open" onClick={onOpen} data-focus-key={`row:${account.id}`}>
        <span className="provider-name">{account.providerName}</span>{' '}
        <span className="account-label">{account.account}</span>
        <span className="sr-only">, show details</span>
      </button>
      <Sparkline account={account} today={today} />
      <span className="row-spend">
        <span className="sr-only">This month: </span>
        <span className="figure-value" data-testid="month-to-date">
          {formatMaybeMoney(account.monthToDate, { precision: 'total', locale: userLocale() })}
        </span>
        {account.monthToDate && <ConfidenceBadge confidence={account.monthToDate.confidence} />}
      </span>
      <BalanceBar account={account} />
      {refreshing ? (
        <p className="account-status account-refreshing" data-testid="account-refreshing">
          <span className="spinner" aria-hidden="true" /> Refreshing…
        </p>
      ) : (
        status && (
          <p className="account-status" data-testid="account-status">
            {status}
          </p>
        )
      )}
    </li>
  );
}
