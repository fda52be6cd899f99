/**
 * What every provider adapter is. An adapter only maps: it receives http, clock, credentials and settings
 * from its context and returns a Snapshot. It never touches files, the keychain or the environment.
 */
import type { HttpClient } from '../http/http-client.js';
import type { BillingMonth } from '../model/billing-month.js';
import type { Snapshot } from '../model/snapshot.js';

export interface CredentialSpec {
  /** Name under which the secret is kept in the keychain for an account ("apiKey", "teamId"). */
  readonly name: string;
  /** Environment variable that configures an implicit `env` account for the CLI and serve. */
  readonly env: string;
  readonly label: string;
  /** Ids like a team id are not secret, but are read from the environment together with the key. */
  readonly secret: boolean;
  readonly optional?: boolean;
  /** Chooses the host the key is sent to (Moonshot's region), like the base URL does. */
  readonly routesKey?: boolean;
}

/** A non-secret account setting the provider reads (shown in the add-account form). */
export interface SettingSpec {
  readonly name: string;
  readonly label: string;
  readonly help: string;
  readonly optional?: boolean;
  /** Chooses the host the key is sent to, like the base URL does. */
  readonly routesKey?: boolean;
}

/** Settled days (see settled-days.ts). One stream's kept days: every day of the month up to `through` (inclusive) was fetched once settled. */
export interface SettledStream {
  /** The last settled day kept, YYYY-MM-DD (UTC). Days up to it with no bucket had none. */
  readonly through: string;
  /** The provider's buckets per UTC day, as the adapter's schema decoded them (stored as JSON). */
  readonly days: Readonly<Record<string, readonly unknown[]>>;
}

/** What the engine hands an adapter: the cut-off, and what it kept of earlier polls (may be empty). */
export interface SettledDays {
  /** The first day that is not settled (YYYY-MM-DD, UTC): days before it are final. */
  readonly before: string;
  /** Per stream. Read back from disk, so the adapter validates it; anything odd means a full fetch. */
  readonly streams: Readonly<Record<string, SettledStream>>;
}

export interface ProviderContext {
  readonly http: HttpClient;
  readonly now: () => Date;
  /** Credential values by CredentialSpec.name; the service checks required ones before polling. */
  readonly credentials: Readonly<Record<string, string | undefined>>;
  /** Non-secret account settings (org id, region, billing table). */
  readonly settings: Readonly<Record<string, string | undefined>>;
  /** Default base URL, or the environment or account override, without trailing slash. */
  readonly baseUrl: string;
  readonly month: BillingMonth;
  /** Every secret value of this account, for scrubbing messages. */
  readonly secrets: readonly string[];
  readonly signal?: AbortSignal;
  /**
   * The last good snapshot of this account for the same month, if any. Providers whose past days are
   * settled (and whose calls cost money, like AWS Cost Explorer) ask only for the days since.
   */
  readonly previous?: Snapshot;
  /**
   * The cut-off of settled days and the buckets the engine kept of them (settled-days.ts). Absent when
   * the caller keeps nothing (tests, one-off polls): then the adapter fetches the whole month.
   */
  readonly settled?: SettledDays;
}

/** What an adapter returns: the snapshot, and the settled days to keep (only when the context had `settled`). */
export interface ProviderSnapshot extends Snapshot {
  /** Never stored in the month file nor shown: the poller keeps it beside it for the next poll. */
  readonly settled?: Readonly<Record<string, SettledStream>>;
}

export interface ProviderDefinition {
  readonly id: string;
  readonly name: string;
  /** `manual` providers have no API: their figures come from ledger entries and tracked usage. */
  readonly kind: 'api' | 'manual';
  /**
   * The popover's small badge: letters on a colour dark enough for white text in both themes. No logos
   * (trademarks, the content security policy, bundle size).
   */
  readonly monogram: { readonly letters: string; readonly colour: string };
  /**
   * Whether its keys in the environment configure an account by themselves (the `env` account). False
   * where ambient credentials are ambiguous and polling costs money (AWS, Google Cloud), and for manual
   * providers, which have no keys.
   */
  readonly implicitFromEnv: boolean;
  /** The provider's id in the @pydantic/genai-prices database, which prices tracked usage; absent when it has none. */
  readonly priceListId?: string;
  readonly credentials: readonly CredentialSpec[];
  /** Settings beyond the universal `baseUrl` override. */
  readonly settings?: readonly SettingSpec[];
  readonly defaultBaseUrl?: string;
  /** Which key to create and where, shown in settings and in auth/permission errors. */
  readonly keyHelp: string;
  readonly keyUrl?: string;
  /** Whether the provider's API reports spend (then manual spend entries are not added on top). */
  readonly reportsSpend: boolean;
  readonly defaultCurrency: string;
  /** Poll interval defaults and the floor below which the scheduler never goes. */
  readonly refresh: { readonly defaultMs: number; readonly minimumMs: number };
  /**
   * What one refresh costs the user, for providers that charge per API call (AWS Cost Explorer charges
   * $0.01 per request). The overview turns it into the polling's monthly cost at the account's interval.
   */
  readonly costPerRefresh?: { readonly amount: string; readonly currency: string };
  /**
   * The request limit the provider documents for the endpoints Spendbar calls, with its source (see
   * /work/shared/PROVIDERS.md). Absent: none is documented. The benchmark checks a day of default polling
   * against it; Settings may show it later.
   */
  readonly documentedLimit?: DocumentedLimit;
  fetchSnapshot?(context: ProviderContext): Promise<ProviderSnapshot>;
}

/**
 * At most `count` requests (or, for `polls`, reads of each endpoint: the pages of one read count once) in
 * any window of `windowMs`, for one account.
 */
export interface DocumentedLimit {
  readonly count: number;
  readonly windowMs: number;
  readonly unit: 'requests' | 'polls';
  /** Where the provider says so, and on which plan when plans differ (the strictest is taken). */
  readonly source: string;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
