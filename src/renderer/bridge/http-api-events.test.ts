/** The browser bridge with the server's event stream: an idle open popover makes no request at all. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Overview, PollProgressEvent } from '../../shared/api';
import { makeOverview } from '../test-support';
import { createHttpApi, type EventStream } from './http-api';

/** A stand-in EventSource the test fires events on. */
function fakeEvents() {
  const opened: { url: string; closed: boolean; listeners: Map<string, ((event: { data?: unknown }) => void)[]> }[] = [];
  const openEvents = (url: string): EventStream => {
    const stream = { url, closed: false, listeners: new Map<string, ((event: { data?: unknown }) => void)[]>() };
    opened.push(stream);
    return {
      addEventListener: (type, listener) => stream.listeners.set(type, [...(stream.listeners.get(type) ?? []), listener]),
      close: () => (stream.closed = true),
    };
  };
  const fire = (type: string, data?: unknown) => opened.at(-1)?.listeners.get(type)?.forEach((listener) => listener({ data: data === undefined ? undefined : JSON.stringify(data) }));
  return { opened, openEvents, fire };
}

function countingFetch(overview: Overview) {
  const calls: string[] = [];
  const fetch = vi.fn(async (url: string | URL | Request) => {
    calls.push(String(url));
    return new Response(JSON.stringify(overview), { headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

describe('createHttpApi with pushed events', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers pushed overviews and makes no request while nothing changes', async () => {
    vi.useFakeTimers();
    const events = fakeEvents();
    const { fetch, calls } = countingFetch(makeOverview());
    const api = createHttpApi({ origin: 'http://127.0.0.1:4000', token: 'secret token', fetch, openEvents: events.openEvents });
    const received: Overview[] = [];
    const stop = api.onOverview((overview) => received.push(overview));
    expect(events.opened[0]?.url).toBe('http://127.0.0.1:4000/api/events?token=secret%20token');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toEqual([]);
    const pushed = makeOverview();
    events.fire('overview', pushed);
    expect(received).toEqual([pushed]);
    // Something that is not an overview is ignored, not shown.
    events.fire('overview', { accounts: 'nope' });
    expect(received).toHaveLength(1);
    stop();
    expect(events.opened[0]?.closed).toBe(true);
  });

  it('forwards poll progress, and after a lost connection fetches the overview once it is back', async () => {
    const events = fakeEvents();
    const { fetch, calls } = countingFetch(makeOverview());
    const api = createHttpApi({ origin: 'http://x', token: 't', fetch, openEvents: events.openEvents });
    const errors: string[] = [];
    const received: Overview[] = [];
    const progress: PollProgressEvent[] = [];
    api.onOverview((overview) => received.push(overview), (error) => errors.push(error.message));
    api.onPollProgress!((event) => progress.push(event));
    expect(events.opened).toHaveLength(1);
    const step = { accountId: 'openai', state: 'done', at: '2026-11-21T10:00:00.000Z' };
    events.fire('progress', step);
    expect(progress).toEqual([step]);
    events.fire('error');
    expect(errors[0]).toMatch(/Cannot reach Spendbar/);
    events.fire('open');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(calls).toEqual(['http://x/api/getOverview']);
  });
});
