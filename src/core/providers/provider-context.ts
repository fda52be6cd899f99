import type { HttpClient } from '../http/http-client.js';
import type { BillingMonth } from '../model/billing-month.js';
import type { Snapshot } from '../model/snapshot.js';
import type { ProviderContext, ProviderDefinition, SettledDays } from './provider.js';

export interface ContextInput {
  provider: ProviderDefinition;
  http: HttpClient;
  now: () => Date;
  month: BillingMonth;
  credentials: Record<string, string | undefined>;
  settings?: Record<string, string | undefined>;
  /** Account override first, then SPENDBAR_<ID>_BASE_URL, then the provider's default. */
  baseUrl?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  previous?: Snapshot;
  settled?: SettledDays;
}

export function baseUrlFor(provider: ProviderDefinition, accountOverride: string | undefined, env: NodeJS.ProcessEnv): string {
  const fromEnv = env[`SPENDBAR_${provider.id.toUpperCase()}_BASE_URL`];
  const chosen = accountOverride || fromEnv || provider.defaultBaseUrl || '';
  return chosen.replace(/\/+$/, '');
}

export function createProviderContext(input: ContextInput): ProviderContext {
  const secretNames = new Set(input.provider.credentials.filter((spec) => spec.secret).map((spec) => spec.name));
  const secrets = Object.entries(input.credentials)
    .filter(([name, value]) => secretNames.has(name) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
  return {
    http: input.http,
    now: input.now,
    credentials: input.credentials,
    settings: input.settings ?? {},
    baseUrl: baseUrlFor(input.provider, input.baseUrl ?? input.settings?.baseUrl, input.env ?? {}),
    month: input.month,
    secrets,
    signal: input.signal,
    previous: input.previous,
    settled: input.settled,
  };
}
