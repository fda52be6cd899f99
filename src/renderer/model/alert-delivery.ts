/**
 * Which alerts of an overview the page itself should bring to the user's attention, and how. Pure:
 * the store feeds it every accepted overview and the ids it has seen so far on this page.
 */
import type { Overview } from '../../shared/api';

/** One alert of Overview.alerts (the engine's history, newest first). */
export type AlertItem = Overview['alerts'][number];

/**
 * At first load the page cannot know which alerts the user already saw (another tab, the CLI's watch),
 * so only the ones raised this recently are shown; older ones are history and stay in the list.
 */
export const RECENT_ON_LOAD_MS = 10 * 60_000;

/**
 * Who may raise a desktop notification for this page: a web Notification permission (spendbar serve),
 * `unsupported` (no Notification API in this browser), or `host` (Electron: main notifies, never the page).
 */
export type NotificationAccess = NotificationPermission | 'unsupported' | 'host';

export function isSnoozed(alert: AlertItem, nowMs: number): boolean {
  return Boolean(alert.snoozedUntil && Date.parse(alert.snoozedUntil) > nowMs);
}

export interface DeliveryStep {
  /** Alerts to show now, in the overview's order (newest first). */
  deliver: AlertItem[];
  /** Every id seen so far, this overview's included. */
  seen: Set<string>;
}

/**
 * New alerts of `alerts`: those whose id was not seen on this page before and that are not snoozed.
 * `seen` is null before the first overview; then only alerts raised in the last RECENT_ON_LOAD_MS count.
 * Ids stay seen after they leave the capped history, so a re-read overview never repeats one.
 */
export function alertsToDeliver(alerts: readonly AlertItem[], seen: ReadonlySet<string> | null, nowMs: number): DeliveryStep {
  const isNew = (alert: AlertItem) => {
    if (seen) return !seen.has(alert.id);
    const raisedAt = Date.parse(alert.raisedAt);
    // A raisedAt slightly ahead of this clock (another machine's time) still counts as recent.
    return !Number.isNaN(raisedAt) && nowMs - raisedAt <= RECENT_ON_LOAD_MS;
  };
  const deliver = alerts.filter((alert) => isNew(alert) && !isSnoozed(alert, nowMs));
  return { deliver, seen: new Set([...(seen ?? []), ...alerts.map((alert) => alert.id)]) };
}

/**
 * A web notification only where the user granted it; otherwise (and always in Electron, whose main
 * process already notified) a banner in the page, so the alert is never lost and never doubled.
 */
export function deliveryChannel(access: NotificationAccess): 'notification' | 'banner' {
  return access === 'granted' ? 'notification' : 'banner';
}

/**
 * Banners still worth showing after a new overview: the alert is still in the history and its rule was
 * not snoozed meanwhile (a snooze from the history list, another tab or the CLI also mutes its banner).
 */
export function keepBanners(banners: readonly AlertItem[], alerts: readonly AlertItem[], nowMs: number): AlertItem[] {
  const current = new Map(alerts.map((alert) => [alert.id, alert]));
  return banners.filter((banner) => {
    const latest = current.get(banner.id);
    return latest !== undefined && !isSnoozed(latest, nowMs);
  });
}

/** The snooze lengths offered; `label` completes "Snooze for …". */
export const SNOOZE_OPTIONS = [
  { label: '1 hour', short: '1 h', ms: 60 * 60_000 },
  { label: '1 day', short: '1 day', ms: 24 * 60 * 60_000 },
  { label: '1 week', short: '1 week', ms: 7 * 24 * 60 * 60_000 },
] as const;

export const ONE_DAY_MS = SNOOZE_OPTIONS[1].ms;

export function snoozeUntil(durationMs: number, nowMs: number): string {
  return new Date(nowMs + durationMs).toISOString();
}

/** The engine lifts a snooze given a time already past; a minute back leaves room for clock jitter. */
export function unsnoozeTime(nowMs: number): string {
  return new Date(nowMs - 60_000).toISOString();
}
