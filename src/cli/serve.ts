/**
 * `spendbar serve`: the popover in a browser. The same host as the app, over HTTP on 127.0.0.1 only,
 * behind a random per-start token; Host and Origin are checked so other web pages (DNS rebinding,
 * cross-site requests) cannot reach the API.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../core/store/data-dir.js';
import { openHost } from '../core/host/host.js';
import { runningCli } from '../core/host/assistant-setup.js';
import { ConflictError, InputError, NotFoundError } from '../core/model/input-error.js';
import { KeychainUnavailableError } from '../core/secrets/secret-store.js';
import { apiNames, type ApiName } from '../shared/api.js';
import { parse, UsageError } from './args.js';
import { otlpOption, otlpPort, startOtlpReceiver, withOtlpDefault } from './otlp-flag.js';
import { createEventStreams } from './serve-events.js';
import { closeWithin, listenForStop } from './stop-signal.js';

const MAX_BODY_BYTES = 1024 * 1024;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The built renderer: <package root>/out/renderer, found from wherever this file was compiled to. */
export function rendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'out', 'renderer');
}

export async function serve(argv: string[]): Promise<number> {
  const { values } = parse(withOtlpDefault(argv), { port: { type: 'string' }, demo: { type: 'boolean' }, ...otlpOption }, 'spendbar serve [--port N] [--demo] [--otlp[=PORT]]');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${values.port}".`);
  const otlp = otlpPort(values.otlp);
  const stop = listenForStop();
  // Without --otlp, the receiver follows the setting in the popover's settings, as in the app.
  const host = await openHost({
    dataDir: defaultDataDir(),
    demo: values.demo ?? false,
    locateCli: () => runningCli(process.execPath, process.argv[1]),
    otlpFromSettings: otlp === undefined,
  });
  for (const warning of host.warnings) process.stderr.write(`Warning: ${warning}\n`);
  if (otlp !== undefined && !(await startOtlpReceiver(host, otlp))) {
    await host.close();
    return 1;
  }
  const token = randomBytes(24).toString('base64url');
  const root = rendererDir();
  const events = createEventStreams(host);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendJson(response, 500, { error: { message: (error as Error).message } }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = parseRequestUrl(request.url);
    if (!url) return sendJson(response, 400, { error: { message: 'The request path is not a valid URL.' } });
    const isApi = url.pathname.startsWith('/api/');
    if (isApi && !hasToken(request, url, token)) return sendJson(response, 401, { error: { message: 'Missing or wrong token.' } });
    const allowedHosts = [`127.0.0.1:${(server.address() as AddressInfo).port}`, `localhost:${(server.address() as AddressInfo).port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) return sendJson(response, 403, { error: { message: 'Wrong Host.' } });
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && !allowedHosts.some((allowed) => requestOrigin === `http://${allowed}`)) {
      return sendJson(response, 403, { error: { message: 'Cross-origin requests are refused.' } });
    }
    if (isApi) return handleApi(request, response, url.pathname.slice('/api/'.length));
    return serveStatic(response, root, url.pathname);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (name === 'events') {
      if (request.method !== 'GET') return sendJson(response, 405, { error: { message: 'Use GET.' } });
      return events.open(request, response);
    }
    if (!(apiNames as string[]).includes(name)) return sendJson(response, 404, { error: { message: `No API call named "${name}".` } });
    if (request.method !== 'POST') return sendJson(response, 405, { error: { message: 'Use POST.' } });
    let body: unknown;
    try {
      const text = await readBody(request);
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // Discard the rest unread and close: the answer is sent whatever the client still writes.
        request.resume();
        response.setHeader('connection', 'close');
        return sendJson(response, 413, { error: { message: error.message } });
      }
      return sendJson(response, 400, { error: { message: 'The request body is not JSON.' } });
    }
    try {
      const result = await (host.api[name as ApiName] as (request: unknown) => Promise<unknown>)(body);
      sendJson(response, 200, result);
    } catch (error) {
      if (error instanceof InputError) return sendJson(response, statusOf(error), { error: { message: error.message, field: error.field } });
      if (error instanceof KeychainUnavailableError) return sendJson(response, 503, { error: { message: error.message } });
      sendJson(response, 500, { error: { message: (error as Error).message } });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'EADDRINUSE' ? `Port ${port} is already in use: pick another with --port, or omit it for a free one.` : error.message);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!existsSync(join(root, 'index.html'))) process.stderr.write(`Warning: the popover is not built (${root}); run \`npm run build:renderer\`.\n`);
  if (!stop.requested) {
    process.stdout.write(`Spendbar is running at ${origin}/?token=${token}\n`);
    host.start();
  }

  await stop.stopped;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!(await closeWithin(host))) {
    process.stderr.write('Stopped without waiting for the poll in flight (its result is not stored).\n');
    // The request in flight would keep the process alive until its own timeout.
    process.exit(0);
  }
  return 0;
}

function hasToken(request: IncomingMessage, url: URL, token: string): boolean {
  const header = request.headers.authorization;
  const offered = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : url.searchParams.get('token');
  if (!offered) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyTooLargeError extends Error {
  constructor() {
    super('The request body is larger than 1 MiB.');
  }
}

/** Refused by its Content-Length before reading, or as soon as the bytes read pass the cap. */
async function readBody(request: IncomingMessage): Promise<string> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Bad input is 400; naming something that does not exist, 404; restoring what already exists, 409. */
function statusOf(error: InputError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  return 400;
}

/** The request target as a URL, or undefined when it cannot be one (`GET /%` must not become a 500). */
function parseRequestUrl(target: string | undefined): URL | undefined {
  try {
    const url = new URL(target ?? '/', 'http://127.0.0.1');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(JSON.stringify(value));
}

function serveStatic(response: ServerResponse, root: string, pathname: string): void {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(existsSync(root) ? 'Not found' : 'The popover is not built: run `npm run build:renderer` in the Spendbar checkout.');
    return;
  }
  response.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
  });
  response.end(readFileSync(file));
}
