import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { HostAlert } from '../core/host/host.js';
import { createNotifier, type NotificationClass } from './notifications.js';

const alert: HostAlert = {
  id: 'low-balance:openrouter:work@2026-11-21T10:00:00.000Z',
  accountId: 'openrouter:work',
  kind: 'low-balance',
  title: 'Low balance: OpenRouter (work)',
  body: '5.50 USD left, below your 10.00 USD alert.',
  raisedAt: '2026-11-21T10:00:00.000Z',
  snoozedUntil: null,
};

function fakeNotificationClass(supported: boolean) {
  const created: (EventEmitter & { options: unknown; shown: boolean })[] = [];
  class FakeNotification extends EventEmitter {
    shown = false;
    constructor(readonly options: unknown) {
      super();
      created.push(this);
    }
    static isSupported() {
      return supported;
    }
    show() {
      this.shown = true;
    }
  }
  return { Notification: FakeNotification as unknown as NotificationClass, created };
}

describe('native notifications', () => {
  it('shows the alert’s title and body, and a click opens the popover with that alert', () => {
    const { Notification, created } = fakeNotificationClass(true);
    const onClick = vi.fn();
    createNotifier({ Notification, onClick })(alert);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ options: { title: alert.title, body: alert.body }, shown: true });
    created[0]!.emit('click');
    expect(onClick).toHaveBeenCalledWith(alert);
  });

  it('shows nothing where the platform has no notifications', () => {
    const { Notification, created } = fakeNotificationClass(false);
    createNotifier({ Notification, onClick: vi.fn() })(alert);
    expect(created).toHaveLength(0);
  });
});
