/**
 * The local OpenTelemetry receiver: OTLP over HTTP with JSON bodies (`/v1/traces`, `/v1/metrics`,
 * `/v1/logs`) plus LiteLLM's generic_api callback (`/litellm`), on 127.0.0.1 only.
 *
 * Only this machine's programs may post: it binds the loopback address, refuses a Host other than
 * 127.0.0.1:PORT or localhost:PORT (DNS rebinding) and any request carrying a browser Origin. Bad input
 * gets a 4xx that says what to change and stores nothing. Calls from concurrent requests are stored
 * together (one data-folder lock per batch, not per span); a request is answered once its calls are stored.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrackedRecord } from '../tracked-store.js';
import type { UsageInput } from '../usage-input.js';
import { decodeClaudeCodeEvents } from './claude-code-events.js';
import { ClaudeCodeMetrics } from './claude-code-metrics.js';
import type { DecodedUsage } from './decoded.js';
import { decodeSpans } from './genai-spans.js';
import { decodeLitellm, litellmPayloads, MalformedBodyError } from './litellm.js';
import { isObject } from './otlp-json.js';
import { ReceiverCounters } from './receiver-counters.js';
import { readBody, Refusal } from './request-body.js';

export const DEFAULT_OTLP_PORT = 4318;
export const LITELLM_PATH = '/litellm';
const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How long a batch waits for more calls before it is stored. */
const COALESCE_MS = 25;
/** Claude Code sessions remembered for the metrics-or-events choice. */
const MAX_REMEMBERED = 10_000;

type Signal = 'traces' | 'metrics' | 'logs' | 'litellm';
const routes: Record<string, Signal> = { '/v1/traces': 'traces', '/v1/metrics': 'metrics', '/v1/logs': 'logs', [LITELLM_PATH]: 'litellm' };
/** OTLP's partial-success field naming what was rejected, per signal. */
const rejectedField: Record<Exclude<Signal, 'litellm'>, string> = { traces: 'rejectedSpans', metrics: 'rejectedDataPoints', logs: 'rejectedLogRecords' };

export interface OtlpReceiverOptions {
  port: number;
  /** Prices and stores calls (SpendbarService.track); answers the records actually added. */
  track(inputs: readonly UsageInput[]): Promise<readonly TrackedRecord[]>;
  /** Called after a batch added at least one call (the overview changed). */
  onAdded?(): void;
  now?: () => Date;
  maxBodyBytes?: number;
}

/** Listening failed: the port is taken, or not ours to use. */
export class ReceiverListenError extends Error {}

export class OtlpReceiver {
  readonly counters: ReceiverCounters;
  private readonly server: Server;
  private readonly metrics: ClaudeCodeMetrics;
  private readonly eventSessions = new Set<string>();
  private readonly now: () => Date;
  private queue: { inputs: UsageInput[]; done: (error?: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: OtlpReceiverOptions) {
    this.now = options.now ?? (() => new Date());
    this.counters = new ReceiverCounters(this.now);
    this.metrics = new ClaudeCodeMetrics(BigInt(this.now().getTime()) * 1_000_000n);
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (error instanceof Refusal) return reply(response, error.status, { error: { message: error.message } });
        this.counters.error((error as Error).message);
        // Storing failed (a locked or unwritable data folder): exporters retry on 503.
        reply(response, 503, { error: { message: `Spendbar could not store the calls: ${(error as Error).message}` } });
      });
    });
  }

  /** Starts listening on 127.0.0.1; rejects with a ReceiverListenError saying why it could not. */
  async listen(): Promise<number> {
    // A client that trickles a request never holds a connection for long (exporters send at once).
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    }).catch((error: NodeJS.ErrnoException) => {
      const port = this.options.port;
      if (error.code === 'EADDRINUSE') throw new ReceiverListenError(`Port ${port} is already in use (another OpenTelemetry collector or Spendbar?); choose another port.`);
      if (error.code === 'EACCES') throw new ReceiverListenError(`Port ${port} needs administrator rights; choose a port above 1023.`);
      throw new ReceiverListenError(error.message);
    });
    return this.port!;
  }

  get port(): number | undefined {
    const address = this.server.address() as AddressInfo | null;
    return address?.port;
  }

  /** Stops accepting requests and waits for calls already received to be stored. */
  async close(): Promise<void> {
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await this.flushing;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
    if (!allowedHosts.includes((request.headers.host ?? '').toLowerCase())) throw new Refusal(403, 'Wrong Host: send to 127.0.0.1 or localhost with the port.');
    if (request.headers.origin !== undefined) throw new Refusal(403, 'Requests from web pages are refused.');
    const signal = routes[(request.url ?? '').split('?')[0]!];
    if (!signal) throw new Refusal(404, `Post OTLP to /v1/traces, /v1/metrics or /v1/logs, and LiteLLM to ${LITELLM_PATH}.`);
    if (request.method !== 'POST') throw new Refusal(405, 'Use POST.');
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/x-protobuf') {
      throw new Refusal(415, 'Spendbar takes OTLP as JSON only: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json in the exporting program.');
    }
    if (type !== 'application/json') throw new Refusal(415, `Content-Type ${type || '(none)'} is not accepted: send application/json.`);
    const decoded = this.decode(signal, await this.bodyOf(request, response));
    this.counters.decoded(decoded);
    if (decoded.usages.length > 0) await this.store(decoded.usages);
    const notStored = decoded.rejected.length + decoded.unknownProviders.length;
    const why = [...decoded.rejected.slice(0, 3), ...[...new Set(decoded.unknownProviders)].slice(0, 3).map((name) => `Unknown provider "${name}".`)].join(' ');
    if (signal === 'litellm') return reply(response, 200, { accepted: decoded.usages.length, rejected: notStored, ...(why ? { message: why } : {}) });
    reply(response, 200, notStored === 0 ? {} : { partialSuccess: { [rejectedField[signal]]: String(notStored), errorMessage: why } });
  }

  private async bodyOf(request: IncomingMessage, response: ServerResponse): Promise<string> {
    try {
      return await readBody(request, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof Refusal && error.status === 413) {
        // Answer now and drop the connection rather than read the rest of an oversized body.
        request.resume();
        response.setHeader('connection', 'close');
      }
      throw error;
    }
  }

  private decode(signal: Signal, body: string): DecodedUsage {
    const now = this.now();
    if (signal === 'litellm') {
      try {
        return decodeLitellm(litellmPayloads(body), now);
      } catch (error) {
        throw new Refusal(400, error instanceof MalformedBodyError ? `The body is not JSON or NDJSON: ${error.message}` : 'The body is not JSON.');
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new Refusal(400, 'The body is not JSON.');
    }
    if (!isObject(parsed)) throw new Refusal(400, 'The body is not an OTLP JSON object.');
    if (signal === 'traces') return decodeSpans(parsed, now);
    if (signal === 'metrics') return this.metrics.decode(parsed, now, (session) => this.hasEvents(session));
    const events = decodeClaudeCodeEvents(parsed, now);
    for (const session of events.sessions) {
      // Bounded: a receiver running for months forgets its oldest sessions (their metrics came long ago).
      if (this.eventSessions.size >= MAX_REMEMBERED && !this.eventSessions.has(session)) this.eventSessions.delete(this.eventSessions.values().next().value!);
      this.eventSessions.add(session);
    }
    return events;
  }

  /** Whether Claude Code api_request events already cover a session's calls (see claude-code-metrics.ts). */
  private hasEvents(session: string): boolean {
    return this.eventSessions.has(session) || this.eventSessions.has('*') || (session === '*' && this.eventSessions.size > 0);
  }

  /** Queues calls for the next batch and resolves when that batch is stored. */
  private store(inputs: UsageInput[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ inputs, done: (error) => (error === undefined ? resolve() : reject(error as Error)) });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    do {
      // Storing holds the data-folder lock and rewrites the month's file; waiting a moment lets the
      // requests of a burst (an exporter's parallel batches) join one write instead of one each.
      await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
      const batch = this.queue;
      this.queue = [];
      const inputs = batch.flatMap((item) => item.inputs);
      try {
        const added = await this.options.track(inputs);
        this.counters.stored(inputs, added);
        if (added.length > 0) this.options.onAdded?.();
        batch.forEach((item) => item.done());
      } catch (error) {
        batch.forEach((item) => item.done(error));
      }
    } while (this.queue.length > 0);
    // Cleared right after the last empty check, with no await between, so a call queued later starts a new flush.
    this.flushing = undefined;
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(JSON.stringify(body));
}
