import { useState, type FormEvent } from 'react';
import type { ApiRequest, Preferences, TrayTitle } from '../../shared/api';
import { errorDetails } from '../errors';
import { useSpendbar } from '../store';
import { Field } from './Field';

type Save = (request: ApiRequest<'setPreferences'>) => Promise<void>;

const TITLE_FORMATS: { value: TrayTitle['format']; label: string }[] = [
  { value: 'total', label: 'Month-to-date total' },
  { value: 'total-runway', label: 'Total and shortest runway' },
  { value: 'lowest-balance', label: 'Lowest balance' },
  { value: 'none', label: 'Nothing (icon only)' },
];

function rateHint(preferences: Preferences, code: string): string {
  const yours = preferences.userRates?.[code];
  if (yours) return `Yours, set on ${yours.setOn}.`;
  const quoted = preferences.referenceCurrencies ?? [];
  return quoted.includes(code) && quoted.includes(preferences.displayCurrency!) ? 'Empty: the reference rate.' : 'No reference rate: left out of the total until you set one.';
}

/** One rate per currency spent in, for currencies the reference rates miss or the user prices otherwise. */
function UserRates({ preferences, save }: { preferences: Preferences; save: Save }) {
  const totals = useSpendbar((state) => state.overview?.totals);
  const display = preferences.displayCurrency!;
  const currencies = [...new Set([...(totals ?? []).map((total) => total.currency), ...Object.keys(preferences.userRates ?? {})])].filter((code) => code !== display);
  const [rates, setRates] = useState<Record<string, string>>(() => Object.fromEntries(currencies.map((code) => [code, preferences.userRates?.[code]?.rate ?? ''])));
  const [status, setStatus] = useState<string | null>(null);
  if (currencies.length === 0) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await save({ userRates: rates });
      setStatus('Saved.');
    } catch (caught) {
      setStatus(errorDetails(caught).message);
    }
  }
  return (
    <form className="settings-form" aria-label="Your exchange rates" onSubmit={(event) => void submit(event)} noValidate>
      {currencies.map((code) => (
        <Field key={code} label={`1 ${code} in ${display}`} hint={rateHint(preferences, code)} testId={`rate-${code}`}>
          {(props) => <input {...props} inputMode="decimal" placeholder="reference rate" value={rates[code] ?? ''} onChange={(event) => setRates({ ...rates, [code]: event.target.value })} />}
        </Field>
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Save rates
        </button>
        <p className="form-status" role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </form>
  );
}

function ShortcutForm({ preferences, save }: { preferences: Preferences; save: Save }) {
  const [shortcut, setShortcut] = useState(preferences.shortcut ?? '');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const available = preferences.shortcutAvailable ?? false;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await save({ shortcut: shortcut.trim() === '' ? null : shortcut.trim() });
      setError(null);
      setStatus(shortcut.trim() === '' ? 'No shortcut.' : 'Registered.');
    } catch (caught) {
      setError(errorDetails(caught).message);
      setStatus(null);
    }
  }
  return (
    <form className="settings-form" aria-label="Shortcut" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        className="field-wide"
        label="Shortcut to open and close Spendbar"
        error={error}
        testId="shortcut"
        hint={available ? 'For example CommandOrControl+Shift+S. Empty: none.' : 'Only the desktop app can have a global shortcut; this browser page cannot.'}
      >
        {(props) => <input {...props} disabled={!available} placeholder="none" value={shortcut} onChange={(event) => setShortcut(event.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={!available}>
          Save shortcut
        </button>
        <p className="form-status" role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </form>
  );
}

/** The display currency of the approximate total, the rates behind it, the tray title and the shortcut. */
export function GlanceSettings({ preferences }: { preferences: Preferences }) {
  const setPreferences = useSpendbar((state) => state.setPreferences);
  const [error, setError] = useState<string | null>(null);
  const saveNow = (request: ApiRequest<'setPreferences'>) => setPreferences(request).then(() => setError(null), (caught: unknown) => setError(errorDetails(caught).message));
  const title = preferences.trayTitle ?? { format: 'total', precision: 'cents' };
  const currencies = preferences.referenceCurrencies ?? [];
  return (
    <section aria-labelledby="glance-heading">
      <h2 id="glance-heading" className="section-heading">
        Currency and menu bar
      </h2>
      <div className="settings-form">
        <Field
          className="field-wide"
          label="Display currency"
          hint={`Adds an approximate total in this currency. A budget in this currency is held against it; other budgets, alerts and exports keep each account's own currency. Reference rates: ECB of ${preferences.referenceDate ?? 'unknown date'}.`}
        >
          {(props) => (
            <select {...props} value={preferences.displayCurrency ?? ''} onChange={(event) => void saveNow({ displayCurrency: event.target.value || null })}>
              <option value="">None (native currencies only)</option>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox field-wide">
          <input type="checkbox" checked={preferences.ratesRefresh ?? false} aria-describedby="rates-refresh-help" onChange={(event) => void saveNow({ ratesRefresh: event.target.checked })} />
          Refresh exchange rates daily
        </label>
        <p id="rates-refresh-help" className="field-hint field-wide">
          Off: Spendbar uses the rates it ships with. On: one request a day to a public rates service, the only traffic beyond your providers.
        </p>
        <Field label="Menu bar shows">
          {(props) => (
            <select {...props} value={title.format} onChange={(event) => void saveNow({ trayTitle: { format: event.target.value as TrayTitle['format'] } })}>
              {TITLE_FORMATS.map((format) => (
                <option key={format.value} value={format.value}>
                  {format.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Amounts in the menu bar">
          {(props) => (
            <select {...props} value={title.precision} onChange={(event) => void saveNow({ trayTitle: { precision: event.target.value as TrayTitle['precision'] } })}>
              <option value="cents">With cents</option>
              <option value="whole">Whole units</option>
            </select>
          )}
        </Field>
        {error && <p className="field-error field-wide">{error}</p>}
      </div>
      {preferences.displayCurrency && <UserRates key={preferences.displayCurrency} preferences={preferences} save={setPreferences} />}
      <ShortcutForm preferences={preferences} save={setPreferences} />
    </section>
  );
}
