import { describe, expect, it, vi } from 'vitest';
import type { Overview } from '../shared/api';
import type { OverviewListener } from './bridge/types';
import type { AlertItem, NotificationAccess } from './model/alert-delivery';
import type { PageNotifier } from './notifications';
import { createSpendbarStore } from './store';
import { makeBridge, makeOverview } from './test-support';

const NOW = Date.parse('2026-11-21T10:00:00.000Z');
const lowBalance: AlertItem = {
  id: 'low-balance:openrouter:env@2026-11-21T10:00:00.000Z',
  accountId: 'openrouter:env',
  kind: 'low-balance',
  title: 'Low balance: OpenRouter (env)',
  body: '60.50 USD left, below your 70.00 USD alert.',
  raisedAt: '2026-11-21T10:00:00.000Z',
  snoozedUntil: null,
};

/** A store on a bridge whose overviews the test pushes, with a notifier that records what it shows. */
function setup(access: NotificationAccess) {
  let listener: OverviewListener = () => {};
  let focusListener: (accountId: string) => void = () => {};
  let generation = 0;
  let alerts: AlertItem[] = [];
  const overview = (): Overview => makeOverview({ generatedAt: new Date(NOW + ++generation * 1000).toISOString(), alerts });
  const bridge = makeBridge({
    getOverview: vi.fn(async () => overview()),
    snoozeAlert: vi.fn(async ({ until }) => {
      alerts = alerts.map((alert) => ({ ...alert, snoozedUntil: Date.parse(until) > NOW ? until : null }));
      return { snoozedUntil: Date.parse(until) > NOW ? until : null };
    }),
    onOverview: (next) => {
      listener = next;
      return () => {};
    },
    onFocusAccount: (next) => {
      focusListener = next;
      return () => {};
    },
  });
  const shown: Array<{ alert: AlertItem; click: () => void }> = [];
  const notifier: PageNotifier = {
    access: () => access,
    requestPermission: async () => access,
    show: (alert, click) => shown.push({ alert, click }),
  };
  const store = createSpendbarStore(bridge, { notifier, now: () => NOW });
  const push = (next: AlertItem[]) => {
    alerts = next;
    listener(overview());
  };
  return { store, bridge, shown, push, focus: (accountId: string) => focusListener(accountId) };
}

describe('alerts in the store', () => {
  it('shows a new alert once as a banner when notifications are not granted', async () => {
    const { store, shown, push } = setup('default');
    store.getState().start();
    push([]);
    push([lowBalance]);
    push([lowBalance]);
    expect(store.getState().alertBanners.map((alert) => alert.id)).toEqual([lowBalance.id]);
    expect(shown).toEqual([]);
  });

  it('raises a web notification instead when granted, and its click opens the account', () => {
    const { store, shown, push } = setup('granted');
    store.getState().start();
    push([]);
    push([lowBalance]);
    push([lowBalance]);
    expect(store.getState().alertBanners).toEqual([]);
    expect(shown.map((entry) => entry.alert.id)).toEqual([lowBalance.id]);
    shown[0]!.click();
    expect(store.getState().view).toEqual({ name: 'detail', accountId: 'openrouter:env' });
  });

  it('in Electron (the host notifies) shows the banner in the popover and never notifies from the page', () => {
    const { store, shown, push } = setup('host');
    store.getState().start();
    push([]);
    push([lowBalance]);
    expect(store.getState().alertBanners).toHaveLength(1);
    expect(shown).toEqual([]);
  });

  it('snoozing from the banner mutes the rule for a day, removes the banner and re-reads the history', async () => {
    const { store, bridge, push } = setup('default');
    store.getState().start();
    push([]);
    push([lowBalance]);
    await store.getState().snoozeAlert(lowBalance.id, 24 * 60 * 60_000);
    expect(bridge.snoozeAlert).toHaveBeenCalledWith({ id: lowBalance.id, until: '2026-11-22T10:00:00.000Z' });
    expect(store.getState().alertBanners).toEqual([]);
    expect(store.getState().overview?.alerts[0]?.snoozedUntil).toBe('2026-11-22T10:00:00.000Z');
    // Lifting the snooze does not bring the banner back: the alert was already seen on this page.
    await store.getState().unsnoozeAlert(lowBalance.id);
    expect(bridge.snoozeAlert).toHaveBeenLastCalledWith({ id: lowBalance.id, until: '2026-11-21T09:59:00.000Z' });
    expect(store.getState().overview?.alerts[0]?.snoozedUntil).toBeNull();
    expect(store.getState().alertBanners).toEqual([]);
  });

  it('keeps a banner when dismissing another, and drops one whose rule was snoozed elsewhere', () => {
    const { store, push } = setup('default');
    const budget: AlertItem = { ...lowBalance, id: 'budget:USD@x', accountId: null, kind: 'budget', title: 'Budget 80%' };
    store.getState().start();
    push([]);
    push([budget, lowBalance]);
    store.getState().dismissAlertBanner(budget.id);
    expect(store.getState().alertBanners.map((alert) => alert.id)).toEqual([lowBalance.id]);
    push([budget, { ...lowBalance, snoozedUntil: '2026-11-22T10:00:00.000Z' }]);
    expect(store.getState().alertBanners).toEqual([]);
  });

  it('opens the account of a clicked native notification (Electron), even before the first overview', () => {
    const { store, push, focus } = setup('host');
    store.getState().start();
    focus('openrouter:env');
    expect(store.getState().view).toEqual({ name: 'home' });
    push([]);
    expect(store.getState().view).toEqual({ name: 'detail', accountId: 'openrouter:env' });
    store.getState().open({ name: 'settings' });
    focus('openrouter:env');
    expect(store.getState().view).toEqual({ name: 'detail', accountId: 'openrouter:env' });
    expect(store.getState().previousViews).toEqual([{ name: 'home' }]);
    // An account removed since: back to the list rather than an empty detail view.
    focus('openai:gone');
    expect(store.getState().view).toEqual({ name: 'home' });
  });
});
