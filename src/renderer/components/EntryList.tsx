import type { EntryKind, LedgerEntryDto } from '../../shared/api';
import { formatEntryDate, formatMoney } from '../format';
import { useNow, userLocale } from '../hooks';
import { useSpendbar } from '../store';

const KIND_LABELS: Record<EntryKind, string> = { spend: 'Spend', topup: 'Top-up', balance: 'Balance' };

/** Newest date first; same-day entries newest first too, so what was just added is at the top. */
function byNewest(a: LedgerEntryDto, b: LedgerEntryDto): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);
}

function UndoBar() {
  const lastDeleted = useSpendbar((state) => state.lastDeleted);
  const undoDelete = useSpendbar((state) => state.undoDelete);
  if (!lastDeleted) return null;
  return (
    <p className="undo" role="status">
      Entry deleted.{' '}
      <button type="button" className="link-button" onClick={() => void undoDelete()}>
        Undo
      </button>
    </p>
  );
}

/** The hand-entered spend, top-ups and balances, each deletable (with Undo for a slip of the finger). */
export function EntryList() {
  const entries = useSpendbar((state) => state.entries);
  const providers = useSpendbar((state) => state.providers);
  const entriesError = useSpendbar((state) => state.entriesError);
  const deleteEntry = useSpendbar((state) => state.deleteEntry);
  const locale = userLocale();
  const now = useNow(60 * 60_000);
  const providerName = (id: string) => providers.find((provider) => provider.id === id)?.name ?? id;

  return (
    <div className="entries">
      {entriesError && (
        <p className="banner banner-error" role="alert">
          {entriesError}
        </p>
      )}
      <UndoBar />
      {entries.length === 0 ? (
        <p className="empty">No entries yet.</p>
      ) : (
        <ul className="entry-list" aria-label="Entries">
          {[...entries].sort(byNewest).map((entry) => {
            const money = formatMoney(entry.amount, entry.currency, { locale });
            const name = providerName(entry.provider);
            return (
              <li key={entry.id} className="entry" data-testid="entry-row" data-entry-id={entry.id}>
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
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete ${KIND_LABELS[entry.kind].toLowerCase()} of ${money} for ${name} on ${entry.date}`}
                  onClick={() => void deleteEntry(entry.id)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
