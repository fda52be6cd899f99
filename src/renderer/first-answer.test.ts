/** The first render waits for something to show, but not for long. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand';
import { firstAnswer } from './first-answer';
import type { SpendbarState, SpendbarStore } from './store-types';
import { makeOverview } from './test-support';

function storeWith(state: Partial<SpendbarState>): SpendbarStore {
  return createStore<SpendbarState>()(() => ({ overview: null, overviewError: null, ...state }) as SpendbarState);
}

describe('firstAnswer', () => {
  afterEach(() => vi.useRealTimers());

  it('resolves as soon as the overview arrives', async () => {
    vi.useFakeTimers();
    const store = storeWith({});
    let done = false;
    void firstAnswer(store, 250).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    store.setState({ overview: makeOverview() });
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('resolves on an error too, and after the wait when nothing comes', async () => {
    vi.useFakeTimers();
    const failing = storeWith({});
    let failed = false;
    void firstAnswer(failing, 250).then(() => (failed = true));
    failing.setState({ overviewError: 'Cannot reach Spendbar.' });
    await vi.advanceTimersByTimeAsync(0);
    expect(failed).toBe(true);

    const silent = storeWith({});
    let waited = false;
    void firstAnswer(silent, 250).then(() => (waited = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waited).toBe(true);
  });
});
