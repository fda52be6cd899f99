/**
 * `GET /api/events` of `spendbar serve`: Server-Sent Events, so an open popover is told when something
 * changed instead of asking every few seconds. Each change of what the overview shows is one `overview`
 * event carrying the whole overview (the same JSON as getOverview); a poll in progress sends small
 * `progress` events. While no page listens, the host builds no overview for it. The caller has already
 * checked the token, Host and Origin, as for every /api/ call.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SpendbarHost } from '../core/host/host.js';

export interface EventStreams {
  open(request: IncomingMessage, response: ServerResponse): void;
  /** Open streams (tests and the benchmark read it). */
  readonly size: number;
}

export function createEventStreams(host: SpendbarHost): EventStreams {
  const streams = new Set<ServerResponse>();
  let unsubscribe: (() => void) | undefined;

  const send = (event: string, value: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(value)}\n\n`;
    for (const stream of streams) stream.write(frame);
  };

  const listen = () => {
    const stopOverview = host.onOverview((overview) => send('overview', overview));
    const stopProgress = host.onProgress((event) => send('progress', event));
    return () => {
      stopOverview();
      stopProgress();
    };
  };

  return {
    open(request, response) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      // No heartbeat: an idle stream costs the server and the page nothing. After a lost connection
      // the browser reconnects on its own after `retry` ms.
      response.write('retry: 3000\n\n');
      streams.add(response);
      unsubscribe ??= listen();
      request.on('close', () => {
        streams.delete(response);
        if (streams.size === 0) {
          unsubscribe?.();
          unsubscribe = undefined;
        }
      });
    },
    get size() {
      return streams.size;
    },
  };
}
