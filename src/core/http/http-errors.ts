import { ProviderError, redact, type ErrorKind } from '../model/provider-error.js';

/** The URL without query or fragment, for error details: some providers accept keys in the query. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Reads `retry-after-ms` (Anthropic, OpenAI SDKs) first, then `Retry-After` as seconds or an HTTP date. */
export function parseRetryAfter(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
  const first = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const ms = Number(first('retry-after-ms'));
  if (first('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const header = first('retry-after');
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Pulls a human message out of the common error envelopes, whole: the caller scrubs secrets and only
 * then cuts it to length (see secret-scrub.ts).
 */
export function providerMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const error = parsed.error;
    const detail = parsed.detail;
    const candidates = [
      typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : undefined,
      typeof error === 'string' ? error : undefined,
      parsed.message,
      detail,
      // ElevenLabs puts {status, message} under `detail`.
      typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>).message : undefined,
    ];
    const found = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
    return found;
  } catch {
    return undefined;
  }
}

export function describeStatus(provider: string, status: number, fromProvider: string | undefined): { kind: ErrorKind; message: string } {
  const said = fromProvider ? ` (${provider} said: "${fromProvider}")` : '';
  if (status === 401) return { kind: 'auth', message: `${provider} rejected the key${said}. Check or replace the key.` };
  if (status === 402)
    return { kind: 'billing', message: `${provider} says the account is out of credit${said}. Top up to keep using it.` };
  if (status === 403)
    return { kind: 'permission', message: `${provider} refused access with this key${said}. The key may lack the billing permission.` };
  if (status === 404)
    return { kind: 'config', message: `${provider} has no such resource${said}. Check the account's ids and base URL.` };
  if (status === 429)
    return { kind: 'rate-limited', message: `${provider} is rate-limiting Spendbar${said}. It will wait before asking again.` };
  if (status >= 500)
    return { kind: 'provider-unavailable', message: `${provider} is having trouble (HTTP ${status})${said}. Spendbar will retry later.` };
  return { kind: 'config', message: `${provider} refused the request (HTTP ${status})${said}. Check the account's settings.` };
}

/** A failure before any HTTP status (DNS, refused, reset, timeout), in words, with secrets scrubbed. */
export function networkError(provider: string, url: string, error: unknown, secrets: readonly string[]): ProviderError {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  const name = (error as { name?: string })?.name;
  const timedOut = name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
  const what = timedOut
    ? 'did not answer in time'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'could not be found (DNS)'
      : code === 'ECONNREFUSED'
        ? 'refused the connection'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'closed the connection'
          : 'could not be reached';
  return new ProviderError('network', redact(`${provider} ${what}. Check the network (or proxy) and try again.`, secrets), {
    url,
    cause: error,
  });
}
