/**
 * The preferences of issue 13 as the user changes them: the display currency, the rates the user sets,
 * the daily refresh, the tray title and the global shortcut. Validated here so the service only merges.
 */
import { InputError } from '../model/input-error.js';
import { normalizeCurrency, parseAmount } from '../model/money.js';
import type { StoredPreferences } from '../accounts/settings-store.js';
import type { TrayTitle } from '../../shared/api.js';

export interface GlanceChanges {
  displayCurrency?: string | null;
  /** One unit of each key currency in the display currency; an empty string removes the rate. */
  userRates?: Record<string, string>;
  ratesRefresh?: boolean;
  trayTitle?: Partial<TrayTitle>;
  shortcut?: string | null;
}

type Glance = Pick<StoredPreferences, 'displayCurrency' | 'userRates' | 'ratesRefresh' | 'trayTitle' | 'shortcut'>;

/** Electron accelerators: modifiers and one key joined by "+" ("CommandOrControl+Shift+S"). */
const ACCELERATOR = /^(?:[A-Za-z]+\+)+[A-Za-z0-9]+$|^F([1-9]|1\d|2[0-4])$/;

function displayCurrencyOf(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  try {
    return normalizeCurrency(value);
  } catch (error) {
    throw new InputError((error as Error).message, 'displayCurrency');
  }
}

/** A shortcut as stored: null for none; one Spendbar can try to register. */
export function shortcutOf(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  if (!ACCELERATOR.test(trimmed)) {
    throw new InputError(`"${trimmed}" is not a shortcut: use modifiers and a key joined by "+", for example CommandOrControl+Shift+S.`, 'shortcut');
  }
  return trimmed;
}

/** The glance preferences after the changes; `today` (YYYY-MM-DD) dates the rates the user sets now. */
export function applyGlanceChanges(current: StoredPreferences, changes: GlanceChanges, today: string): Glance {
  const displayCurrency = changes.displayCurrency === undefined ? current.displayCurrency : displayCurrencyOf(changes.displayCurrency);
  const userRates = { ...current.userRates };
  for (const [code, text] of Object.entries(changes.userRates ?? {})) {
    let currency: string;
    try {
      currency = normalizeCurrency(code);
    } catch (error) {
      throw new InputError((error as Error).message, 'userRates');
    }
    if (text.trim() === '') {
      delete userRates[currency];
      continue;
    }
    if (!displayCurrency) throw new InputError('Choose a display currency before setting a rate.', 'userRates');
    const rate = parseAmount(text, 'userRates');
    if (rate.lessThanOrEqualTo(0)) throw new InputError(`A rate must be more than zero (1 ${currency} in ${displayCurrency}).`, 'userRates');
    userRates[currency] = { rate: rate.toString(), currency: displayCurrency, setOn: today };
  }
  return {
    displayCurrency,
    userRates,
    ratesRefresh: changes.ratesRefresh ?? current.ratesRefresh,
    trayTitle: { ...current.trayTitle, ...changes.trayTitle },
    shortcut: changes.shortcut === undefined ? current.shortcut : shortcutOf(changes.shortcut),
  };
}
