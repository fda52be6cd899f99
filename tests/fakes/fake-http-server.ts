/**
 * A real HTTP server on 127.0.0.1:0 that answers like a provider. Fakes for each provider build on it by
 * mapping "METHOD /path" to a reply; the contract suite also uses it to play every failure a provider
 * can produce (status codes, HTML, malformed JSON, a hang).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless `raw` is given. */
  json?: unknown;
  raw?: string;
  /** Never answer: the client must time out on its own. */
  hang?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Replace the handler, e.g. to switch a healthy fake into a failing one. */
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(current(recorded)).then(
        (reply) => send(res, reply),
        (error: unknown) => send(res, { status: 500, raw: String(error) }),
      );
    });
  });

  function send(res: ServerResponse, reply: FakeReply): void {
    if (reply.hang) {
      hanging.add(res);
      return;
    }
    const body = reply.raw ?? JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status ?? 200, {
      'content-type': reply.raw === undefined ? 'application/json' : 'text/html; charset=utf-8',
      ...reply.headers,
    });
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    setHandler(next) {
      current = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Replies keyed by "GET /api/v1/credits": a fixed reply, or one built from the request. */
export type RouteTable = Record<string, FakeReply | ((request: RecordedRequest) => FakeReply)>;

/**
 * Routes keyed by "GET /api/v1/credits"; anything else is a 404, in the provider's own envelope when
 * `notFound` gives one.
 */
export function routes(table: RouteTable, notFound?: FakeReply): FakeHandler {
  return (request) => {
    const route = table[`${request.method} ${request.path}`];
    if (route === undefined) return notFound ?? { status: 404, json: { error: { message: `No route ${request.method} ${request.path}` } } };
    return typeof route === 'function' ? route(request) : route;
  };
}
