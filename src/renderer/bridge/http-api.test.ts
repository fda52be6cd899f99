import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Overview } from '../../shared/api';
import { makeOverview } from '../test-support';
import { createHttpApi, type Visibility } from './http-api';

interface Recorded {
  url: string;
  init: RequestInit;
}

/** A fetch that answers every request with the next canned response and records what was asked. */
function fakeFetch(...responses: Array<() => Response>) {
  const calls: Recorded[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.length > 1 ? responses.shift() : responses[0];
    if (!next) throw new TypeError('fetch failed');
    return next();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createHttpApi', () => {
  afterEach(() => vi.useRealTimers());

  it('POSTs the request as JSON to /api/<name> with the token as a Bearer header', async () => {
    const { fetch, calls } = fakeFetch(json({ id: 'e1' }));
    const api = createHttpApi({ origin: 'http://127.0.0.1:4000', token: 'secret', fetch });
    await expect(api.addEntry({ provider: 'groq', kind: 'spend', amount: '3.20' })).resolves.toEqual({ id: 'e1' });
    expect(calls[0]?.url).toBe('http://127.0.0.1:4000/api/addEntry');
    expect(calls[0]?.init.method).toBe('POST');
    expect(new Headers(calls[0]?.init.headers).get('Authorization')).toBe('Bearer secret');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ provider: 'groq', kind: 'spend', amount: '3.20' });
    // Only this bridge lets the page raise web notifications itself (main.tsx); Electron's preload has no flag.
    expect(api.inBrowser).toBe(true);
  });

  it("throws the server's message and field for a rejected request", async () => {
    const { fetch } = fakeFetch(json({ error: { message: 'Amount must be positive', field: 'amount' } }, 400));
    const api = createHttpApi({ origin: 'http://x', token: 't', fetch });
    const error = await api.addEntry({ provider: 'groq', kind: 'spend', amount: '-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: 'Amount must be positive', field: 'amount', status: 400 });
  });

  it('explains a missing or stale token instead of a bare 401', async () => {
    const { fetch } = fakeFetch(json({ error: { message: 'unauthorized' } }, 401));
    const api = createHttpApi({ origin: 'http://x', token: null, fetch });
    await expect(api.getOverview({})).rejects.toThrow(/Open the link `spendbar serve` printed/);
  });

  it('says the server is unreachable when fetch itself fails, and reads non-JSON errors', async () => {
    const unreachable = createHttpApi({ origin: 'http://x', token: 't', fetch: fakeFetch().fetch });
    await expect(unreachable.listEntries({})).rejects.toThrow(/Cannot reach Spendbar/);
    const proxy = createHttpApi({ origin: 'http://x', token: 't', fetch: fakeFetch(() => new Response('<html>', { status: 502 })).fetch });
    await expect(proxy.listEntries({})).rejects.toThrow('Spendbar answered HTTP 502.');
  });

  it('rejects a response that does not match the contract', async () => {
    const { fetch } = fakeFetch(json({ overview: 'nope' }));
    const api = createHttpApi({ origin: 'http://x', token: 't', fetch });
    await expect(api.getOverview({})).rejects.toThrow(/unexpected answer to getOverview/);
  });

  it('polls overviews every interval while visible, at once when the page becomes visible, never when hidden', async () => {
    vi.useFakeTimers();
    let visible = true;
    let notify = () => {};
    const visibility: Visibility = {
      isVisible: () => visible,
      onChange: (callback) => {
        notify = callback;
        return () => (notify = () => {});
      },
    };
    const { fetch, calls } = fakeFetch(json(makeOverview()));
    const api = createHttpApi({ origin: 'http://x', token: 't', fetch, visibility, pollIntervalMs: 5000 });
    const seen: Overview[] = [];
    const stop = api.onOverview((overview) => seen.push(overview));

    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toHaveLength(1);
    visible = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(seen).toHaveLength(1);
    visible = true;
    notify();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(2);

    stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(seen).toHaveLength(2);
    expect(calls.every((call) => call.url.endsWith('/api/getOverview'))).toBe(true);
  });

  it('reports polling failures to onError so the page can say it lost the server', async () => {
    vi.useFakeTimers();
    const { fetch } = fakeFetch();
    const api = createHttpApi({ origin: 'http://x', token: 't', fetch, pollIntervalMs: 1000 });
    const errors: string[] = [];
    const stop = api.onOverview(() => {}, (error) => errors.push(error.message));
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    expect(errors).toEqual([expect.stringMatching(/Cannot reach Spendbar/)]);
  });

  it('polls quickly while a Refresh is under way, so each account shows up as it is done', async () => {
    vi.useFakeTimers();
    let finishRefresh: () => void = () => {};
    const calls: string[] = [];
    const fetch = vi.fn(async (url: string | URL | Request) => {
      calls.push(String(url));
      if (String(url).endsWith('/api/refresh')) await new Promise<void>((resolve) => (finishRefresh = resolve));
      return json(makeOverview())();
    }) as unknown as typeof globalThis.fetch;
    const api = createHttpApi({ origin: 'http://x', token: 't', fetch, pollIntervalMs: 5000, refreshPollIntervalMs: 500 });
    const stop = api.onOverview(() => {});
    const refreshed = api.refresh({});
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.filter((url) => url.endsWith('/api/getOverview'))).toHaveLength(4);
    finishRefresh();
    await refreshed;
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.filter((url) => url.endsWith('/api/getOverview'))).toHaveLength(4);
    stop();
  });
});

describe('createHttpApi with an overview asked for before it existed', () => {
  it('answers the first getOverview with it, validated, and asks the server for later ones', async () => {
    const overview = makeOverview();
    const { fetch, calls } = fakeFetch(json(overview));
    const early = Promise.resolve(json(makeOverview({ month: '2026-11' }))());
    const api = createHttpApi({ origin: 'http://127.0.0.1:4000', token: 't', fetch, firstOverview: early });
    await expect(api.getOverview({})).resolves.toMatchObject({ month: '2026-11' });
    expect(calls).toHaveLength(0);
    await expect(api.getOverview({})).resolves.toMatchObject({ month: overview.month });
    expect(calls).toHaveLength(1);
  });

  it('reports an early answer that does not fit the contract, or that never came, like any other', async () => {
    const { fetch } = fakeFetch(json(makeOverview()));
    const malformed = createHttpApi({ origin: 'http://127.0.0.1:4000', token: 't', fetch, firstOverview: Promise.resolve(json({ accounts: 'nope' })()) });
    await expect(malformed.getOverview({})).rejects.toThrow('unexpected answer to getOverview');
    const lost = Promise.reject(new TypeError('fetch failed'));
    lost.catch(() => undefined);
    const unreachable = createHttpApi({ origin: 'http://127.0.0.1:4000', token: 't', fetch, firstOverview: lost });
    await expect(unreachable.getOverview({})).rejects.toThrow('Cannot reach Spendbar');
  });
});
