/**
 * Alerts in the store: which new alerts the page shows (banner or web notification, model/alert-delivery.ts),
 * snoozing, the notification permission, and the alert settings of the Settings view.
 */
import type { SpendbarBridge } from './bridge/types';
import { errorMessage as message } from './errors';
import { alertsToDeliver, deliveryChannel, keepBanners, snoozeUntil, unsnoozeTime } from './model/alert-delivery';
import type { PageNotifier } from './notifications';
import type { AlertsSlice, GetState, SetState } from './store-types';

export type { AlertsSlice };

export interface AlertsOptions {
  notifier: PageNotifier;
  now: () => number;
}

export function createAlertsSlice(api: SpendbarBridge, set: SetState, get: GetState, reloadOverview: () => Promise<void>, options: AlertsOptions): AlertsSlice {
  const { notifier, now } = options;
  // Ids seen on this page; null until the first overview, which is treated differently (alertsToDeliver).
  let seen: Set<string> | null = null;
  let pendingFocus: string | null = null;

  return {
    alertBanners: [],
    // Reading the browser's permission is a synchronous round trip to the browser process (tens of ms on
    // a busy machine), so it is not read before the first paint: store.start() reads it right after, a
    // delivery reads it before choosing the channel, and the Settings view reads it when it opens.
    notificationAccess: 'default',
    alertSettings: null,
    alertSettingsError: null,

    deliverAlerts(overview) {
      if (pendingFocus) {
        const accountId = pendingFocus;
        pendingFocus = null;
        get().focusAccount(accountId);
      }
      const nowMs = now();
      const step = alertsToDeliver(overview.alerts, seen, nowMs);
      seen = step.seen;
      const access = step.deliver.length > 0 ? notifier.access() : get().notificationAccess;
      const current = get().alertBanners;
      const kept = keepBanners(current, overview.alerts, nowMs);
      let banners = kept;
      if (deliveryChannel(access) === 'notification') {
        // Oldest first, so the newest ends up on top of the notification stack.
        for (const alert of [...step.deliver].reverse()) notifier.show(alert, () => get().openAlertAccount(alert));
      } else {
        banners = [...step.deliver, ...kept];
      }
      // Most overviews change nothing here; keeping the same array spares the banners a re-render.
      const unchanged = banners.length === current.length && banners.every((banner, index) => banner === current[index]);
      set({ notificationAccess: access, ...(unchanged ? {} : { alertBanners: banners }) });
    },

    dismissAlertBanner(id) {
      set({ alertBanners: get().alertBanners.filter((banner) => banner.id !== id) });
    },

    async snoozeAlert(id, durationMs) {
      await api.snoozeAlert({ id, until: snoozeUntil(durationMs, now()) });
      get().dismissAlertBanner(id);
      // The history shows "Snoozed until …" from the engine's own answer, and other banners of the same rule go.
      await reloadOverview();
    },

    async unsnoozeAlert(id) {
      await api.snoozeAlert({ id, until: unsnoozeTime(now()) });
      await reloadOverview();
    },

    openAlertAccount(alert, returnFocus) {
      if (alert.accountId) get().focusAccount(alert.accountId, returnFocus);
    },

    focusAccount(accountId, returnFocus) {
      const { overview, home, open } = get();
      if (!overview) {
        pendingFocus = accountId;
        return;
      }
      home();
      // An account removed since the alert has no detail to show; the list is the honest answer then.
      if (overview.accounts.some((account) => account.id === accountId)) open({ name: 'detail', accountId }, returnFocus ?? `row:${accountId}`);
    },

    async requestNotifications() {
      set({ notificationAccess: await notifier.requestPermission() });
    },

    readNotificationAccess() {
      set({ notificationAccess: notifier.access() });
    },

    async loadAlertSettings() {
      try {
        set({ alertSettings: await api.getAlertSettings({}), alertSettingsError: null });
      } catch (error) {
        set({ alertSettingsError: message(error) });
      }
    },

    async saveAlertSettings(request) {
      set({ alertSettings: await api.setAlertSettings(request) });
    },
  };
}
