/** A stream opened before the bridge listens loses nothing the server sent meanwhile. */
import { describe, expect, it } from 'vitest';
import { earlyEventStream, type EventStream } from './early-events';

/** A stand-in EventSource: like the real one, an event reaches only the listeners present when it fires. */
function fakeSource() {
  const listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  let closed = false;
  const source: EventStream = {
    addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    close: () => (closed = true),
  };
  const fire = (type: string, data?: string) => listeners.get(type)?.forEach((listener) => listener({ data }));
  return { source, fire, closed: () => closed };
}

describe('earlyEventStream', () => {
  it('hands events that arrived before a listener to it when it is added, in order, then live ones once', () => {
    const { source, fire } = fakeSource();
    const stream = earlyEventStream(source);
    fire('overview', 'first');
    fire('progress', 'p1');
    fire('overview', 'second');
    const overviews: unknown[] = [];
    stream.addEventListener('overview', (event) => overviews.push(event.data));
    expect(overviews).toEqual(['first', 'second']);
    fire('overview', 'third');
    expect(overviews).toEqual(['first', 'second', 'third']);
    // Another type keeps its own events until its listener comes.
    const progress: unknown[] = [];
    stream.addEventListener('progress', (event) => progress.push(event.data));
    expect(progress).toEqual(['p1']);
  });

  it('is taken once, and closing it closes the connection', () => {
    const { source, closed } = fakeSource();
    const stream = earlyEventStream(source);
    expect(stream.taken).toBe(false);
    expect(stream.take()).toBe(stream);
    expect(stream.taken).toBe(true);
    stream.close();
    expect(closed()).toBe(true);
  });
});
