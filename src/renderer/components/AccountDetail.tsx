import type { AccountView, MoneyDto } from '../../shared/api';
import { describeRunway, formatEntryDate, formatMaybeMoney, formatRunway } from '../format';
import { useNow, userLocale } from '../hooks';
import { useSpendbar } from '../store';
import { statusText } from './AccountRow';
import { BalanceHistory, Breakdown, UsageTable } from './DetailSections';
import { ConfidenceBadge } from './ConfidenceBadge';
import { DailyChart } from './DailyChart';
import { EntryList } from './EntryList';
import { ProviderIcon } from './ProviderIcon';
import { Reconciliation } from './Reconciliation';
import { ViewFrame } from './ViewFrame';

const MONTH_END_LABELS: Record<NonNullable<AccountView['monthEnd']>['basis'], string | null> = {
  'provider-forecast': 'Month-end forecast',
  'recent-daily-spend': 'Projected month-end',
  'month-pace': 'Projected month-end',
  // Nothing was projected: the row would repeat This month.
  'month-to-date': null,
};

/** The engine's month-end figure for this account, labelled by where it comes from. */
function monthEndRow(account: AccountView): Array<{ label: string; figure: MoneyDto }> {
  const label = account.monthEnd ? MONTH_END_LABELS[account.monthEnd.basis] : null;
  return account.monthEnd && label ? [{ label, figure: account.monthEnd }] : [];
}

function Figures({ account, now }: { account: AccountView; now: number }) {
  const locale = userLocale();
  const rows: Array<{ label: string; figure: MoneyDto | null }> = [
    { label: 'This month', figure: account.monthToDate },
    { label: 'Balance', figure: account.balance },
    // DeepSeek and others hold a balance per currency; the first is the row's balance above.
    ...account.balances.slice(1).map((other) => ({ label: `Balance (${other.currency})`, figure: other })),
    ...(account.spendLimit ? [{ label: 'Spend limit', figure: account.spendLimit }] : []),
    ...monthEndRow(account),
  ];
  const depletion = account.runway?.depletionDate;
  return (
    <dl className="detail-figures">
      {rows.map(({ label, figure }) => (
        <div key={label} className="detail-figure">
          <dt>{label}</dt>
          <dd>
            <span className="figure-value">{formatMaybeMoney(figure, { locale })}</span> {figure && <ConfidenceBadge confidence={figure.confidence} />}
          </dd>
        </div>
      ))}
      <div className="detail-figure">
        <dt>Runway</dt>
        <dd title={describeRunway(account.runway?.days)}>
          <span className="figure-value">{formatRunway(account.runway?.days)}</span>
          {depletion && <span className="muted"> · runs out around {formatEntryDate(depletion.slice(0, 10), now, locale)}</span>}
        </dd>
      </div>
      {account.quota && (
        <div className="detail-figure">
          <dt>Quota</dt>
          <dd>
            {account.quota.used.toLocaleString(locale)}
            {account.quota.limit !== null && ` of ${account.quota.limit.toLocaleString(locale)}`} {account.quota.unit}
            {account.quota.resetsAt && <span className="muted"> · resets {formatEntryDate(account.quota.resetsAt.slice(0, 10), now, locale)}</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Everything Spendbar knows about one account this month; Back or Escape returns to the list. */
export function AccountDetail({ accountId }: { accountId: string }) {
  const overview = useSpendbar((state) => state.overview);
  const open = useSpendbar((state) => state.open);
  const setEntryDraft = useSpendbar((state) => state.setEntryDraft);
  const entries = useSpendbar((state) => state.entries);
  const now = useNow();
  const account = overview?.accounts.find((candidate) => candidate.id === accountId);
  if (!overview || !account) {
    return (
      <ViewFrame title="Account" testId="detail">
        <p className="muted">This account is no longer configured.</p>
      </ViewFrame>
    );
  }
  const status = statusText(account, now);
  const mine = entries.filter((entry) => entry.provider === account.provider && entry.account === account.account);
  return (
    <ViewFrame title={`${account.providerName} · ${account.account}`} icon={<ProviderIcon provider={account.provider} monogram={account.monogram} />} testId="detail">
      {status && (
        <p className={`banner ${account.status === 'stale' ? 'banner-warning' : 'banner-error'}`} data-testid="detail-status">
          {status}
        </p>
      )}
      <Figures account={account} now={now} />
      <section aria-labelledby="daily-heading">
        <h2 id="daily-heading" className="section-heading">
          Daily spend
        </h2>
        <DailyChart account={account} month={overview.month} nowMs={now} />
      </section>
      <Breakdown account={account} />
      <UsageTable account={account} />
      <Reconciliation account={account} />
      <BalanceHistory account={account} nowMs={now} />
      {account.notes.length > 0 && (
        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading" className="section-heading">
            Notes
          </h2>
          <ul className="notes">
            {account.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="ledger-heading">
        <div className="section-top">
          <h2 id="ledger-heading" className="section-heading">
            Entries
          </h2>
          <button type="button" className="link-button" onClick={() => {
              setEntryDraft({ provider: account.provider, account: account.account, currency: undefined });
              open({ name: 'manual' });
            }}>
            Add entry
          </button>
        </div>
        <EntryList entries={mine} emptyText="No hand-entered spend, top-ups or balances for this account." />
      </section>
    </ViewFrame>
  );
}
