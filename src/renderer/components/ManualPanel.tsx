import { useSpendbar } from '../store';
import { EntryForm } from './EntryForm';
import { EntryList } from './EntryList';
import { ViewFrame } from './ViewFrame';

/** Spend, top-ups and balances typed in by hand, for providers without a billing API (or any other). */
export function ManualPanel() {
  const entries = useSpendbar((state) => state.entries);
  return (
    <ViewFrame title="Manual entries" testId="manual" focusHeading={false}>
      <EntryForm />
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading" className="section-heading">
          Entries ({entries.length})
        </h2>
        <EntryList entries={entries} />
      </section>
    </ViewFrame>
  );
}
