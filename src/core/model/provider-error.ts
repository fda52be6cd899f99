import type { ErrorKind } from '../../shared/api.js';
import { scrubSecrets } from '../http/secret-scrub.js';

export type { ErrorKind };

export interface ProviderErrorDetails {
  /** The URL without its query string: query strings can carry keys on some providers. */
  url?: string;
  status?: number;
  /** For rate-limited: how long the provider asked us to wait. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Every way a poll can fail, classified so that the scheduler knows whether to retry and the UI can say
 * the one thing to do. Messages are written for the user and never contain a secret.
 */
export class ProviderError extends Error {
  readonly kind: ErrorKind;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(kind: ErrorKind, message: string, details: ProviderErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.url = details.url;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Network trouble and 5xx may clear up on their own; everything else needs the user or time. */
  get isRetryable(): boolean {
    return this.kind === 'network' || this.kind === 'provider-unavailable';
  }
}

/** Removes every known secret from a text, whole, URL-encoded or in fragments (see secret-scrub.ts). */
export function redact(text: string, secrets: readonly string[]): string {
  return scrubSecrets(text, secrets);
}

export function toProviderError(error: unknown, secrets: readonly string[]): ProviderError {
  if (error instanceof ProviderError) {
    if (redact(error.message, secrets) === error.message) return error;
    return new ProviderError(error.kind, redact(error.message, secrets), {
      url: error.url,
      status: error.status,
      retryAfterMs: error.retryAfterMs,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('parse', redact(`Unexpected failure: ${message}`, secrets));
}
