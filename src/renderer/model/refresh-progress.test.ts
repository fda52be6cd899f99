import { describe, expect, it } from 'vitest';
import { makeAccount, makeOverview } from '../test-support';
import { baselineOf, refreshProgress, withPollProgress } from './refresh-progress';

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

describe('withPollProgress (Electron pushes a step per account while a cycle runs)', () => {
  const before = makeOverview({ accounts: [makeAccount({ id: 'a', lastAttemptAt: '2026-11-21T09:00:00Z' }), makeAccount({ id: 'b', lastAttemptAt: '2026-11-21T09:00:00Z' })] });

  it('marks an account as polling when it starts, and as answered when it ends', () => {
    const baseline = baselineOf(before);
    const started = withPollProgress(before, { accountId: 'a', state: 'started', at: '2026-11-21T10:00:00Z' });
    expect(started.accounts.find((account) => account.id === 'a')?.polling).toBe(true);
    expect(started.polling).toBe(true);
    expect(refreshProgress(started, baseline)).toMatchObject({ done: 0, total: 2 });
    const done = withPollProgress(started, { accountId: 'a', state: 'done', at: '2026-11-21T10:00:01Z' });
    expect(done.accounts.find((account) => account.id === 'a')).toMatchObject({ polling: false, lastAttemptAt: '2026-11-21T10:00:01Z' });
    expect(done.polling).toBe(false);
    expect(refreshProgress(done, baseline)).toEqual({ done: 1, total: 2, pending: new Set(['b']) });
  });

  it('leaves the overview alone for an account it does not show', () => {
    expect(withPollProgress(before, { accountId: 'gone', state: 'done', at: '2026-11-21T10:00:00Z' })).toBe(before);
  });
});
