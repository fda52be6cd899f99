import type { Overview } from '../../shared/api';
import { formatClockTime, formatMoney, latestIso } from '../format';
import { useNow, userLocale } from '../hooks';
import { useSpendbar } from '../store';

function Totals({ overview }: { overview: Overview }) {
  const locale = userLocale();
  if (overview.totals.length === 0) {
    return <p className="totals-empty">No spend recorded this month yet.</p>;
  }
  // One figure per currency: adding USD to CNY would need an FX rate, which Spendbar never guesses.
  return (
    <ul className="totals" aria-label="Month-to-date spend">
      {overview.totals.map((total) => (
        <li key={total.currency} className="total" data-testid={`total-${total.currency}`}>
          {formatMoney(total.monthToDate, total.currency, { precision: 'total', locale })}
        </li>
      ))}
    </ul>
  );
}

function LastUpdated({ overview }: { overview: Overview }) {
  const now = useNow();
  if (overview.polling) return <span className="updated">Refreshing…</span>;
  const updatedAt = latestIso(overview.accounts.map((account) => account.updatedAt));
  return (
    <span className="updated">
      {updatedAt ? `Updated ${formatClockTime(updatedAt, now, userLocale())}` : 'Not refreshed yet'}
    </span>
  );
}

/** The month-to-date totals, where the figures come from (demo or real), and the Refresh button. */
export function Header() {
  const overview = useSpendbar((state) => state.overview);
  const refreshing = useSpendbar((state) => state.refreshing);
  const refresh = useSpendbar((state) => state.refresh);

  return (
    <header className="header">
      <div className="header-top">
        <h1 className="title">
          Spent this month
          {overview?.demo && (
            <span className="demo-label" data-testid="demo-label">
              Demo data
            </span>
          )}
        </h1>
        <button type="button" className="button" onClick={() => void refresh()} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {overview ? (
        <>
          <Totals overview={overview} />
          <LastUpdated overview={overview} />
        </>
      ) : (
        <p className="totals-empty">Loading…</p>
      )}
    </header>
  );
}
