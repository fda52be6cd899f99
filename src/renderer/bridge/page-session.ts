/**
 * The first thing the served page runs (main.tsx), before React, zod and the popover's code are even
 * loaded: it takes the serve token from the address bar, opens the server's event stream and asks for
 * the overview. The server then builds the overview while the browser loads and runs the rest of the
 * page, instead of after (the first paint waited for both, one after the other). The HTTP bridge takes
 * over the stream and the answer; the answer is validated there like every other one. This module
 * imports nothing heavy, so it runs as soon as the small entry chunk arrives.
 */
import { earlyEventStream, type EarlyEventStream } from './early-events';

export interface PageSession {
  /** Origin of the serve process, e.g. "http://127.0.0.1:4123". */
  readonly origin: string;
  readonly token: string | null;
  /** The event stream, opened at once; events that arrive before the bridge listens are kept for it. */
  readonly events: EarlyEventStream | null;
  /** The answer to the first getOverview, requested at once; the bridge uses it for its first getOverview call. */
  readonly firstOverview: Promise<Response> | null;
  /** Keeps the token in this tab's sessionStorage for a reload; called once the popover has painted. */
  keepForReload(): void;
}

/** `POST /api/<name>` with the token: the one request shape of the HTTP bridge. */
export function apiRequest(origin: string, token: string | null, name: string, request: unknown, fetchImpl: typeof fetch): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetchImpl(`${origin}/api/${name}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(request ?? {}),
    // Never let a cached overview stand in for a fresh one.
    cache: 'no-store',
  });
}

export function eventsUrl(origin: string, token: string | null): string {
  return `${origin}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * The token arrives once in the page URL; it is then kept in memory and in this tab's sessionStorage
 * (so a reload still works) and removed from the address bar, so it does not linger on screen or in
 * copied links.
 */
export function takePageToken(win: Window): { origin: string; token: string | null; keepForReload(): void } {
  const url = new URL(win.location.href);
  const storageKey = `spendbar-token:${url.origin}`;
  let token = url.searchParams.get('token');
  if (token) {
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    const kept = token;
    // The first use of sessionStorage in a page waits on the browser process (tens of ms on a busy
    // machine), so the token is kept for a reload only after the first paint (app.tsx calls this), or
    // when the page goes away before that, whichever comes first.
    let done = false;
    const keepForReload = () => {
      if (done) return;
      done = true;
      try {
        win.sessionStorage.setItem(storageKey, kept);
      } catch {
        // Storage may be disabled; the token still works until the page is reloaded.
      }
    };
    win.addEventListener('pagehide', keepForReload, { once: true });
    return { origin: url.origin, token, keepForReload };
  } else {
    try {
      token = win.sessionStorage.getItem(storageKey);
    } catch {
      token = null;
    }
  }
  return { origin: url.origin, token, keepForReload: () => undefined };
}

/** Starts the served page's session; none inside Electron, where the preload has set window.spendbar. */
export function startPageSession(win: Window): PageSession | null {
  if (win.spendbar) return null;
  const { origin, token, keepForReload } = takePageToken(win);
  // The stream first: the server then pushes every change made after it built the first overview.
  const Source = (win as Window & { EventSource?: typeof EventSource }).EventSource;
  const events = typeof Source === 'function' ? earlyEventStream(new Source(eventsUrl(origin, token))) : null;
  const firstOverview = apiRequest(origin, token, 'getOverview', {}, win.fetch.bind(win));
  // A failure is reported when the bridge reads the answer; this only keeps it from counting as unhandled.
  firstOverview.catch(() => undefined);
  return { origin, token, events, firstOverview, keepForReload };
}
