import { useState, type FormEvent } from 'react';
import { errorDetails } from '../errors';
import { formatMoney } from '../format';
import { userLocale } from '../hooks';
import { checkCurrency, checkOptionalMoney } from '../model/validation';
import { useSpendbar } from '../store';
import { Field } from './Field';
import { GlanceSettings } from './GlanceSettings';

interface BudgetRow {
  currency: string;
  amount: string;
  /** Rows for currencies already known have a fixed currency; added rows let the user type one. */
  fixed: boolean;
}

/** The overall monthly budget, one amount per currency (never converted between currencies). */
function BudgetEditor({ budgets }: { budgets: Record<string, string> }) {
  const setPreferences = useSpendbar((state) => state.setPreferences);
  const totals = useSpendbar((state) => state.overview?.totals);
  // One row per currency that has a budget or spend; the user may add another.
  const [rows, setRows] = useState<BudgetRow[]>(() => {
    const known = new Set([...Object.keys(budgets), ...(totals ?? []).map((total) => total.currency)]);
    if (known.size === 0) known.add('USD');
    return [...known].map((currency) => ({ currency, amount: budgets[currency] ?? '', fixed: true }));
  });
  const [status, setStatus] = useState<string | null>(null);
  const problems = rows.map((row) => ({
    currency: row.fixed || (row.currency === '' && row.amount === '') ? null : checkCurrency(row.currency),
    amount: checkOptionalMoney(row.amount, 'A budget'),
  }));
  const update = (index: number, changes: Partial<BudgetRow>) => {
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...changes } : row)));
    setStatus(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (problems.some((problem) => problem.currency || problem.amount)) return;
    try {
      // An empty amount removes that currency's budget.
      const filledRows = rows.filter((row) => row.amount.trim() && row.currency.trim());
      await setPreferences({ monthlyBudget: Object.fromEntries(filledRows.map((row) => [row.currency.trim().toUpperCase(), row.amount.trim()])) });
      setStatus('Saved.');
    } catch (caught) {
      setStatus(errorDetails(caught).message);
    }
  }

  return (
    <form className="settings-form" onSubmit={(event) => void save(event)} aria-label="Monthly budget" noValidate>
      {rows.map((row, index) =>
        row.fixed ? (
          <Field key={index} className="field-wide" label={`Monthly budget in ${row.currency}`} error={problems[index]!.amount} testId={`budget-${row.currency}`}>
            {(props) => <input {...props} inputMode="decimal" placeholder="no budget" value={row.amount} onChange={(event) => update(index, { amount: event.target.value })} />}
          </Field>
        ) : (
          <div key={index} className="field-wide budget-new">
            <Field label="Currency" error={problems[index]!.currency}>
              {(props) => <input {...props} maxLength={3} placeholder="EUR" value={row.currency} onChange={(event) => update(index, { currency: event.target.value.toUpperCase() })} />}
            </Field>
            <Field label="Monthly budget" error={problems[index]!.amount}>
              {(props) => <input {...props} inputMode="decimal" placeholder="no budget" value={row.amount} onChange={(event) => update(index, { amount: event.target.value })} />}
            </Field>
          </div>
        ),
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Save budget
        </button>
        <button type="button" className="link-button" onClick={() => setRows((current) => [...current, { currency: '', amount: '', fixed: false }])}>
          Add a currency
        </button>
        <p className="form-status" role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </form>
  );
}

/** Launch at login, budgets and how numbers look. */
export function Preferences() {
  const preferences = useSpendbar((state) => state.preferences);
  const setPreferences = useSpendbar((state) => state.setPreferences);
  const [error, setError] = useState<string | null>(null);
  const locale = userLocale();
  if (!preferences) return null;
  return (
    <>
      <section aria-labelledby="budget-heading">
        <h2 id="budget-heading" className="section-heading">
          Budget
        </h2>
        <BudgetEditor budgets={preferences.monthlyBudget} />
      </section>
      <GlanceSettings preferences={preferences} />
      <section aria-labelledby="general-heading">
        <h2 id="general-heading" className="section-heading">
          General
        </h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={preferences.launchAtLogin}
            disabled={!preferences.launchAtLoginAvailable}
            aria-describedby="launch-help"
            onChange={(event) => setPreferences({ launchAtLogin: event.target.checked }).then(() => setError(null), (caught: unknown) => setError(errorDetails(caught).message))}
          />
          Launch Spendbar at login
        </label>
        <p id="launch-help" className="field-hint">
          {preferences.launchAtLoginAvailable
            ? 'Starts the menu-bar app when you sign in.'
            : 'Only the desktop app can start at login; this browser page cannot.'}
        </p>
        {error && <p className="field-error">{error}</p>}
        <p className="field-hint">
          Numbers and dates follow your system&rsquo;s format ({locale}): {formatMoney('1234.5', 'USD', { precision: 'total', locale })}.
        </p>
      </section>
    </>
  );
}
