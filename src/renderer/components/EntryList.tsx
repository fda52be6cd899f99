import { useEffect, useRef, useState } from 'react';
import type { LedgerEntryDto } from '../../shared/api';
import { formatEntryDate, formatMoney } from '../format';
import { useNow, userLocale } from '../hooks';
import { useSpendbar } from '../store';
import { EntryEditRow } from './EntryEditRow';
import { Icon } from './Icon';
import { KIND_LABELS } from './KindPicker';

/** Newest date first; same-day entries newest first too, so what was just added is at the top. */
function byNewest(a: LedgerEntryDto, b: LedgerEntryDto): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);
}

/** After a delete, focus moves to Undo, so the row vanishing does not drop keyboard focus on the page. */
function UndoBar() {
  const lastDeleted = useSpendbar((state) => state.lastDeleted);
  const undoDelete = useSpendbar((state) => state.undoDelete);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (lastDeleted) button.current?.focus();
  }, [lastDeleted]);
  if (!lastDeleted) return null;
  return (
    <p className="undo" role="status" data-testid="undo-bar">
      Entry deleted.{' '}
      <button type="button" className="link-button" ref={button} onClick={() => void undoDelete()}>
        Undo
      </button>
    </p>
  );
}

function EntryRow({ entry, now, onEdit }: { entry: LedgerEntryDto; now: number; onEdit(): void }) {
  const providers = useSpendbar((state) => state.providers);
  const deleteEntry = useSpendbar((state) => state.deleteEntry);
  const locale = userLocale();
  const money = formatMoney(entry.amount, entry.currency, { locale });
  const name = providers.find((provider) => provider.id === entry.provider)?.name ?? entry.provider;
  const what = `${KIND_LABELS[entry.kind].toLowerCase()} of ${money} for ${name} on ${entry.date}`;
  return (
    <li className="entry" data-testid="entry-row" data-entry-id={entry.id}>
      <time className="entry-date" dateTime={entry.date}>
        {formatEntryDate(entry.date, now, locale)}
      </time>
      <span className="entry-what">
        {name}
        {entry.account !== 'default' && <span className="account-label">{entry.account}</span>}
        <span className="entry-kind">{KIND_LABELS[entry.kind]}</span>
        {entry.note && <span className="entry-note">{entry.note}</span>}
      </span>
      <span className="entry-amount">{money}</span>
      <span className="entry-actions">
        <button type="button" className="icon-button" aria-label={`Edit ${what}`} title="Edit" onClick={onEdit}>
          <Icon name="edit" size={14} />
        </button>
        <button type="button" className="icon-button icon-button-danger" aria-label={`Delete ${what}`} title="Delete" onClick={() => void deleteEntry(entry.id)}>
          <Icon name="trash" size={14} />
        </button>
      </span>
    </li>
  );
}

/** Hand-entered spend, top-ups and balances: each editable in place and deletable with Undo. */
export function EntryList({ entries, emptyText = 'No entries yet.' }: { entries: readonly LedgerEntryDto[]; emptyText?: string }) {
  const entriesError = useSpendbar((state) => state.entriesError);
  const [editing, setEditing] = useState<string | null>(null);
  const now = useNow(60 * 60_000);

  return (
    <div className="entries">
      {entriesError && (
        <p className="banner banner-error" role="alert">
          {entriesError}
        </p>
      )}
      <UndoBar />
      {entries.length === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <ul className="entry-list" aria-label="Entries">
          {[...entries].sort(byNewest).map((entry) =>
            editing === entry.id ? (
              <EntryEditRow key={entry.id} entry={entry} onDone={() => setEditing(null)} />
            ) : (
              <EntryRow key={entry.id} entry={entry} now={now} onEdit={() => setEditing(entry.id)} />
            ),
          )}
        </ul>
      )}
    </div>
  );
}
