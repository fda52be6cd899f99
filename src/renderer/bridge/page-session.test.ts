/** The served page's first steps: the token leaves the address bar, the stream opens, the overview is asked for. */
import { describe, expect, it, vi } from 'vitest';
import { startPageSession, takePageToken } from './page-session';

/** A window with just what page-session.ts touches, recording the order of the requests it makes. */
function fakeWindow(href: string, { storage = new Map<string, string>(), withEventSource = true } = {}) {
  const requests: string[] = [];
  const fetchCalls: { url: string; init: RequestInit }[] = [];
  const pagehide: (() => void)[] = [];
  const win = {
    location: { href },
    addEventListener: (type: string, listener: () => void) => type === 'pagehide' && pagehide.push(listener),
    history: {
      state: null,
      replaceState: vi.fn((_state: unknown, _title: string, url: string) => (win.location.href = new URL(url, href).href)),
    },
    sessionStorage: { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => storage.set(key, value) },
    fetch: vi.fn(async (url: string, init: RequestInit) => {
      requests.push(`fetch ${url}`);
      fetchCalls.push({ url, init });
      return new Response('{}');
    }),
    EventSource: withEventSource
      ? class {
          constructor(url: string) {
            requests.push(`events ${url}`);
          }
          addEventListener() {}
          close() {}
        }
      : undefined,
  };
  return { win: win as unknown as Window, requests, fetchCalls, storage, hide: () => pagehide.forEach((listener) => listener()) };
}

describe('takePageToken', () => {
  it('takes the token from the address bar, removes it there and keeps it for a reload of this tab', () => {
    const { win, storage } = fakeWindow('http://127.0.0.1:4000/?token=abc#x');
    const taken = takePageToken(win);
    expect(taken).toMatchObject({ origin: 'http://127.0.0.1:4000', token: 'abc' });
    expect(win.location.href).toBe('http://127.0.0.1:4000/#x');
    taken.keepForReload();
    expect(storage.get('spendbar-token:http://127.0.0.1:4000')).toBe('abc');
    // The reload: no token in the address bar any more.
    expect(takePageToken(fakeWindow('http://127.0.0.1:4000/', { storage }).win).token).toBe('abc');
  });
});

describe('startPageSession', () => {
  it('opens the event stream, then asks for the overview, both with the token', async () => {
    const { win, requests, fetchCalls } = fakeWindow('http://127.0.0.1:4000/?token=t%2B1');
    const session = startPageSession(win);
    expect(requests).toEqual(['events http://127.0.0.1:4000/api/events?token=t%2B1', 'fetch http://127.0.0.1:4000/api/getOverview']);
    expect(new Headers(fetchCalls[0]?.init.headers).get('Authorization')).toBe('Bearer t+1');
    expect(fetchCalls[0]?.init.method).toBe('POST');
    expect(session?.token).toBe('t+1');
    await expect(session?.firstOverview).resolves.toBeInstanceOf(Response);
  });

  it('asks for the overview without a stream where there is no EventSource, and does nothing inside Electron', () => {
    const bare = fakeWindow('http://127.0.0.1:4000/?token=t', { withEventSource: false });
    expect(startPageSession(bare.win)?.events).toBeNull();
    expect(bare.requests).toEqual(['fetch http://127.0.0.1:4000/api/getOverview']);

    const electron = fakeWindow('spendbar://app/index.html');
    (electron.win as { spendbar?: unknown }).spendbar = {};
    expect(startPageSession(electron.win)).toBeNull();
    expect(electron.requests).toEqual([]);
  });
});

describe('startPageSession before the first paint', () => {
  it('keeps the token for a reload only when asked (after the first paint) or when the page goes away', () => {
    const painted = fakeWindow('http://127.0.0.1:4000/?token=abc');
    const session = startPageSession(painted.win);
    expect(painted.storage.size).toBe(0);
    session?.keepForReload();
    session?.keepForReload();
    expect([...painted.storage]).toEqual([['spendbar-token:http://127.0.0.1:4000', 'abc']]);

    const leftEarly = fakeWindow('http://127.0.0.1:4000/?token=def');
    startPageSession(leftEarly.win);
    leftEarly.hide();
    expect(leftEarly.storage.get('spendbar-token:http://127.0.0.1:4000')).toBe('def');
  });
});
