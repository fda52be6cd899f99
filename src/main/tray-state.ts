/**
 * What the tray icon itself says, so a glance tells something on every OS (the total beside the icon is
 * macOS only): an account failing wins over a low balance or runway, which wins over normal.
 * Pure, so it is tested without Electron.
 */
import { Dec } from '../core/model/money.js';
import type { AccountSummary, Overview } from '../shared/api.js';

export type TrayState = 'normal' | 'low' | 'failing';

/** File names (without .png) of each state's icon; Electron adds the @2x file beside each by itself. */
export function trayIconName(state: TrayState, platform: NodeJS.Platform): string {
  const suffix = state === 'normal' ? '' : state === 'low' ? 'Low' : 'Failing';
  // macOS tints template images (black + alpha) for light and dark menu bars; "Template" ends the name.
  return platform === 'darwin' ? `tray${suffix}Template` : `tray${suffix}`;
}

function below(amount: string, threshold: string | undefined): boolean {
  if (threshold === undefined) return false;
  try {
    return new Dec(amount).lessThan(new Dec(threshold));
  } catch {
    return false;
  }
}

export function trayState(overview: Overview | undefined, thresholds: ReadonlyMap<string, AccountSummary['thresholds']> = new Map()): TrayState {
  if (!overview) return 'normal';
  if (overview.accounts.some((account) => account.status === 'error')) return 'failing';
  const low = overview.accounts.some((account) => {
    const limits = thresholds.get(account.id);
    if (!limits) return false;
    const balanceLow = account.balance !== null && below(account.balance.amount, limits.lowBalance);
    const days = account.runway?.days;
    const runwayLow = limits.lowRunwayDays !== undefined && typeof days === 'number' && days < limits.lowRunwayDays;
    return balanceLow || runwayLow;
  });
  return low ? 'low' : 'normal';
}

/** A short word for the tooltip, so the state is in text too (screen readers, colour blindness). */
export function trayStateLabel(state: TrayState): string {
  return state === 'failing' ? 'an account is failing' : state === 'low' ? 'a balance is running low' : '';
}
