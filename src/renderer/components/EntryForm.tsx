import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { EntryKind } from '../../shared/api';
import { errorDetails, type ErrorDetails } from '../errors';
import { localIsoDate } from '../format';
import { providerGroupsForEntry } from '../providers';
import { useSpendbar } from '../store';

const KINDS: { value: EntryKind; label: string }[] = [
  { value: 'spend', label: 'Spend' },
  { value: 'topup', label: 'Top-up' },
  { value: 'balance', label: 'Known balance' },
];
const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'JPY'];
type FieldName = 'provider' | 'kind' | 'amount' | 'currency' | 'date' | 'note';
const FIELDS: readonly string[] = ['provider', 'kind', 'amount', 'currency', 'date', 'note'];

interface FieldProps {
  name: FieldName;
  label: string;
  error: ErrorDetails | null;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled control whose engine-side error (error.field) is shown right beside it. */
function Field({ name, label, error, children }: FieldProps) {
  const id = `${useId()}-${name}`;
  const invalid = error?.field === name;
  return (
    <div className={`field field-${name}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': invalid, ...(invalid ? { 'aria-describedby': `${id}-error` } : {}) })}
      {invalid && (
        <p id={`${id}-error`} className="field-error" data-testid={`error-${name}`}>
          {error.message}
        </p>
      )}
    </div>
  );
}

/** Records spend, a top-up or a known balance for a provider that has no billing API (or any other). */
export function EntryForm() {
  const providers = useSpendbar((state) => state.providers);
  const addEntry = useSpendbar((state) => state.addEntry);
  const groups = providerGroupsForEntry(providers);

  const [provider, setProvider] = useState('');
  const [kind, setKind] = useState<EntryKind>('spend');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [date, setDate] = useState(() => localIsoDate(new Date()));
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorDetails | null>(null);
  const [pending, setPending] = useState(false);
  const [added, setAdded] = useState(false);

  // Until the user picks one, the first provider in the list is the choice shown by the select.
  const chosenProvider = provider || groups[0]?.providers[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setAdded(false);
    try {
      await addEntry({
        provider: chosenProvider,
        kind,
        amount: amount.trim(),
        currency: currency.trim().toUpperCase() || undefined,
        date: date || undefined,
        note: note.trim() || undefined,
      });
      // Keep provider, kind, currency and date: several entries in a row usually share them.
      setAmount('');
      setNote('');
      setError(null);
      setAdded(true);
    } catch (caught) {
      // Everything typed stays in the form so the user only fixes the field at fault.
      setError(errorDetails(caught));
    } finally {
      setPending(false);
    }
  }

  const formError = error && !(error.field && FIELDS.includes(error.field)) ? error : null;

  return (
    <form className="entry-form" onSubmit={(event) => void submit(event)} aria-label="Add entry" noValidate>
      <Field name="provider" label="Provider" error={error}>
        {(props) => (
          <select {...props} value={chosenProvider} onChange={(event) => setProvider(event.target.value)}>
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
      <Field name="kind" label="Kind" error={error}>
        {(props) => (
          <select {...props} value={kind} onChange={(event) => setKind(event.target.value as EntryKind)}>
            {KINDS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="amount" label={kind === 'balance' ? 'Balance' : 'Amount'} error={error}>
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            autoComplete="off"
            placeholder="12.50"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
        )}
      </Field>
      <Field name="currency" label="Currency" error={error}>
        {(props) => (
          <>
            <input
              {...props}
              list={`${props.id}-list`}
              autoComplete="off"
              spellCheck={false}
              maxLength={3}
              value={currency}
              onChange={(event) => setCurrency(event.target.value.toUpperCase())}
            />
            <datalist id={`${props.id}-list`}>
              {COMMON_CURRENCIES.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field name="date" label="Date" error={error}>
        {(props) => <input {...props} type="date" value={date} onChange={(event) => setDate(event.target.value)} />}
      </Field>
      <Field name="note" label="Note" error={error}>
        {(props) => (
          <input {...props} maxLength={500} autoComplete="off" value={note} onChange={(event) => setNote(event.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending || !chosenProvider}>
          {pending ? 'Adding…' : 'Add entry'}
        </button>
        <p className="form-status" role="status" aria-live="polite">
          {formError ? <span className="field-error">{formError.message}</span> : added ? 'Added.' : ''}
        </p>
      </div>
    </form>
  );
}
