/**
 * The rates the engine converts with, for the service: the reference table in use (bundled, or newer
 * ones from the daily refresh), the user's own rates and display currency from the preferences.
 */
import type { StoredPreferences } from '../accounts/settings-store.js';
import type { HttpClient } from '../http/http-client.js';
import { normalizeCurrency } from '../model/money.js';
import type { ConversionSettings } from '../overview/converted-total.js';
import type { StoreContext } from '../store/files.js';
import type { RateTable } from './rate-table.js';
import { currentReference, refreshRates } from './rates-refresh.js';

export class RatesService {
  constructor(
    private readonly context: StoreContext,
    private readonly http: HttpClient,
    private readonly env: NodeJS.ProcessEnv,
    private readonly now: () => Date,
  ) {}

  reference(): RateTable {
    return currentReference(this.context);
  }

  /**
   * What the overview converts with. `displayCurrency` overrides the preference for one call
   * (`spendbar status --currency EUR`); it is checked like anything else a person typed.
   */
  conversion(preferences: StoredPreferences, displayCurrency?: string): ConversionSettings {
    return {
      displayCurrency: displayCurrency === undefined ? preferences.displayCurrency : normalizeCurrency(displayCurrency),
      reference: this.reference(),
      userRates: preferences.userRates,
    };
  }

  /** Refreshes when the user turned it on and a day has passed; true when the rates in use changed. */
  async refreshIfDue(preferences: StoredPreferences): Promise<boolean> {
    if (!preferences.ratesRefresh) return false;
    const before = this.reference().date;
    const after = await refreshRates({ context: this.context, http: this.http, env: this.env, now: this.now() });
    return after.date !== before;
  }
}
