/**
 * Native notifications for the host's alerts. A click opens the popover on the alert's account.
 * Electron's Notification class comes in as a parameter, so this is unit-tested with a fake.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { HostAlert } from '../core/host/host.js';

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

export interface NotifierOptions {
  Notification: NotificationClass;
  onClick(alert: HostAlert): void;
}

/** Returns the function to call with each alert. */
export function createNotifier(options: NotifierOptions): (alert: HostAlert) => void {
  // Electron holds a notification only weakly; once collected its click never reaches us, so each is
  // kept until clicked or closed (https://github.com/electron/electron/issues/16922).
  const shown = new Set<NotificationLike>();
  return (alert) => {
    // Linux without a notification daemon: the popover's history still lists the alert.
    if (!options.Notification.isSupported()) return;
    const notification = new options.Notification({ title: alert.title, body: alert.body });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      options.onClick(alert);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };
}
