/**
 * window.spendbar for the browser, when the popover is served by `spendbar serve`: every call is
 * `POST /api/<name>` with the request as JSON and the serve token as a Bearer header. New overviews and
 * poll progress are pushed by the server (`GET /api/events`, Server-Sent Events), so an open page that
 * nobody touches makes no request at all; where EventSource is missing, overviews are polled instead,
 * only while the page is visible. During a Refresh overviews are also asked for often.
 */
import { apiContract, apiErrorSchema, apiNames, type ApiName, type PollProgressEvent, type SpendbarApi } from '../../shared/api';
import { ApiCallError } from '../errors';
import type { EventStream } from './early-events';
import { apiRequest, eventsUrl, takePageToken, type PageSession } from './page-session';
import type { OverviewListener, SpendbarBridge } from './types';

export type { EventStream } from './early-events';

/** How often a visible page asks for a new overview when the server cannot push (no EventSource). */
export const OVERVIEW_POLL_MS = 5_000;
/**
 * How often it asks while a Refresh is under way. HTTP has no push, and the Refresh call itself answers
 * only when every account is done; asking often meanwhile shows each account's result as it lands.
 */
export const REFRESH_POLL_MS = 700;

/** Page visibility, injected so tests can drive it. */
export interface Visibility {
  isVisible(): boolean;
  onChange(callback: () => void): () => void;
}

export interface HttpApiOptions {
  /** Origin of the serve process, e.g. "http://127.0.0.1:4123". */
  origin: string;
  token: string | null;
  fetch?: typeof fetch;
  visibility?: Visibility;
  pollIntervalMs?: number;
  refreshPollIntervalMs?: number;
  /** Opens the server's event stream; default the browser's EventSource, and polling where there is none. */
  openEvents?: ((url: string) => EventStream) | null;
  /** An answer to getOverview requested before the bridge existed (page-session.ts): the first getOverview call uses it. */
  firstOverview?: Promise<Response> | null;
}

function defaultOpenEvents(): ((url: string) => EventStream) | null {
  return typeof globalThis.EventSource === 'function' ? (url) => new EventSource(url) : null;
}

async function readError(response: Response): Promise<ApiCallError> {
  const fallback = `Spendbar answered HTTP ${response.status}.`;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ApiCallError(fallback, { status: response.status });
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return new ApiCallError(fallback, { status: response.status });
  const { message, field } = parsed.data.error;
  return new ApiCallError(message, field ? { field, status: response.status } : { status: response.status });
}

export function createHttpApi(options: HttpApiOptions): SpendbarBridge {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const pollIntervalMs = options.pollIntervalMs ?? OVERVIEW_POLL_MS;
  const refreshPollIntervalMs = options.refreshPollIntervalMs ?? REFRESH_POLL_MS;
  /** The poll of every open onOverview subscription, so a Refresh can speed them all up. */
  const subscriptions = new Set<() => Promise<void>>();

  let firstOverview = options.firstOverview ?? null;

  async function call<N extends ApiName>(name: N, request: unknown): Promise<unknown> {
    let response: Response;
    try {
      const early = name === 'getOverview' ? firstOverview : null;
      if (early) firstOverview = null;
      response = await (early ?? apiRequest(options.origin, options.token, name, request, fetchImpl));
    } catch {
      throw new ApiCallError('Cannot reach Spendbar. Is `spendbar serve` still running?');
    }
    if (response.status === 401) {
      throw new ApiCallError(
        'This page is not signed in to Spendbar. Open the link `spendbar serve` printed (it has a new token each start).',
        { status: 401 },
      );
    }
    if (!response.ok) throw await readError(response);
    // The renderer is the receiving side of a response, so it validates it like the engine validates requests.
    const parsed = apiContract[name].response.safeParse(await response.json());
    if (!parsed.success) throw new ApiCallError(`Spendbar sent an unexpected answer to ${name}.`);
    return parsed.data;
  }

  const api = Object.fromEntries(
    apiNames.map((name) => [name, (request: unknown) => call(name, request)]),
  ) as unknown as SpendbarApi;

  const refresh: SpendbarApi['refresh'] = async (request) => {
    const fast = setInterval(() => subscriptions.forEach((poll) => void poll()), refreshPollIntervalMs);
    try {
      return await api.refresh(request);
    } finally {
      clearInterval(fast);
    }
  };

  const openEvents = options.openEvents === undefined ? defaultOpenEvents() : options.openEvents;
  const pushed = openEvents ? pushedEvents(openEvents, eventsUrl(options.origin, options.token)) : undefined;

  function onOverview(listener: OverviewListener, onError?: (error: Error) => void): () => void {
    if (pushed) return pushed.onOverview(listener, onError, async () => listener(await api.getOverview({})));
    const visibility = options.visibility;
    let inFlight = false;
    let stopped = false;
    const poll = async () => {
      // A slow server must not pile up requests; a hidden page need not poll at all.
      if (stopped || inFlight || (visibility && !visibility.isVisible())) return;
      inFlight = true;
      try {
        const overview = await api.getOverview({});
        if (!stopped) listener(overview);
      } catch (error) {
        if (!stopped) onError?.(error instanceof Error ? error : new Error(String(error)));
      } finally {
        inFlight = false;
      }
    };
    subscriptions.add(poll);
    const timer = setInterval(() => void poll(), pollIntervalMs);
    // Coming back to a tab should show fresh figures at once, not up to five seconds later.
    const stopWatching = visibility?.onChange(() => void poll());
    return () => {
      stopped = true;
      subscriptions.delete(poll);
      clearInterval(timer);
      stopWatching?.();
    };
  }

  return { ...api, refresh, onOverview, ...(pushed ? { onPollProgress: pushed.onPollProgress } : {}), inBrowser: true };
}

/**
 * One event stream for the page, opened with the first listener and closed with the last. A pushed
 * overview is validated like an answer to getOverview. After a lost connection the browser reconnects
 * by itself; the overview is then fetched once, since changes made meanwhile were not pushed.
 */
function pushedEvents(openEvents: (url: string) => EventStream, url: string) {
  const overviewListeners = new Set<{ listener: OverviewListener; onError?: (error: Error) => void; catchUp: () => Promise<void> }>();
  const progressListeners = new Set<(event: PollProgressEvent) => void>();
  let stream: EventStream | undefined;
  let lost = false;

  const ensureOpen = () => {
    if (stream) return;
    const opened = openEvents(url);
    stream = opened;
    opened.addEventListener('overview', (event) => {
      const parsed = apiContract.getOverview.response.safeParse(parseData(event.data));
      if (parsed.success) overviewListeners.forEach(({ listener }) => listener(parsed.data));
    });
    opened.addEventListener('progress', (event) => {
      const step = parseData(event.data) as Partial<PollProgressEvent> | undefined;
      if (typeof step?.accountId === 'string' && typeof step.state === 'string' && typeof step.at === 'string') {
        progressListeners.forEach((listener) => listener(step as PollProgressEvent));
      }
    });
    opened.addEventListener('error', () => {
      lost = true;
      overviewListeners.forEach(({ onError }) => onError?.(new ApiCallError('Cannot reach Spendbar. Is `spendbar serve` still running?')));
    });
    opened.addEventListener('open', () => {
      if (!lost) return;
      lost = false;
      overviewListeners.forEach(({ catchUp, onError }) => void catchUp().catch((error: unknown) => onError?.(error instanceof Error ? error : new Error(String(error)))));
    });
  };
  const closeIfUnused = () => {
    if (overviewListeners.size > 0 || progressListeners.size > 0) return;
    stream?.close();
    stream = undefined;
  };

  return {
    onOverview(listener: OverviewListener, onError: ((error: Error) => void) | undefined, catchUp: () => Promise<void>): () => void {
      const entry = { listener, onError, catchUp };
      overviewListeners.add(entry);
      ensureOpen();
      return () => {
        overviewListeners.delete(entry);
        closeIfUnused();
      };
    },
    onPollProgress(listener: (event: PollProgressEvent) => void): () => void {
      progressListeners.add(listener);
      ensureOpen();
      return () => {
        progressListeners.delete(listener);
        closeIfUnused();
      };
    },
  };
}

function parseData(data: unknown): unknown {
  try {
    return typeof data === 'string' ? JSON.parse(data) : undefined;
  } catch {
    return undefined;
  }
}

const documentVisibility: Visibility = {
  isVisible: () => document.visibilityState === 'visible',
  onChange(callback) {
    document.addEventListener('visibilitychange', callback);
    return () => document.removeEventListener('visibilitychange', callback);
  },
};

/**
 * Installs the HTTP bridge unless a preload already provided window.spendbar, taking over the stream and
 * the first overview the page session started (page-session.ts, which also handles the token).
 */
export function installHttpApi(win: Window = window, session: PageSession | null = null): void {
  if (win.spendbar) return;
  const taken = session ?? takePageToken(win);
  if (!session) taken.keepForReload();
  const { origin, token } = taken;
  const early = session?.events ?? null;
  const openEvents = early ? (url: string) => (early.taken ? new EventSource(url) : early.take()) : undefined;
  win.spendbar = createHttpApi({ origin, token, visibility: documentVisibility, firstOverview: session?.firstOverview ?? null, ...(openEvents ? { openEvents } : {}) });
}
