import { describe, expect, it } from 'vitest';
import { nextRefresh } from './refresh-policy.js';
import { Scheduler, type PollOutcome, type SchedulerClock } from './scheduler.js';

const MIN = 60_000;

describe('refresh policy', () => {
  it('polls at the interval, later by up to 10% of jitter, never sooner', () => {
    expect(nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: 0, jitter: 0 }).delayMs).toBe(15 * MIN);
    expect(nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: 0, jitter: 0.5 }).delayMs).toBe(15.75 * MIN);
    expect(nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: 0, jitter: 0.999 }).delayMs).toBeLessThan(16.5 * MIN);
  });

  it('makes at most two paid AWS refreshes in any 24 hours at its 12-hour default, whatever the jitter', () => {
    for (const jitter of [0, 0.25, 0.5, 0.999]) {
      const delay = nextRefresh({ intervalMs: 12 * 60 * MIN, minimumMs: 60 * MIN, consecutiveFailures: 0, jitter }).delayMs;
      // Three polls in a day would need two waits shorter than 12 hours.
      expect(delay).toBeGreaterThanOrEqual(12 * 60 * MIN);
    }
  });

  it('never goes below the provider floor', () => {
    expect(nextRefresh({ intervalMs: 10_000, minimumMs: 60 * MIN, consecutiveFailures: 0, jitter: 0 }).delayMs).toBe(60 * MIN);
  });

  it('retries network trouble soon, doubling, capped at four intervals', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (failures) => nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: failures, lastErrorKind: 'network', jitter: 0 }).delayMs,
    );
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60].map((minutes) => minutes * MIN));
  });

  it('waits at least as long as a 429 asked, and never less than the interval', () => {
    const asked = nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: 1, lastErrorKind: 'rate-limited', retryAfterMs: 40 * MIN, jitter: 0 });
    expect(asked).toEqual({ delayMs: 40 * MIN, reason: 'rate-limited' });
    const short = nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: 1, lastErrorKind: 'rate-limited', retryAfterMs: 1000, jitter: 0 });
    expect(short.delayMs).toBe(15 * MIN);
  });

  it('never retries a 5xx sooner than its Retry-After', () => {
    const decision = nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: 1, lastErrorKind: 'provider-unavailable', retryAfterMs: 90 * MIN, jitter: 0 });
    expect(decision).toEqual({ delayMs: 90 * MIN, reason: 'retry-soon' });
  });

  it('backs off a broken key up to six hours', () => {
    const delays = [1, 2, 3, 6, 20].map(
      (failures) => nextRefresh({ intervalMs: 15 * MIN, minimumMs: MIN, consecutiveFailures: failures, lastErrorKind: 'auth', jitter: 0 }).delayMs,
    );
    expect(delays).toEqual([15, 30, 60, 360, 360].map((minutes) => minutes * MIN));
  });
});

/** A clock whose time only moves when the test says so. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: SchedulerClock = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    random: () => 0,
  };
  return {
    clock,
    pending: () => timers.length,
    async advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = target;
    },
  };
}

function setup(outcome: (id: string) => PollOutcome = (accountId) => ({ accountId })) {
  const time = fakeClock();
  const polls: { at: number; ids: string[] }[] = [];
  const scheduler = new Scheduler({
    clock: time.clock,
    accounts: () => [
      { id: 'a', intervalMs: 15 * MIN, minimumMs: MIN },
      { id: 'b', intervalMs: 60 * MIN, minimumMs: MIN },
    ],
    poll: async (ids) => {
      polls.push({ at: time.clock.now(), ids });
      return ids.map(outcome);
    },
  });
  return { time, polls, scheduler };
}

describe('poll loop', () => {
  it('polls everything at start, then each account at its own interval', async () => {
    const { time, polls, scheduler } = setup();
    scheduler.start();
    await scheduler.idle();
    await time.advance(61 * MIN);
    scheduler.stop();
    expect(polls.map((poll) => [poll.at / MIN, poll.ids])).toEqual([
      [0, ['a', 'b']],
      [15, ['a']],
      [30, ['a']],
      [45, ['a']],
      [60, ['a', 'b']],
    ]);
  });

  it('polls nothing while paused and catches up at once on resume', async () => {
    const { time, polls, scheduler } = setup();
    scheduler.start();
    await scheduler.idle();
    scheduler.pause();
    await time.advance(3 * 60 * MIN);
    expect(polls).toHaveLength(1);
    scheduler.resume();
    await scheduler.idle();
    expect(polls.at(-1)).toEqual({ at: 180 * MIN, ids: ['a', 'b'] });
    scheduler.stop();
  });

  it('refreshes on demand without waiting for the timer', async () => {
    const { polls, scheduler } = setup();
    scheduler.start();
    await scheduler.idle();
    await scheduler.refreshNow('b');
    expect(polls.at(-1)).toEqual({ at: 0, ids: ['b'] });
    scheduler.stop();
  });

  it('backs off an account that keeps failing while the other keeps its pace', async () => {
    const { time, polls, scheduler } = setup((accountId) => (accountId === 'a' ? { accountId, errorKind: 'auth' } : { accountId }));
    scheduler.start();
    await scheduler.idle();
    await time.advance(4 * 60 * MIN);
    scheduler.stop();
    const aPolls = polls.filter((poll) => poll.ids.includes('a')).map((poll) => poll.at / MIN);
    expect(aPolls).toEqual([0, 15, 45, 105, 225]);
    expect(polls.filter((poll) => poll.ids.includes('b')).map((poll) => poll.at / MIN)).toEqual([0, 60, 120, 180, 240]);
  });

  it('leaves an account whose provider asked to wait (told to another process) until the wait ends', async () => {
    const waitEnds = 50 * MIN;
    const { time, polls, scheduler } = setup((accountId) =>
      accountId === 'a' && time.clock.now() < waitEnds ? { accountId, errorKind: 'rate-limited', retryAfterMs: waitEnds - time.clock.now(), waitingUntil: 'later' } : { accountId },
    );
    scheduler.start();
    await scheduler.idle();
    await time.advance(61 * MIN);
    scheduler.stop();
    expect(polls.filter((poll) => poll.ids.includes('a')).map((poll) => poll.at / MIN)).toEqual([0, 50]);
  });

  it('started while offline, polls nothing until resumed, then polls every account at once', async () => {
    const { time, polls, scheduler } = setup();
    scheduler.pause();
    scheduler.start();
    await scheduler.idle();
    await time.advance(30 * MIN);
    expect(polls).toEqual([]);
    scheduler.resume();
    await scheduler.idle();
    expect(polls).toEqual([{ at: 30 * MIN, ids: ['a', 'b'] }]);
    await time.advance(15 * MIN);
    expect(polls.at(-1)).toEqual({ at: 45 * MIN, ids: ['a'] });
    scheduler.stop();
  });
});
