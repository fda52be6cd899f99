import type { AccountView, MoneyDto } from '../../shared/api';
import { formatAge, formatMaybeMoney } from '../format';
import { userLocale } from '../hooks';
import { ConfidenceBadge } from './ConfidenceBadge';

function Figure({ label, money, testId }: { label: string; money: MoneyDto | null; testId: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <span className="figure-value" data-testid={testId}>{formatMaybeMoney(money, { locale: userLocale() })}</span>
        {money && <ConfidenceBadge confidence={money.confidence} />}
      </dd>
    </div>
  );
}

/** What went wrong, in the provider's words; for stale data also how old the figures shown are. */
function statusText(account: AccountView, now: number): string | null {
  const reason = account.error?.message ?? null;
  if (account.status === 'stale') {
    const age = account.updatedAt ? `updated ${formatAge(account.updatedAt, now)}` : 'not updated';
    return reason ? `${age} · ${reason}` : age;
  }
  if (account.status === 'error') return reason ?? 'The last refresh failed.';
  if (account.status === 'unconfigured') return reason ?? 'No key set for this account.';
  return null;
}

/** One account: who it is, this month's spend, the remaining credit and how sure each figure is. */
export function AccountRow({ account, now }: { account: AccountView; now: number }) {
  const status = statusText(account, now);
  return (
    <li className={`account account-${account.status}`} data-testid="account-row" data-account-id={account.id}>
      <div className="account-name">
        <span className="provider-name">{account.providerName}</span>
        <span className="account-label">{account.account}</span>
      </div>
      <dl className="figures">
        <Figure label="This month" money={account.monthToDate} testId="month-to-date" />
        <Figure label="Balance" money={account.balance} testId="balance" />
      </dl>
      {status && (
        <p className="account-status" data-testid="account-status">
          {status}
        </p>
      )}
      {account.notes.length > 0 && (
        <ul className="account-notes">
          {account.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
