import { useEffect, useState, type FormEvent } from 'react';
import type { AlertSettingsDto } from '../../shared/api';
import { errorDetails, type ErrorDetails } from '../errors';
import { checkAlertSettings, draftFrom, fieldOfEngineError, settingsRequest, type AlertSettingsDraft, type AlertSettingsField } from '../model/alert-settings';
import { useSpendbar } from '../store';
import { Field } from './Field';

/** How new alerts reach the user from this page, and the button that asks the browser for permission. */
function NotificationAccessNote() {
  const access = useSpendbar((state) => state.notificationAccess);
  const requestNotifications = useSpendbar((state) => state.requestNotifications);
  const readNotificationAccess = useSpendbar((state) => state.readNotificationAccess);
  const [error, setError] = useState<string | null>(null);
  // The user may have changed the site's permission in the browser since the page loaded.
  useEffect(() => readNotificationAccess(), [readNotificationAccess]);
  const note = {
    host: 'Each new alert raises a desktop notification.',
    granted: 'New alerts raise a desktop notification from this browser while the page is open.',
    default: 'New alerts show as banners on this page. Notifications can reach you while the page is in the background.',
    denied: 'This browser blocks notifications for this page, so new alerts show as banners here. Allow them in the site settings to change that.',
    unsupported: 'This browser has no desktop notifications, so new alerts show as banners here.',
  }[access];
  return (
    <div className="notification-access">
      <p className="field-hint" data-testid="notification-access">
        {note}
      </p>
      {access === 'default' && (
        <button
          type="button"
          className="button"
          onClick={() => requestNotifications().then(() => setError(null), (caught: unknown) => setError(errorDetails(caught).message))}
        >
          Enable notifications
        </button>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function AlertSettingsForm({ settings }: { settings: AlertSettingsDto }) {
  const saveAlertSettings = useSpendbar((state) => state.saveAlertSettings);
  const [draft, setDraft] = useState<AlertSettingsDraft>(() => draftFrom(settings));
  const [engineError, setEngineError] = useState<ErrorDetails | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const problems = checkAlertSettings(draft);
  const errorFor = (field: AlertSettingsField) => problems[field] ?? (engineError && fieldOfEngineError(engineError.field) === field ? engineError.message : null);
  const update = (changes: Partial<AlertSettingsDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setEngineError(null);
    setStatus(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    if (Object.keys(problems).length > 0) {
      setStatus('Check the fields marked above.');
      return;
    }
    try {
      await saveAlertSettings(settingsRequest(draft));
      setStatus('Saved.');
    } catch (caught) {
      const details = errorDetails(caught);
      setEngineError(details);
      // An error tied to a field shows beside it; any other is said here. The typed values stay either way.
      if (!fieldOfEngineError(details.field)) setStatus(details.message);
    }
  }

  return (
    <form className="settings-form" aria-label="Alert settings" noValidate onSubmit={(event) => void save(event)} data-testid="alert-settings">
      <label className="checkbox field-wide">
        <input type="checkbox" checked={draft.quietEnabled} aria-describedby="quiet-hours-help" onChange={(event) => update({ quietEnabled: event.target.checked })} />
        Quiet hours
      </label>
      <p id="quiet-hours-help" className="field-hint field-wide">
        Alerts raised in this window are delivered when it ends, or dropped if resolved by then.
      </p>
      <Field label="Quiet from" error={draft.quietEnabled ? errorFor('quietStart') : null} testId="quiet-start">
        {(props) => <input {...props} type="time" disabled={!draft.quietEnabled} value={draft.quietStart} onChange={(event) => update({ quietStart: event.target.value })} />}
      </Field>
      <Field label="Quiet until" error={draft.quietEnabled ? errorFor('quietEnd') : null} testId="quiet-end">
        {(props) => <input {...props} type="time" disabled={!draft.quietEnabled} value={draft.quietEnd} onChange={(event) => update({ quietEnd: event.target.value })} />}
      </Field>
      <Field
        label="Reconciliation difference (%)"
        error={errorFor('reconciliationPercent')}
        hint="Alert when an account’s official and estimated spend differ by more than this percentage…"
        testId="reconciliation-percent"
      >
        {(props) => <input {...props} inputMode="decimal" value={draft.reconciliationPercent} onChange={(event) => update({ reconciliationPercent: event.target.value })} />}
      </Field>
      <Field label="…and by at least" error={errorFor('reconciliationFloor')} hint="In the account’s currency, so cents never alert." testId="reconciliation-floor">
        {(props) => <input {...props} inputMode="decimal" value={draft.reconciliationFloor} onChange={(event) => update({ reconciliationFloor: event.target.value })} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Save alert settings
        </button>
        <p className="form-status" role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </form>
  );
}

/** Settings' Alerts section: notifications, quiet hours and the reconciliation tolerance. */
export function AlertSettings() {
  const settings = useSpendbar((state) => state.alertSettings);
  const error = useSpendbar((state) => state.alertSettingsError);
  const loadAlertSettings = useSpendbar((state) => state.loadAlertSettings);
  // The form starts from a fresh read (the CLI or another window may have changed them), then keeps what
  // the user types: later reloads never overwrite the draft.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let open = true;
    void loadAlertSettings().then(() => open && setLoaded(true));
    return () => {
      open = false;
    };
  }, [loadAlertSettings]);
  return (
    <section aria-labelledby="alert-settings-heading">
      <h2 id="alert-settings-heading" className="section-heading">
        Alerts
      </h2>
      <NotificationAccessNote />
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {loaded && settings && <AlertSettingsForm settings={settings} />}
    </section>
  );
}
