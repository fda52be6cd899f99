import { useEffect } from 'react';
import { useSpendbar } from '../store';
import { AccountList } from './AccountList';
import { Banners } from './Banners';
import { EntryForm } from './EntryForm';
import { EntryList } from './EntryList';
import { Header } from './Header';

/** The popover: totals on top, one row per account, then hand-entered figures. */
export function App() {
  const start = useSpendbar((state) => state.start);
  const entryCount = useSpendbar((state) => state.entries.length);
  useEffect(() => start(), [start]);

  return (
    <main className="popover">
      <Header />
      <Banners />
      <AccountList />
      <details className="panel" data-testid="add-entry">
        <summary>Add entry</summary>
        <EntryForm />
      </details>
      <details className="panel" data-testid="entries">
        <summary>Entries ({entryCount})</summary>
        <EntryList />
      </details>
    </main>
  );
}
