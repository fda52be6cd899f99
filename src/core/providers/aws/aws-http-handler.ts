/**
 * The transport the AWS SDK uses for Cost Explorer. The SDK's default Node handler ignores HTTPS_PROXY
 * and has no overall deadline; this one goes through undici like the rest of Spendbar (proxy settings
 * from the environment, a connect timeout, one deadline for the whole exchange, a size cap) and never
 * retries: every Cost Explorer request is billed, so the scheduler decides when to ask again.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { linkSignals } from '../../http/linked-signal.js';
import { loadUndici } from '../../http/undici-lazy.js';
import { networkError, pathOf } from '../../http/http-errors.js';
import { ProviderError } from '../../model/provider-error.js';

/** The parts of the SDK's HttpRequest this handler reads (structural, to avoid importing SDK internals). */
interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

interface SdkHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Readable;
}

export interface AwsTransportOptions {
  /** Whole exchange, reading the body included. */
  timeoutMs: number;
  connectTimeoutMs?: number;
  maxResponseBytes?: number;
}

/** Undici computes these itself from the URL and the body (the same values the SDK signed). */
const UNFORWARDED = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

/** An SDK request handler (`requestHandler` in the client config) built on undici. */
export function createAwsHttpHandler(options: AwsTransportOptions) {
  const maxBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  let dispatcher: Dispatcher | undefined;
  return {
    async handle(request: SdkHttpRequest, handlerOptions?: { abortSignal?: unknown }): Promise<{ response: SdkHttpResponse }> {
      const undici = await loadUndici();
      dispatcher ??= new undici.EnvHttpProxyAgent({ connect: { timeout: options.connectTimeoutMs ?? 10_000 } });
      const url = urlOf(request);
      // Released when the request ends: nothing of it stays attached to the poll's signal (linked-signal.ts).
      const linked = linkSignals([handlerOptions?.abortSignal instanceof AbortSignal ? handlerOptions.abortSignal : undefined], options.timeoutMs);
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !UNFORWARDED.has(name.toLowerCase())));
      try {
        const response = await undici.request(url, {
          method: request.method as Dispatcher.HttpMethod,
          headers,
          body: typeof request.body === 'string' || request.body instanceof Uint8Array ? request.body : undefined,
          signal: linked.signal,
          dispatcher,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of response.body) {
          size += (chunk as Buffer).length;
          if (size > maxBytes) {
            response.body.destroy();
            throw new ProviderError('parse', `AWS Cost Explorer sent more than ${Math.round(maxBytes / 1024)} KiB; Spendbar stopped reading.`, {
              url: pathOf(url),
              status: response.statusCode,
            });
          }
          chunks.push(chunk as Buffer);
        }
        return { response: { statusCode: response.statusCode, headers: flatten(response.headers), body: Readable.from([Buffer.concat(chunks)]) } };
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw networkError('AWS Cost Explorer', pathOf(url), error, []);
      } finally {
        linked.release();
      }
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
    destroy(): void {
      void dispatcher?.close();
      dispatcher = undefined;
    },
  };
}

function urlOf(request: SdkHttpRequest): string {
  const port = request.port ? `:${request.port}` : '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, item ?? '');
  }
  const query = search.size > 0 ? `?${search.toString()}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}${query}`;
}


function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}
