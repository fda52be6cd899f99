import { useState, type FormEvent } from 'react';
import { errorDetails } from '../errors';
import { formatMoney } from '../format';
import { userLocale } from '../hooks';
import { checkCurrency, checkOptionalMoney } from '../model/validation';
import { useSpendbar } from '../store';
import { Field } from './Field';

interface BudgetRow {
  currency: string;
  amount: string;
}

/** The overall monthly budget, one amount per currency (never converted between currencies). */
function BudgetEditor({ budgets }: { budgets: Record<string, string> }) {
  const setPreferences = useSpendbar((state) => state.setPreferences);
  const totals = useSpendbar((state) => state.overview?.totals);
  const [rows, setRows] = useState<BudgetRow[]>(() => {
    const known = new Set([...Object.keys(budgets), ...(totals ?? []).map((total) => total.currency)]);
    if (known.size === 0) known.add('USD');
    return [...known].map((currency) => ({ currency, amount: budgets[currency] ?? '' }));
  });
  const [status, setStatus] = useState<string | null>(null);
  const problems = rows.map((row) => checkCurrency(row.currency) ?? checkOptionalMoney(row.amount, 'A budget'));
  const update = (index: number, changes: Partial<BudgetRow>) => {
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...changes } : row)));
    setStatus(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (problems.some(Boolean)) return;
    try {
      // An empty amount removes that currency's budget.
      await setPreferences({ monthlyBudget: Object.fromEntries(rows.filter((row) => row.amount.trim()).map((row) => [row.currency.trim().toUpperCase(), row.amount.trim()])) });
      setStatus('Saved.');
    } catch (caught) {
      setStatus(errorDetails(caught).message);
    }
  }

  return (
    <form className="settings-form" onSubmit={(event) => void save(event)} aria-label="Monthly budget" noValidate>
      {rows.map((row, index) => (
        <Field key={index} label={`Monthly budget (${row.currency || 'currency'})`} error={problems[index]} hint={index === rows.length - 1 ? 'Empty means no budget.' : undefined}>
          {(props) => <input {...props} inputMode="decimal" placeholder="none" value={row.amount} onChange={(event) => update(index, { amount: event.target.value })} />}
        </Field>
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Save budget
        </button>
        <button type="button" className="link-button" onClick={() => setRows((current) => [...current, { currency: '', amount: '' }])}>
          Another currency
        </button>
        <p className="form-status" role="status" aria-live="polite">
          {status}
        </p>
      </div>
      {rows.some((row) => !Object.hasOwn(budgets, row.currency) && row.currency === '') && (
        <Field label="Currency of the new budget" error={problems.at(-1) && rows.at(-1)?.currency === '' ? null : undefined}>
          {(props) => <input {...props} maxLength={3} value={rows.at(-1)?.currency ?? ''} onChange={(event) => update(rows.length - 1, { currency: event.target.value.toUpperCase() })} />}
        </Field>
      )}
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
