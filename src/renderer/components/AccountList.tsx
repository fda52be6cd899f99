import { useEffect, useState } from 'react';
import { afterNextPaint } from '../first-paint';
import { useNow } from '../hooks';
import { sortByAttention } from '../model/attention';
import { refreshProgress } from '../model/refresh-progress';
import { useSpendbar } from '../store';
import { AccountRow } from './AccountRow';

/**
 * Rows in the popover's very first render: more than its height shows. The rest (up to 20 and more
 * accounts, most of the page's elements) render once that first frame, with the total, has painted.
 */
export const FIRST_PAINT_ROWS = 8;
/** Once every row has been shown, the list shows them all at once whenever it is rendered again. */
let allRowsShown = false;

function useAllRows(): boolean {
  const [all, setAll] = useState(allRowsShown);
  useEffect(() => {
    if (all) return;
    let cancelled = false;
    void afterNextPaint().then(() => {
      allRowsShown = true;
      if (!cancelled) setAll(true);
    });
    return () => {
      cancelled = true;
    };
  }, [all]);
  return all;
}

/** Every account, what needs attention first (model/attention.ts says in which order). */
export function AccountList() {
  const overview = useSpendbar((state) => state.overview);
  const baseline = useSpendbar((state) => state.refreshBaseline);
  const open = useSpendbar((state) => state.open);
  const allRows = useAllRows();
  // One clock for every row, so all ages agree. The overview cannot be older than its own generation
  // time, so a clock that last ticked before it arrived is moved up to that time.
  const now = Math.max(useNow(), overview ? Date.parse(overview.generatedAt) || 0 : 0);
  if (!overview || overview.accounts.length === 0) return null;
  const pending = baseline ? refreshProgress(overview, baseline).pending : new Set<string>();
  const today = new Date(now).toISOString().slice(0, 10);
  const sorted = sortByAttention(overview.accounts);
  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" className="section-heading">
        Accounts
      </h2>
      <ul className="accounts">
        {(allRows ? sorted : sorted.slice(0, FIRST_PAINT_ROWS)).map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            now={now}
            today={today}
            refreshing={pending.has(account.id)}
            onOpen={() => open({ name: 'detail', accountId: account.id }, `row:${account.id}`)}
          />
        ))}
      </ul>
    </section>
  );
}
