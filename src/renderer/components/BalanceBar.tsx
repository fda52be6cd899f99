import type { AccountView } from '../../shared/api';
import { describeRunway, formatMoney, formatRunway } from '../format';
import { userLocale } from '../hooks';
import { balanceBar } from '../model/attention';

/**
 * Remaining credit against what was loaded, coloured by runway, with the days of runway beside it.
 * Without a reference only the balance is shown; without a balance only a dash.
 */
export function BalanceBar({ account }: { account: AccountView }) {
  const locale = userLocale();
  const bar = balanceBar(account);
  const days = account.runway?.days ?? null;
  const estimated = account.balance && account.balance.confidence !== 'official' ? ` (${account.balance.confidence})` : '';
  return (
    <div className="balance">
      {bar?.fraction !== null && bar !== null ? (
        <span
          className={`bar bar-${bar.tone}`}
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(bar.fraction * 100)}
          aria-label={`Credit left of ${formatMoney(bar.reference!, bar.currency, { precision: 'total', locale })} loaded`}
        >
          <span className="bar-fill" style={{ width: `${bar.fraction * 100}%` }} />
        </span>
      ) : (
        <span className="bar bar-none" aria-hidden="true" />
      )}
      <span className="balance-text">
        {account.balance ? (
          <>
            <span className="figure-value" data-testid="balance">
              {formatMoney(account.balance.amount, account.balance.currency, { precision: 'total', locale })}
            </span>{' '}
            left{estimated}
          </>
        ) : (
          <span className="muted">No balance</span>
        )}
      </span>
      <span className={`runway runway-${bar?.tone ?? 'none'}`} title={describeRunway(days)} data-testid="runway">
        <span className="sr-only">{describeRunway(days)}</span>
        <span aria-hidden="true">{formatRunway(days)}</span>
      </span>
    </div>
  );
}
