/** The per-request signal that replaces AbortSignal.any: it follows its sources, then lets go of them. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkSignals, withLinkedSignal } from './linked-signal.js';

describe('linkSignals', () => {
  it('aborts with the reason of whichever source aborts, and detaches from the others', () => {
    const quit = new AbortController();
    const poll = new AbortController();
    const linked = linkSignals([quit.signal, poll.signal]);
    expect(linked.signal.aborted).toBe(false);
    poll.abort(new Error('poll over'));
    expect(linked.signal.aborted).toBe(true);
    expect((linked.signal.reason as Error).message).toBe('poll over');
    expect(getEventListeners(quit.signal, 'abort')).toHaveLength(0);
  });

  it('is aborted at once when a source already is', () => {
    const done = new AbortController();
    done.abort(new Error('already'));
    const other = new AbortController();
    const linked = linkSignals([other.signal, done.signal]);
    expect(linked.signal.aborted).toBe(true);
    expect(getEventListeners(other.signal, 'abort')).toHaveLength(0);
  });

  it('times out with a TimeoutError, and a released signal never does', async () => {
    const timed = linkSignals([], 20);
    const released = linkSignals([], 20);
    released.release();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(timed.signal.aborted).toBe(true);
    expect((timed.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(released.signal.aborted).toBe(false);
  });

  it('leaves no listener on a long-lived signal after 1,000 pieces of work, whether they succeed or fail', async () => {
    const quit = new AbortController();
    for (let index = 0; index < 1000; index += 1) {
      await withLinkedSignal([quit.signal, undefined], async (signal) => {
        expect(signal.aborted).toBe(false);
        if (index % 2) throw new Error('provider failed');
      }).catch(() => undefined);
    }
    expect(getEventListeners(quit.signal, 'abort')).toHaveLength(0);
    // And while work runs, the quit signal still reaches it.
    const running = withLinkedSignal([quit.signal], (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    quit.abort(new Error('quitting'));
    await expect(running).rejects.toThrow('quitting');
  });
});
