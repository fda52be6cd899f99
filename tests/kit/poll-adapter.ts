/**
 * One poll of one adapter against a fake server on 127.0.0.1, as the adapters' own tests run it: a
 * ProviderError comes back as the outcome, anything else is a bug and is thrown. No retries, so a
 * request count is the adapter's own.
 */
import { startFakeServer, type FakeHandler, type RecordedRequest } from '../fakes/fake-http-server.js';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { billingMonth, type BillingMonth } from '../../src/core/model/billing-month.js';
import { ProviderError } from '../../src/core/model/provider-error.js';
import type { Snapshot } from '../../src/core/model/snapshot.js';
import { createProviderContext } from '../../src/core/providers/provider-context.js';
import type { ProviderDefinition } from '../../src/core/providers/provider.js';

/** The instant every adapter test polls at unless it says otherwise. */
export const TEST_NOW = new Date('2026-11-21T10:00:00Z');

export interface PollAdapterOptions {
  provider: ProviderDefinition;
  handler: FakeHandler;
  credentials: Record<string, string | undefined>;
  settings?: Record<string, string>;
  /** The base URL for the fake's origin, in the same form as the provider's default (default: the origin). */
  baseUrl?: (origin: string) => string;
  now?: Date | (() => Date);
  month?: BillingMonth;
}

export interface PollAdapterResult {
  outcome: Snapshot | ProviderError;
  snapshot?: Snapshot;
  error?: ProviderError;
  requests: RecordedRequest[];
}

export async function pollAdapter(options: PollAdapterOptions): Promise<PollAdapterResult> {
  const server = await startFakeServer(options.handler);
  try {
    const now = options.now ?? TEST_NOW;
    const context = createProviderContext({
      provider: options.provider,
      http: createHttpClient({ maxRetries: 0 }),
      now: typeof now === 'function' ? now : () => now,
      month: options.month ?? billingMonth(2026, 11),
      credentials: options.credentials,
      settings: options.settings,
      baseUrl: options.baseUrl ? options.baseUrl(server.origin) : server.origin,
    });
    const outcome = await options.provider.fetchSnapshot!(context).catch((error: unknown) => {
      if (error instanceof ProviderError) return error;
      throw error;
    });
    return outcome instanceof ProviderError
      ? { outcome, error: outcome, requests: server.requests }
      : { outcome, snapshot: outcome, requests: server.requests };
  } finally {
    await server.close();
  }
}
