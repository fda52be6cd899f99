import { useState, type FormEvent } from 'react';
import type { EntryKind, LedgerEntryDto, ProviderInfo } from '../../shared/api';
import { errorDetails, type ErrorDetails } from '../errors';
import { localIsoDate } from '../format';
import { checkCurrency, checkEntryAmount } from '../model/validation';
import { providerGroupsForEntry } from '../providers';
import { useSpendbar } from '../store';
import type { EntryDraft } from '../store-entries';
import { Field, isFieldError } from './Field';
import { KindPicker } from './KindPicker';

const FIELDS = ['provider', 'kind', 'amount', 'currency', 'date', 'note'];

/**
 * The provider the form starts with: the one chosen in this session (or by the account detail view that
 * opened the form), else the newest entry's, so it is remembered, else the first without a billing API.
 */
export function initialProvider(draft: EntryDraft, entries: readonly LedgerEntryDto[], providers: readonly ProviderInfo[]): string {
  const newest = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return draft.provider ?? newest?.provider ?? providerGroupsForEntry(providers)[0]?.providers[0]?.id ?? '';
}

/** The currency a new entry for this provider most likely has: its last entry's, else USD. */
function usualCurrency(provider: string, entries: readonly LedgerEntryDto[]): string {
  return [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).find((entry) => entry.provider === provider)?.currency ?? 'USD';
}

/** Records spend, a top-up or a known balance in a few keystrokes: amount, Enter. */
export function EntryForm() {
  const providers = useSpendbar((state) => state.providers);
  const entries = useSpendbar((state) => state.entries);
  const draft = useSpendbar((state) => state.entryDraft);
  const setDraft = useSpendbar((state) => state.setEntryDraft);
  const addEntry = useSpendbar((state) => state.addEntry);
  const [engineError, setEngineError] = useState<ErrorDetails | null>(null);
  const [checked, setChecked] = useState(false);
  const [pending, setPending] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  const provider = initialProvider(draft, entries, providers);
  const currency = draft.currency ?? usualCurrency(provider, entries);
  const date = draft.date || localIsoDate(new Date());
  // Instant checks once the user has tried to submit (not while they are still typing the first time).
  const amountProblem = checked ? checkEntryAmount(draft.amount, draft.kind) : null;
  const currencyProblem = checked ? checkCurrency(currency) : null;
  const engineFor = (name: string) => (engineError && isFieldError(engineError.field, name) ? engineError.message : null);
  const formError = engineError && !(engineError.field && FIELDS.some((name) => isFieldError(engineError.field, name))) ? engineError.message : null;

  const change = (changes: Partial<EntryDraft>) => {
    setDraft(changes);
    setAdded(null);
    // The engine's message was about the old value; a new value deserves a fresh verdict.
    if (engineError && Object.keys(changes).some((name) => isFieldError(engineError.field, name))) setEngineError(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (checkEntryAmount(draft.amount, draft.kind) || checkCurrency(currency)) return;
    setPending(true);
    try {
      await addEntry({
        provider,
        ...(draft.account ? { account: draft.account } : {}),
        kind: draft.kind,
        amount: draft.amount.trim(),
        currency: currency.trim().toUpperCase(),
        date,
        note: draft.note.trim() || undefined,
      });
      // Provider, kind, currency and date stay: several entries in a row usually share them.
      setDraft({ provider, currency, amount: '', note: '' });
      setEngineError(null);
      setChecked(false);
      setAdded(`Added ${draft.amount.trim()} ${currency}.`);
    } catch (caught) {
      // Everything typed stays in the form so the user only fixes the field at fault.
      setEngineError(errorDetails(caught));
    } finally {
      setPending(false);
    }
  }

  const groups = providerGroupsForEntry(providers);
  return (
    <form className="entry-form" onSubmit={(event) => void submit(event)} aria-label="Add entry" noValidate>
      <Field label="Provider" error={engineFor('provider')} testId="provider" className="field-wide" hint={draft.account ? `Account: ${draft.account}` : undefined}>
        {(props) => (
          <select {...props} value={provider} onChange={(event) => change({ provider: event.target.value, account: undefined, currency: undefined })}>
            {groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.providers.map((info) => (
                  <option key={info.id} value={info.id}>
                    {info.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <KindPicker value={draft.kind} onChange={(kind: EntryKind) => change({ kind })} error={engineFor('kind')} />
      <Field label={draft.kind === 'balance' ? 'Balance' : 'Amount'} error={amountProblem ?? engineFor('amount')} testId="amount">
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            autoComplete="off"
            placeholder="12.50"
            autoFocus
            value={draft.amount}
            onChange={(event) => change({ amount: event.target.value })}
            // Leaving a filled-in field is a good moment to say what is wrong with it.
            onBlur={() => setChecked((already) => already || draft.amount.trim() !== '')}
          />
        )}
      </Field>
      <Field label="Currency" error={currencyProblem ?? engineFor('currency')} testId="currency">
        {(props) => (
          <input {...props} autoComplete="off" spellCheck={false} maxLength={3} value={currency} onChange={(event) => change({ currency: event.target.value.toUpperCase() })} />
        )}
      </Field>
      <Field label="Date" error={engineFor('date')} testId="date">
        {(props) => <input {...props} type="date" value={date} onChange={(event) => change({ date: event.target.value })} />}
      </Field>
      <Field label="Note" error={engineFor('note')} testId="note">
        {(props) => <input {...props} maxLength={500} autoComplete="off" placeholder="optional" value={draft.note} onChange={(event) => change({ note: event.target.value })} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending || !provider}>
          {pending ? 'Adding…' : 'Add entry'}
        </button>
        <p className="form-status" role="status" aria-live="polite">
          {formError ? <span className="field-error">{formError}</span> : added}
        </p>
      </div>
    </form>
  );
}
