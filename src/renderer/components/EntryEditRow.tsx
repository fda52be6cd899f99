import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { EntryKind, LedgerEntryDto } from '../../shared/api';
import { errorDetails, type ErrorDetails } from '../errors';
import { checkEntryAmount } from '../model/validation';
import { useSpendbar } from '../store';
import { Field, isFieldError } from './Field';
import { KIND_LABELS } from './KindPicker';

/** One entry opened for editing: Enter saves, Escape cancels (without closing the panel around it). */
export function EntryEditRow({ entry, onDone }: { entry: LedgerEntryDto; onDone(): void }) {
  const updateEntry = useSpendbar((state) => state.updateEntry);
  const [kind, setKind] = useState<EntryKind>(entry.kind);
  const [amount, setAmount] = useState(entry.amount);
  const [date, setDate] = useState(entry.date);
  const [note, setNote] = useState(entry.note);
  const [checked, setChecked] = useState(false);
  const [engineError, setEngineError] = useState<ErrorDetails | null>(null);
  const [pending, setPending] = useState(false);
  const amountProblem = checked ? checkEntryAmount(amount, kind) : null;
  const engineFor = (name: string) => (engineError && isFieldError(engineError.field, name) ? engineError.message : null);
  const otherError = engineError && !['amount', 'date', 'note', 'kind'].some((name) => isFieldError(engineError.field, name)) ? engineError.message : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (checkEntryAmount(amount, kind)) return;
    setPending(true);
    try {
      await updateEntry(entry.id, { kind, amount: amount.trim(), date, note: note.trim() });
      onDone();
    } catch (caught) {
      setEngineError(errorDetails(caught));
    } finally {
      setPending(false);
    }
  }

  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  };

  return (
    <li className="entry entry-editing" data-testid="entry-edit-row">
      <form className="entry-edit" onSubmit={(event) => void save(event)} onKeyDown={cancelOnEscape} aria-label="Edit entry" noValidate>
        <Field label="Kind" error={engineFor('kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(event) => setKind(event.target.value as EntryKind)}>
              {(Object.keys(KIND_LABELS) as EntryKind[]).map((value) => (
                <option key={value} value={value}>
                  {KIND_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={`Amount (${entry.currency})`} error={amountProblem ?? engineFor('amount')} testId="edit-amount">
          {(props) => <input {...props} inputMode="decimal" autoComplete="off" autoFocus value={amount} onChange={(event) => setAmount(event.target.value)} />}
        </Field>
        <Field label="Date" error={engineFor('date')}>
          {(props) => <input {...props} type="date" value={date} onChange={(event) => setDate(event.target.value)} />}
        </Field>
        <Field label="Note" error={engineFor('note')}>
          {(props) => <input {...props} maxLength={500} autoComplete="off" value={note} onChange={(event) => setNote(event.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
          {otherError && (
            <p className="field-error" role="alert">
              {otherError}
            </p>
          )}
        </div>
      </form>
    </li>
  );
}
