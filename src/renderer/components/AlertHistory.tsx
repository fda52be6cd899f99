import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../errors';
import { formatClockTime } from '../format';
import { useNow, userLocale } from '../hooks';
import { isSnoozed, SNOOZE_OPTIONS, type AlertItem } from '../model/alert-delivery';
import { useSpendbar } from '../store';

/**
 * Snooze or unsnooze one alert. The engine snoozes the alert's rule, so every alert of that rule in the
 * list shows the same "Snoozed until". A native disclosure keeps it to one tab stop per alert.
 */
function AlertSnooze({ alert, titleId, now }: { alert: AlertItem; titleId: string; now: number }) {
  const snoozeAlert = useSpendbar((state) => state.snoozeAlert);
  const unsnoozeAlert = useSpendbar((state) => state.unsnoozeAlert);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const snoozed = isSnoozed(alert, now);
  const unsnoozeButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLElement>(null);
  // The control the user pressed disappears once the answer lands; focus goes to its counterpart.
  const acted = useRef(false);
  useEffect(() => {
    if (!acted.current) return;
    acted.current = false;
    (snoozed ? unsnoozeButton.current : summary.current)?.focus();
  }, [snoozed]);

  /** `durationMs` null lifts the snooze. */
  async function snoozeFor(durationMs: number | null) {
    setBusy(true);
    setError(null);
    try {
      acted.current = true;
      await (durationMs === null ? unsnoozeAlert(alert.id) : snoozeAlert(alert.id, durationMs));
    } catch (caught) {
      acted.current = false;
      setError(`Could not change the snooze: ${errorMessage(caught)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {snoozed ? (
        <p className="alert-body alert-snoozed">
          <span>Snoozed until {formatClockTime(alert.snoozedUntil!, now, userLocale())}</span>
          <button type="button" className="link-button" ref={unsnoozeButton} disabled={busy} aria-describedby={titleId} onClick={() => void snoozeFor(null)}>
            Unsnooze
          </button>
        </p>
      ) : (
        <details className="alert-snooze">
          <summary ref={summary} aria-describedby={titleId}>
            Snooze
          </summary>
          <div className="alert-snooze-options" role="group" aria-label="Snooze for">
            {SNOOZE_OPTIONS.map((option) => (
              <button key={option.label} type="button" className="button" disabled={busy} onClick={() => void snoozeFor(option.ms)}>
                {option.label}
              </button>
            ))}
          </div>
        </details>
      )}
      {error && <p className="field-error">{error}</p>}
    </>
  );
}

function AlertHistoryItem({ alert, now }: { alert: AlertItem; now: number }) {
  const titleId = useId();
  return (
    <li className={`alert alert-${alert.kind}`} data-alert-id={alert.id}>
      <div className="alert-top">
        <strong className="alert-title" id={titleId}>
          {alert.title}
        </strong>
        <time className="alert-time" dateTime={alert.raisedAt}>
          {formatClockTime(alert.raisedAt, now, userLocale())}
        </time>
      </div>
      {alert.body && <p className="alert-body">{alert.body}</p>}
      <AlertSnooze alert={alert} titleId={titleId} now={now} />
    </li>
  );
}

/** Alerts the engine raised (low balance, runway, budget), newest first; rendered whatever their kind. */
export function AlertHistory() {
  const alerts = useSpendbar((state) => state.overview?.alerts);
  const now = useNow(60_000);
  if (!alerts || alerts.length === 0) return null;
  const newestFirst = [...alerts].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  return (
    <section aria-labelledby="alerts-heading" data-testid="alert-history">
      {/* Focusable, so focus has somewhere to go when the last banner above is dismissed or snoozed. */}
      <h2 id="alerts-heading" className="section-heading" tabIndex={-1}>
        Alerts
      </h2>
      <ul className="alerts">
        {newestFirst.map((alert) => (
          <AlertHistoryItem key={alert.id} alert={alert} now={now} />
        ))}
      </ul>
    </section>
  );
}
