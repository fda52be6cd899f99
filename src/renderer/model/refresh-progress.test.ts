import { describe, expect, it } from 'vitest';
import { makeAccount, makeOverview } from '../test-support';
import { baselineOf, refreshProgress } from './refresh-progress';

describe('refreshProgress', () => {
  const before = makeOverview({
    accounts: [
      makeAccount({ id: 'a', updatedAt: '2026-11-21T09:00:00Z' }),
      makeAccount({ id: 'b', updatedAt: '2026-11-21T09:00:00Z' }),
      makeAccount({ id: 'manual', manual: true }),
      makeAccount({ id: 'no-key', status: 'unconfigured' }),
    ],
  });

  it('counts only the accounts a Refresh polls, all pending at first', () => {
    const progress = refreshProgress(before, baselineOf(before));
    expect(progress).toEqual({ done: 0, total: 2, pending: new Set(['a', 'b']) });
  });

  it('marks an account done when its update time, status or error changes', () => {
    const baseline = baselineOf(before);
    const during = makeOverview({
      accounts: [
        makeAccount({ id: 'a', updatedAt: '2026-11-21T10:00:00Z' }),
        makeAccount({ id: 'b', updatedAt: '2026-11-21T09:00:00Z', status: 'stale', error: { kind: 'network', message: 'down' } }),
      ],
    });
    expect(refreshProgress(during, baseline)).toEqual({ done: 2, total: 2, pending: new Set() });
    expect(refreshProgress(before, baseline).pending.has('a')).toBe(true);
  });
});
