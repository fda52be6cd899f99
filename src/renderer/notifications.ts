/**
 * Desktop notifications raised by the page itself. Only `spendbar serve` in a browser needs them: in
 * Electron the main process notifies (src/main/notifications.ts), so the page must never do it as well.
 */
import type { AlertItem, NotificationAccess } from './model/alert-delivery';

export interface PageNotifier {
  access(): NotificationAccess;
  /** Asks the browser (only while access is 'default'); resolves with the access now held. */
  requestPermission(): Promise<NotificationAccess>;
  /** `onClick` runs when the user clicks the notification, after the page got focus. */
  show(alert: AlertItem, onClick: () => void): void;
}

/** Electron, and the default for tests: the host notifies; the page only shows banners. */
export const hostNotifies: PageNotifier = {
  access: () => 'host',
  requestPermission: () => Promise.resolve('host'),
  show: () => {},
};

/** The web Notification API of `win`, for the browser bridge. */
export function webNotifier(win: Window): PageNotifier {
  // Absent in some browsers and in insecure contexts; then every alert becomes a banner.
  const api = (win as Window & { Notification?: typeof Notification }).Notification;
  return {
    access: () => api?.permission ?? 'unsupported',
    async requestPermission() {
      if (!api) return 'unsupported';
      if (api.permission !== 'default') return api.permission;
      return api.requestPermission();
    },
    show(alert, onClick) {
      if (!api || api.permission !== 'granted') return;
      // The alert id as tag: two open tabs raise one notification for one alert, not two.
      const notification = new api(alert.title, { body: alert.body, tag: alert.id });
      notification.onclick = () => {
        win.focus();
        notification.close();
        onClick();
      };
    },
  };
}
