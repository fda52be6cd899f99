import { useId } from 'react';
import type { EntryKind } from '../../shared/api';

export const KIND_LABELS: Record<EntryKind, string> = { spend: 'Spend', topup: 'Top-up', balance: 'Balance' };

const KINDS: { value: EntryKind; label: string; hint: string }[] = [
  { value: 'spend', label: 'Spend', hint: 'Money used this month (for providers without a spend API)' },
  { value: 'topup', label: 'Top-up', hint: 'Credit you bought or were granted' },
  { value: 'balance', label: 'Balance', hint: 'The balance the console shows now (may be zero or negative)' },
];

/** Spend, top-up or known balance as one radio group: arrow keys switch, no dropdown to open. */
export function KindPicker({ value, onChange, error }: { value: EntryKind; onChange(kind: EntryKind): void; error: string | null }) {
  const name = useId();
  return (
    <fieldset className="kind-picker field-wide" aria-describedby={error ? `${name}-error` : undefined}>
      <legend>Kind</legend>
      <div className="segmented">
        {KINDS.map((kind) => (
          <label key={kind.value} title={kind.hint}>
            <input type="radio" name={name} value={kind.value} checked={value === kind.value} onChange={() => onChange(kind.value)} />
            <span>{kind.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} className="field-error" data-testid="error-kind">
          {error}
        </p>
      )}
    </fieldset>
  );
}
