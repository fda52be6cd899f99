import type { Overview } from '../../shared/api';
import { refreshProgress } from '../model/refresh-progress';
import { useSpendbar } from '../store';

/**
 * "Refreshing 1 of 3…" while the user's Refresh runs, or "Refreshing…" while a scheduled poll runs.
 * A polite live region, so a screen reader hears progress without losing its place.
 */
export function RefreshStatus({ overview }: { overview: Overview }) {
  const baseline = useSpendbar((state) => state.refreshBaseline);
  let text = '';
  if (baseline) {
    const { done, total } = refreshProgress(overview, baseline);
    text = total > 0 ? `Refreshing… ${done} of ${total} done` : 'Refreshing…';
  } else if (overview.polling) {
    text = 'Refreshing…';
  }
  return (
    <span className="refresh-status" role="status" aria-live="polite" data-testid="refresh-status">
      {text}
    </span>
  );
}
