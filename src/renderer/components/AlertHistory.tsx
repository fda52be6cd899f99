import { formatClockTime } from '../format';
import { useNow, userLocale } from '../hooks';
import { useSpendbar } from '../store';

/** Alerts the engine raised (low balance, runway, budget), newest first; rendered whatever their kind. */
export function AlertHistory() {
  const alerts = useSpendbar((state) => state.overview?.alerts);
  const now = useNow(60_000);
  if (!alerts || alerts.length === 0) return null;
  const newestFirst = [...alerts].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  return (
    <section aria-labelledby="alerts-heading" data-testid="alert-history">
      <h2 id="alerts-heading" className="section-heading">
        Alerts
      </h2>
      <ul className="alerts">
        {newestFirst.map((alert) => (
          <li key={alert.id} className={`alert alert-${alert.kind}`}>
            <div className="alert-top">
              <strong className="alert-title">{alert.title}</strong>
              <time className="alert-time" dateTime={alert.raisedAt}>
                {formatClockTime(alert.raisedAt, now, userLocale())}
              </time>
            </div>
            {alert.body && <p className="alert-body">{alert.body}</p>}
            {alert.snoozedUntil && Date.parse(alert.snoozedUntil) > now && (
              <p className="alert-body">Snoozed until {formatClockTime(alert.snoozedUntil, now, userLocale())}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
