import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../errors';
import { ONE_DAY_MS, type AlertItem } from '../model/alert-delivery';
import { useSpendbar } from '../store';
import { Icon } from './Icon';

/** One new alert: what happened, and what the user can do about it right here. */
function AlertBanner({ alert, onLeaving }: { alert: AlertItem; onLeaving: (leaving: boolean) => void }) {
  const snoozeAlert = useSpendbar((state) => state.snoozeAlert);
  const dismiss = useSpendbar((state) => state.dismissAlertBanner);
  const openAlertAccount = useSpendbar((state) => state.openAlertAccount);
  const hasAccount = useSpendbar((state) => alert.accountId !== null && Boolean(state.overview?.accounts.some((account) => account.id === alert.accountId)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();

  async function snooze() {
    setBusy(true);
    setError(null);
    try {
      onLeaving(true);
      await snoozeAlert(alert.id, ONE_DAY_MS);
    } catch (caught) {
      onLeaving(false);
      setError(`Could not snooze: ${errorMessage(caught)}`);
      setBusy(false);
    }
  }

  return (
    // Every action names its alert (aria-describedby), since several banners may share the same buttons.
    <div className={`banner alert-banner alert-banner-${alert.kind}`} role="alert" data-testid="alert-banner" data-alert-id={alert.id}>
      <div className="alert-banner-text">
        <strong id={titleId}>{alert.title}</strong>
        {alert.body && <p>{alert.body}</p>}
        {error && <p className="alert-banner-error">{error}</p>}
      </div>
      <div className="alert-banner-actions">
        <button type="button" className="button" disabled={busy} aria-describedby={titleId} onClick={() => void snooze()}>
          Snooze 1 day
        </button>
        {hasAccount && (
          <button
            type="button"
            className="link-button"
            data-focus-key={`alert:${alert.id}`}
            aria-describedby={titleId}
            onClick={() => openAlertAccount(alert, `alert:${alert.id}`)}
          >
            Open account
          </button>
        )}
      </div>
      <button
        type="button"
        className="icon-button alert-banner-dismiss"
        aria-label="Dismiss"
        aria-describedby={titleId}
        onClick={() => {
          onLeaving(true);
          dismiss(alert.id);
        }}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

/**
 * Alerts that arrived while this page is open (model/alert-delivery.ts decides which): in the browser
 * when notifications are not allowed, and always in Electron's popover (main has notified natively).
 */
export function AlertBanners() {
  const banners = useSpendbar((state) => state.alertBanners);
  const container = useRef<HTMLDivElement>(null);
  // Set while a banner goes away by the user's hand, so focus does not fall back to the page's start;
  // acted on once the list is shorter (other overviews may re-render it meanwhile).
  const refocus = useRef(false);
  const shownCount = useRef(banners.length);
  useEffect(() => {
    const shrank = banners.length < shownCount.current;
    shownCount.current = banners.length;
    if (!refocus.current || !shrank) return;
    refocus.current = false;
    const next = container.current?.querySelector<HTMLElement>('.alert-banner button:not(:disabled)');
    (next ?? document.getElementById('alerts-heading'))?.focus();
  }, [banners]);

  if (banners.length === 0) return null;
  return (
    <section className="banners" aria-label="New alerts" ref={container}>
      {banners.map((alert) => (
        <AlertBanner key={alert.id} alert={alert} onLeaving={(leaving) => (refocus.current = leaving)} />
      ))}
    </section>
  );
}
