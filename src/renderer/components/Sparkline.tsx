import type { AccountView } from '../../shared/api';
import { formatMoney } from '../format';
import { userLocale } from '../hooks';
import { sumAmounts } from '../model/amounts';
import { chartCurrency, dailySeries, datesEndingAt, sparklinePoints } from '../model/series';

const WIDTH = 56;
const HEIGHT = 18;

/** The last 30 days of spend as a line; an empty slot of the same size keeps the rows aligned. */
export function Sparkline({ account, today }: { account: AccountView; today: string }) {
  const series = dailySeries(account, datesEndingAt(today, 30));
  const known = series.filter((day) => day.amount !== null);
  const currency = chartCurrency(account);
  if (known.length < 2 || !currency) return <span className="sparkline sparkline-empty" aria-hidden="true" />;
  const total = formatMoney(sumAmounts(known.map((day) => day.amount!)), currency, { precision: 'total', locale: userLocale() });
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`-1 -1 ${WIDTH + 2} ${HEIGHT + 2}`}
      role="img"
      aria-label={`${total} spent over the last ${known.length} days with data`}
    >
      <polyline points={sparklinePoints(series, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
