import { useId } from 'react';
import type { AccountView } from '../../shared/api';
import { formatEntryDate, formatMoney } from '../format';
import { userLocale } from '../hooks';
import { sumAmounts } from '../model/amounts';
import { barLayout, chartCurrency, dailySeries, datesOfMonth } from '../model/series';

const WIDTH = 340;
const HEIGHT = 90;

/**
 * This month's spend per day as plain SVG bars. Each bar carries its date and amount as a <title>
 * (hover) and the same figures are in a table below for screen readers and anyone who wants numbers.
 */
export function DailyChart({ account, month, nowMs }: { account: AccountView; month: string; nowMs: number }) {
  const locale = userLocale();
  const titleId = useId();
  const currency = chartCurrency(account);
  const series = dailySeries(account, datesOfMonth(month));
  const known = series.filter((day) => day.amount !== null);
  if (!currency || known.length === 0) return <p className="muted">No daily figures from this provider.</p>;
  const { bars, max } = barLayout(series, WIDTH, HEIGHT, 2);
  const money = (amount: string) => formatMoney(amount, currency, { precision: 'total', locale });
  const total = money(sumAmounts(known.map((day) => day.amount!)));
  return (
    <figure className="chart">
      <svg
        className="daily-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`}
        role="img"
        aria-labelledby={titleId}
        data-testid="daily-chart"
      >
        <title id={titleId}>{`Daily spend this month: ${total} over ${known.length} days, at most ${money(max)} a day`}</title>
        <line x1="0" x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} className="chart-axis" />
        {bars.map((bar) => (
          <rect key={bar.date} className="chart-bar" x={bar.x} y={bar.y} width={bar.width} height={Math.max(bar.height, 0.5)}>
            <title>{`${formatEntryDate(bar.date, nowMs, locale)}: ${money(bar.amount)}`}</title>
          </rect>
        ))}
        <text x="0" y={HEIGHT + 12} className="chart-label">
          {formatEntryDate(series[0]!.date, nowMs, locale)}
        </text>
        <text x={WIDTH} y={HEIGHT + 12} textAnchor="end" className="chart-label">
          {formatEntryDate(series.at(-1)!.date, nowMs, locale)}
        </text>
      </svg>
      <figcaption className="chart-caption">
        {total} over {known.length} {known.length === 1 ? 'day' : 'days'} with figures · highest {money(max)}
      </figcaption>
      <details className="chart-table">
        <summary>Show as table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Spend</th>
            </tr>
          </thead>
          <tbody>
            {known.map((day) => (
              <tr key={day.date}>
                <td>{formatEntryDate(day.date, nowMs, locale)}</td>
                <td className="number">{money(day.amount!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
