/**
 * A proxy on 127.0.0.1 in front of a provider's fake: it passes requests through while healthy and plays
 * one fault at a time on every request when told to, counting the requests that reach it. Every adapter
 * is put behind one, so the same faults are played against all of them without touching their fakes.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as undiciRequest } from 'undici';

export type Fault =
  | '401'
  | '402'
  | '403'
  | '404'
  | '429 seconds'
  | '429 date'
  | '500'
  | '502'
  | '503'
  | 'html page'
  | 'truncated json'
  | 'wrong shape'
  | '50 MB body'
  | 'trickle'
  | 'reset'
  | 'no answer';

export const FAULTS: readonly Fault[] = [
  '401',
  '402',
  '403',
  '404',
  '429 seconds',
  '429 date',
  '500',
  '502',
  '503',
  'html page',
  'truncated json',
  'wrong shape',
  '50 MB body',
  'trickle',
  'reset',
  'no answer',
];

export interface FaultProxy {
  readonly origin: string;
  /** Requests received since the last `play` (or `heal`). */
  readonly requests: number;
  /** Plays `fault` on every request; `echo` is put into error bodies (a provider quoting the key back). */
  play(fault: Fault, echo: string): void;
  heal(): void;
  close(): Promise<void>;
}

const MB = 1024 * 1024;

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let fault: Fault | undefined;
  let echo = '';
  let requests = 0;
  /** Answers held open (no answer, trickle), closed when the fault ends. */
  const held = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests += 1;
      if (fault === undefined) void pass(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res);
      else playFault(fault, res);
    });
  });

  async function pass(method: string, path: string, headers: NodeJS.Dict<string | string[]>, body: Buffer, res: ServerResponse) {
    const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)));
    try {
      const answer = await undiciRequest(`${upstream}${path}`, { method: method as 'GET', headers: forwarded as Record<string, string>, body: body.length > 0 ? body : undefined });
      const text = Buffer.from(await answer.body.arrayBuffer());
      const type = answer.headers['content-type'];
      res.writeHead(answer.statusCode, type ? { 'content-type': String(type) } : {});
      res.end(text);
    } catch (error) {
      res.writeHead(599);
      res.end(String(error));
    }
  }

  function json(res: ServerResponse, status: number, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message: `The request with key ${echo} failed (${status}).`, code: status }, message: `key ${echo}` }));
  }

  function playFault(current: Fault, res: ServerResponse) {
    const status = Number(current.slice(0, 3));
    if (current === '429 seconds') return json(res, 429, { 'retry-after': '3600' });
    if (current === '429 date') return json(res, 429, { 'retry-after': new Date(Date.now() + 2 * 3600_000).toUTCString() });
    if (Number.isInteger(status) && current.length === 3) return json(res, status);
    if (current === 'html page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<!doctype html><html><head><title>Sign in</title></head><body>Please sign in. ${echo}</body></html>`);
    }
    if (current === 'truncated json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"data": [{"amount": "12.5", "currency": "US');
    }
    if (current === 'wrong shape') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ object: 'list', items: 'none', total: 'unknown', data: 'later', results: 7 }));
    }
    if (current === '50 MB body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": "');
      const block = Buffer.alloc(MB, 'x');
      let sent = 0;
      const more = () => {
        while (sent < 50 && !res.destroyed) {
          sent += 1;
          if (!res.write(block)) return void res.once('drain', more);
        }
        if (!res.destroyed) res.end('"}');
      };
      res.on('error', () => {});
      return more();
    }
    if (current === 'trickle') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
      held.add(res);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      timers.add(timer);
      return;
    }
    if (current === 'reset') return res.socket?.destroy();
    // 'no answer': hold the connection open and say nothing.
    held.add(res);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const heal = () => {
    fault = undefined;
    requests = 0;
    for (const res of held) res.socket?.destroy();
    held.clear();
    for (const timer of timers) clearInterval(timer);
    timers.clear();
  };
  return {
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    play(next, echoed) {
      fault = next;
      echo = echoed;
      requests = 0;
    },
    heal,
    async close() {
      heal();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
