import type { Overview } from '../../shared/api';
import { formatClockTime, formatMoney, formatPercent, latestIso } from '../format';
import { convertedNote } from '../early-total';
import { useNow, userLocale } from '../hooks';
import { amountToNumber, toMicros } from '../model/amounts';
import { useSpendbar } from '../store';
import { Icon } from './Icon';
import { RefreshStatus } from './RefreshStatus';

const CONFIDENCES = ['official', 'estimated', 'manual'] as const;

/**
 * The approximate total in the display currency the user chose, from the engine's `converted` figure:
 * rounded here, once, for display; the rates' date and anything left out for want of a rate beside it.
 */
function ConvertedTotal({ converted }: { converted: NonNullable<Overview['converted']> }) {
  const locale = userLocale();
  const note = convertedNote(converted);
  return (
    <p className="converted" data-testid="converted-total">
      <span className="converted-amount">
        <span aria-hidden="true">≈ </span>
        <span className="sr-only">About </span>
        {formatMoney(converted.amount, converted.currency, { precision: 'total', locale })}
      </span>
      <span className="converted-note">
        {note.source}
        {note.stale && <strong className="converted-stale">{note.stale}</strong>}
        {note.excluded}
      </span>
    </p>
  );
}

/** One block per currency: never added up across currencies, except as the approximate converted total above. */
function Totals({ overview }: { overview: Overview }) {
  const locale = userLocale();
  // Selected as stored and defaulted outside: a selector returning a new {} each time re-renders forever.
  const budgets = useSpendbar((state) => state.preferences?.monthlyBudget);
  if (overview.totals.length === 0) return <p className="totals-empty">No spend recorded this month yet.</p>;
  const money = (amount: string, currency: string) => formatMoney(amount, currency, { precision: 'total', locale });
  return (
    <ul className="totals" aria-label="Month-to-date spend">
      {overview.totals.map((total) => {
        const split = CONFIDENCES.filter((confidence) => (toMicros(total.byConfidence[confidence]) ?? 0n) !== 0n);
        // The engine's one month-end figure; null when nothing is projected (manual entries only).
        const end = total.monthEnd ?? undefined;
        const budget = budgets?.[total.currency];
        return (
          <li key={total.currency} className="total-block">
            <span className="total" data-testid={`total-${total.currency}`}>
              {money(total.monthToDate, total.currency)}
            </span>
            {split.length > 0 && (
              <span className="total-split" data-testid={`split-${total.currency}`}>
                {split.length === 1
                  ? `all ${split[0]}`
                  : split.map((confidence) => `${money(total.byConfidence[confidence], total.currency)} ${confidence}`).join(' · ')}
              </span>
            )}
            {end && (
              <span className="total-forecast" data-testid={`forecast-${total.currency}`}>
                {end.kind === 'forecast' ? 'Month-end forecast ' : 'Projected month-end ~'}
                {money(end.amount, total.currency)}
                {end.kind === 'projection' && <span className="sr-only"> (projected from recent daily spend)</span>}
              </span>
            )}
            {budget && amountToNumber(budget) > 0 && (
              <span className="total-budget">
                {formatPercent(amountToNumber(total.monthToDate) / amountToNumber(budget), locale)} of {money(budget, total.currency)} budget
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function LastUpdated({ overview, now }: { overview: Overview; now: number }) {
  const updatedAt = latestIso(overview.accounts.map((account) => account.updatedAt));
  return (
    <span className="updated" data-testid="last-updated">
      {updatedAt ? `Updated ${formatClockTime(updatedAt, now, userLocale())}` : 'Not refreshed yet'}
    </span>
  );
}

/** The month-to-date totals, where they come from, the month-end outlook, and the toolbar. */
export function Header() {
  const overview = useSpendbar((state) => state.overview);
  const refreshing = useSpendbar((state) => state.refreshing);
  const refresh = useSpendbar((state) => state.refresh);
  const open = useSpendbar((state) => state.open);
  const now = useNow();
  const busy = refreshing || Boolean(overview?.polling);

  return (
    <header className="header">
      <div className="header-top">
        <h1 className="title">
          This month
          {overview?.demo && (
            <span className="demo-label" data-testid="demo-label">
              Demo data
            </span>
          )}
        </h1>
        <div className="toolbar">
          <button type="button" className="icon-button" aria-label="Add entry" title="Add entry" data-focus-key="toolbar:manual" onClick={() => open({ name: 'manual' }, 'toolbar:manual')}>
            <Icon name="plus" />
          </button>
          <button type="button" className="icon-button" aria-label="Settings" title="Settings" data-focus-key="toolbar:settings" onClick={() => open({ name: 'settings' }, 'toolbar:settings')}>
            <Icon name="gear" />
          </button>
          <button type="button" className="button refresh-button" onClick={() => void refresh()} disabled={refreshing} aria-busy={busy || undefined}>
            <span className={busy ? 'spin' : undefined}>
              <Icon name="refresh" size={14} />
            </span>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      {overview ? (
        <>
          {overview.converted && <ConvertedTotal converted={overview.converted} />}
          <Totals overview={overview} />
          <p className="header-status">
            <LastUpdated overview={overview} now={now} />
            <RefreshStatus overview={overview} />
          </p>
        </>
      ) : (
        <p className="totals-empty">Loading…</p>
      )}
    </header>
  );
}
