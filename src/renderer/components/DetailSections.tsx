/** The detail view's lists: spend by model / line item / service, token usage, and balance over time. */
import type { AccountView } from '../../shared/api';
import { formatClockTime, formatCount, formatMoney } from '../format';
import { userLocale } from '../hooks';
import { amountToNumber, compareAmounts } from '../model/amounts';
import { sparklinePoints } from '../model/series';

const DIMENSIONS: Record<string, string> = {
  model: 'By model',
  line_item: 'By line item',
  project: 'By project',
  service: 'By service',
  product: 'By product',
  sku: 'By SKU',
  workspace: 'By workspace',
};

export function Breakdown({ account }: { account: AccountView }) {
  const locale = userLocale();
  if (account.breakdown.length === 0) return null;
  const dimensions = [...new Set(account.breakdown.map((item) => item.dimension))];
  return (
    <>
      {dimensions.map((dimension) => {
        const items = account.breakdown.filter((item) => item.dimension === dimension).sort((a, b) => compareAmounts(b.amount, a.amount));
        const largest = Math.max(...items.map((item) => amountToNumber(item.amount)), 0);
        const heading = DIMENSIONS[dimension] ?? `By ${dimension.replace(/_/g, ' ')}`;
        return (
          <section key={dimension} aria-label={heading}>
            <h2 className="section-heading">{heading}</h2>
            <ul className="breakdown">
              {items.map((item) => (
                <li key={`${item.label}-${item.currency}`} className="breakdown-item">
                  <span className="breakdown-label">{item.label}</span>
                  <span className="figure-value">{formatMoney(item.amount, item.currency, { precision: 'total', locale })}</span>
                  <span className="breakdown-bar" aria-hidden="true">
                    <span style={{ width: `${largest > 0 ? (amountToNumber(item.amount) / largest) * 100 : 0}%` }} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

/** Tokens by model, from the provider or tracked by the user; a tracked model without a price says so. */
export function UsageTable({ account }: { account: AccountView }) {
  const locale = userLocale();
  if (account.usage.length === 0) return null;
  const count = (value: number | undefined) => (value === undefined ? '—' : formatCount(value, locale));
  return (
    <section aria-labelledby="usage-heading">
      <h2 id="usage-heading" className="section-heading">
        Usage by model
      </h2>
      <table className="usage">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="number">In</th>
            <th scope="col" className="number">Out</th>
            <th scope="col" className="number">Cost</th>
          </tr>
        </thead>
        <tbody>
          {account.usage.map((row) => (
            <tr key={`${row.source}-${row.model}`}>
              <th scope="row">
                {row.model}
                {row.source === 'tracked' && (
                  <span className="badge badge-estimated" title={row.origins && row.origins.length > 0 ? `Tracked from ${row.origins.join(', ')}` : undefined}>
                    tracked
                  </span>
                )}
              </th>
              <td className="number">{count(row.inputTokens)}</td>
              <td className="number">{count(row.outputTokens)}</td>
              <td className="number">
                {row.cost === null ? (
                  <span title="No known price for this model: not counted in the estimate">unpriced</span>
                ) : row.cost === undefined ? (
                  '—'
                ) : (
                  `~${formatMoney(row.cost, 'USD', { precision: 'total', locale })}`
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** This month's balance points as a line, with the points themselves listed. */
export function BalanceHistory({ account, nowMs }: { account: AccountView; nowMs: number }) {
  const locale = userLocale();
  const currency = account.balance?.currency ?? account.balanceHistory[0]?.currency;
  const points = account.balanceHistory.filter((point) => point.currency === currency).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (!currency || points.length === 0) return null;
  const series = points.map((point) => ({ date: point.at, amount: point.amount }));
  const money = (amount: string) => formatMoney(amount, currency, { precision: 'total', locale });
  return (
    <section aria-labelledby="balance-history-heading">
      <h2 id="balance-history-heading" className="section-heading">
        Balance this month
      </h2>
      {points.length > 1 && (
        <svg className="balance-chart" viewBox="-2 -2 344 44" role="img" aria-label={`Balance from ${money(points[0]!.amount)} to ${money(points.at(-1)!.amount)}`}>
          <polyline points={sparklinePoints(series, 340, 40)} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        </svg>
      )}
      <ul className="balance-points">
        {points
          .slice(-6)
          .reverse()
          .map((point) => (
            <li key={point.at}>
              <time dateTime={point.at}>{formatClockTime(point.at, nowMs, locale)}</time>
              <span className="figure-value">{money(point.amount)}</span>
            </li>
          ))}
      </ul>
    </section>
  );
}
