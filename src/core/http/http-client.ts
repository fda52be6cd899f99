/**
 * The one HTTP client adapters use. It classifies every failure into a ProviderError, retries only what
 * may clear up by itself (network faults, 5xx) with jittered backoff, never waits on a Retry-After (a
 * 429, or a 5xx that names a time, is reported with its retry time and the scheduler waits), caps
 * response size and time per attempt, stays inside the poll's deadline, and honours proxy settings.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { ProviderError, redact } from '../model/provider-error.js';
import { scrubAndClip } from './secret-scrub.js';
import { loadUndici } from './undici-lazy.js';
import { linkSignals, withLinkedSignal } from './linked-signal.js';
import { describeStatus, networkError, parseRetryAfter, pathOf, providerMessage } from './http-errors.js';

export interface HttpClientOptions {
  connectTimeoutMs?: number;
  /** Whole request, including reading the body. */
  totalTimeoutMs?: number;
  maxResponseBytes?: number;
  /** Retries after the first attempt, for network faults and 5xx only. */
  maxRetries?: number;
  baseBackoffMs?: number;
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface JsonRequest<T> {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Minimal, tolerant schema of the fields used; a mismatch is a parse error naming the field. */
  schema: z.ZodType<T>;
  /** Provider name for messages ("OpenRouter answered 503"). */
  provider: string;
  /** Secrets to scrub from any message. The key is also scrubbed from headers before logging. */
  secrets: readonly string[];
  /** Lets an adapter replace the message for a status (a 403 that means "needs an admin key"). */
  explain?: (status: number, providerText: string | undefined) => string | undefined;
  signal?: AbortSignal;
  /**
   * When the whole poll of the account must be over (epoch ms). Each attempt's timeout shrinks to fit
   * and no retry starts that could not finish before it. Set by `withDeadline`.
   */
  deadlineAt?: number;
}

export interface JsonResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data: T;
}

export interface HttpClient {
  json<T>(request: JsonRequest<T>): Promise<JsonResponse<T>>;
}

/** A retry needs at least this long before the deadline to be worth starting. */
const MIN_ATTEMPT_MS = 250;

/** How much of a provider's own error text a message quotes (after secrets are scrubbed). */
const QUOTE_MAX = 200;

const defaults = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxResponseBytes: 5 * 1024 * 1024,
  maxRetries: 2,
  baseBackoffMs: 500,
};

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const settings = { ...defaults, ...options };
  let dispatcher = options.dispatcher;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  async function attempt<T>(req: JsonRequest<T>): Promise<JsonResponse<T>> {
    const timeoutMs = Math.max(1, Math.min(settings.totalTimeoutMs, (req.deadlineAt ?? Infinity) - Date.now()));
    // Released when the attempt ends, so nothing of it stays attached to a long-lived signal (linked-signal.ts).
    const linked = linkSignals([req.signal], timeoutMs);
    try {
      return await attemptWith(req, linked.signal, timeoutMs);
    } finally {
      linked.release();
    }
  }

  async function attemptWith<T>(req: JsonRequest<T>, signal: AbortSignal, timeoutMs: number): Promise<JsonResponse<T>> {
    const url = pathOf(req.url);
    let response: Dispatcher.ResponseData;
    try {
      const undici = await loadUndici();
      dispatcher ??= new undici.EnvHttpProxyAgent({ connect: { timeout: settings.connectTimeoutMs } });
      response = await undici.request(req.url, {
        method: req.method ?? 'GET',
        headers: {
          accept: 'application/json',
          'user-agent': 'Spendbar (+https://github.com/spendbar/spendbar)',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw networkError(req.provider, url, error, req.secrets);
    }
    const text = await readCapped(response, settings.maxResponseBytes, req.provider, url, req.secrets);
    const headers = response.headers;
    if (response.statusCode >= 400) {
      const said = providerMessage(text);
      const fromProvider = said === undefined ? undefined : scrubAndClip(said, req.secrets, QUOTE_MAX);
      const explained = req.explain?.(response.statusCode, fromProvider);
      const { kind, message } = describeStatus(req.provider, response.statusCode, fromProvider);
      throw new ProviderError(kind, redact(explained ?? message, req.secrets), {
        url,
        status: response.statusCode,
        retryAfterMs: response.statusCode === 429 || response.statusCode >= 500 ? parseRetryAfter(headers, Date.now()) : undefined,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const looksHtml = /^\s*</.test(text);
      throw new ProviderError(
        'parse',
        `${req.provider} answered with ${looksHtml ? 'an HTML page' : 'a body that is not JSON'} instead of its billing data. If a base URL is set, check that it points at the API.`,
        { url, status: response.statusCode },
      );
    }
    const result = req.schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
      throw new ProviderError(
        'parse',
        redact(`${req.provider} answered in an unexpected shape: field "${field}" ${issue?.message ?? 'is invalid'}.`, req.secrets),
        { url, status: response.statusCode },
      );
    }
    return { status: response.statusCode, headers, data: result.data };
  }

  return {
    async json<T>(req: JsonRequest<T>): Promise<JsonResponse<T>> {
      for (let retry = 0; ; retry += 1) {
        try {
          return await attempt(req);
        } catch (error) {
          const providerError = error instanceof ProviderError ? error : networkError(req.provider, pathOf(req.url), error, req.secrets);
          // A provider that names a time to come back is left alone until then (the scheduler waits).
          if (!providerError.isRetryable || providerError.retryAfterMs !== undefined) throw providerError;
          if (retry >= settings.maxRetries || req.signal?.aborted) throw providerError;
          // Full jitter keeps many Spendbar installs from retrying in lockstep after an outage.
          const backoff = settings.baseBackoffMs * 2 ** retry * (0.5 + random());
          // A retry that could not finish before the poll's deadline would only hide this error.
          if (req.deadlineAt !== undefined && Date.now() + backoff + MIN_ATTEMPT_MS > req.deadlineAt) throw providerError;
          await sleep(backoff);
        }
      }
    },
  };
}

async function readCapped(
  response: Dispatcher.ResponseData,
  maxBytes: number,
  provider: string,
  url: string,
  secrets: readonly string[],
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > maxBytes) {
        response.body.destroy();
        throw new ProviderError('parse', `${provider} sent more than ${Math.round(maxBytes / 1024)} KiB; Spendbar stopped reading.`, {
          url,
          status: response.statusCode,
        });
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw networkError(provider, url, error, secrets);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The client an account's poll uses: every request carries the poll's deadline and abort signal, so all
 * attempts and pages of one poll together stay inside one time bound.
 */
export function withDeadline(http: HttpClient, deadlineAt: number, signal: AbortSignal): HttpClient {
  return {
    json: (req) => {
      const request = { ...req, deadlineAt: Math.min(req.deadlineAt ?? Infinity, deadlineAt) };
      return req.signal ? withLinkedSignal([req.signal, signal], (both) => http.json({ ...request, signal: both })) : http.json({ ...request, signal });
    },
  };
}
