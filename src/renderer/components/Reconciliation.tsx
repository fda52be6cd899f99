/**
 * Tracked usage against the provider's bill, for the account's detail: the month and each day, the
 * difference in money and percent. The engine computed every figure (overview/reconciliation.ts); this
 * only lays them out, exactly as computed.
 */
import type { AccountView, ReconciliationFigure } from '../../shared/api';
import { formatMoney, UNKNOWN } from '../format';
import { userLocale } from '../hooks';

export function Reconciliation({ account, locale = userLocale() }: { account: AccountView; locale?: string }) {
  const reconciliation = account.reconciliation;
  if (!reconciliation) return null;
  const money = (amount: string | null, currency: string) => (amount === null ? UNKNOWN : formatMoney(amount, currency, { precision: 'exact', locale }));
  const percent = (figure: Pick<ReconciliationFigure, 'percent'>) => (figure.percent === null ? UNKNOWN : `${figure.percent}%`);
  const { month } = reconciliation;
  return (
    <section aria-labelledby="reconciliation-heading" data-testid="reconciliation">
      <h2 id="reconciliation-heading" className="section-heading">
        Tracked against the bill
      </h2>
      <p className="muted">
        Official {money(month.official, month.currency)}, tracked {money(month.tracked, month.currency)}: difference{' '}
        <strong data-testid="reconciliation-difference">{money(month.difference, month.currency)}</strong> ({percent(month)}).
      </p>
      {reconciliation.basis && <p className="field-hint">Compared: {reconciliation.basis}.</p>}
      <table className="usage">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Official</th>
            <th scope="col">Tracked</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {reconciliation.days.map((day) => (
            <tr key={day.date}>
              <td>{day.date}</td>
              <td>{money(day.official, day.currency)}</td>
              <td>{money(day.tracked, day.currency)}</td>
              <td>
                {money(day.difference, day.currency)}
                {day.difference !== null && ` (${percent(day)})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
