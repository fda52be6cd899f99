/**
 * An event stream opened before anyone listens (page-session.ts opens it while the page is still
 * loading). EventSource drops events that have no listener, so until the bridge adds its listener for
 * a type, that type's events are kept and handed to the listener when it is added, in order.
 */

/** The part of EventSource the bridge uses. */
export interface EventStream {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

export interface EarlyEventStream extends EventStream {
  /** True once the bridge has taken it; a stream reopened later is a new EventSource. */
  readonly taken: boolean;
  take(): EventStream;
}

/** The event types serve sends (serve-events.ts) and the connection events the bridge listens to. */
const KEPT_TYPES = ['overview', 'progress', 'open', 'error'] as const;

export function earlyEventStream(source: EventStream): EarlyEventStream {
  const kept = new Map<string, { data?: unknown }[]>(KEPT_TYPES.map((type) => [type, []]));
  const listened = new Set<string>();
  for (const type of KEPT_TYPES) {
    source.addEventListener(type, (event) => {
      if (!listened.has(type)) kept.get(type)!.push({ data: event.data });
    });
  }
  let taken = false;
  const stream: EarlyEventStream = {
    get taken() {
      return taken;
    },
    take() {
      taken = true;
      return stream;
    },
    addEventListener(type, listener) {
      source.addEventListener(type, listener);
      if (listened.has(type)) return;
      listened.add(type);
      const waiting = kept.get(type) ?? [];
      kept.delete(type);
      waiting.forEach((event) => listener(event));
    },
    close() {
      kept.clear();
      source.close();
    },
  };
  return stream;
}
