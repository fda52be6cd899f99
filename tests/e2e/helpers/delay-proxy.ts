/**
 * A forwarding proxy that answers only after a delay, put in front of a fake provider so a Refresh
 * takes long enough for its per-account progress to be seen.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayProxy {
  /** http://127.0.0.1:PORT, standing in for the target's origin. */
  readonly url: string;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startDelayProxy(target: string, delayMs: number): Promise<DelayProxy> {
  const origin = new URL(target);
  let delay = delayMs;
  const server = createServer((incoming, outgoing) => {
    const forward = () => {
      const upstream = httpRequest(
        { host: origin.hostname, port: origin.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: origin.host } },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.writeHead(502).end());
      incoming.pipe(upstream);
    };
    setTimeout(forward, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setDelay(ms) {
      delay = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
