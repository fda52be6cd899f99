import { describe, expect, it } from 'vitest';
import { alertsToDeliver, deliveryChannel, keepBanners, RECENT_ON_LOAD_MS, snoozeUntil, unsnoozeTime, type AlertItem } from './alert-delivery';

const NOW = Date.parse('2026-11-21T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function alert(id: string, raisedAt: string, snoozedUntil: string | null = null): AlertItem {
  return { id, accountId: 'openrouter:env', kind: 'low-balance', title: `Alert ${id}`, body: '', raisedAt, snoozedUntil };
}

const ids = (alerts: readonly AlertItem[]) => alerts.map((item) => item.id);

describe('alertsToDeliver at first load', () => {
  it('shows only alerts raised in the last ten minutes, and counts every alert as seen', () => {
    const alerts = [alert('fresh', minutesAgo(2)), alert('edge', minutesAgo(10)), alert('old', minutesAgo(11)), alert('yesterday', minutesAgo(24 * 60))];
    const step = alertsToDeliver(alerts, null, NOW);
    expect(ids(step.deliver)).toEqual(['fresh', 'edge']);
    expect([...step.seen].sort()).toEqual(['edge', 'fresh', 'old', 'yesterday']);
    expect(RECENT_ON_LOAD_MS).toBe(10 * 60_000);
  });

  it('leaves out a recent alert whose rule is snoozed, but not one whose snooze has ended', () => {
    const alerts = [alert('muted', minutesAgo(1), minutesAgo(-60)), alert('woke', minutesAgo(1), minutesAgo(0.5))];
    expect(ids(alertsToDeliver(alerts, null, NOW).deliver)).toEqual(['woke']);
  });

  it('treats a raisedAt slightly in the future (clock skew) as recent, and an unreadable one as old', () => {
    const alerts = [alert('ahead', minutesAgo(-1)), alert('garbled', 'not a date')];
    expect(ids(alertsToDeliver(alerts, null, NOW).deliver)).toEqual(['ahead']);
  });

  it('shows nothing when the history is empty', () => {
    expect(alertsToDeliver([], null, NOW)).toEqual({ deliver: [], seen: new Set() });
  });
});

describe('alertsToDeliver after first load', () => {
  it('shows an alert once, however many overviews repeat it', () => {
    const first = alertsToDeliver([alert('a', minutesAgo(60))], null, NOW);
    const fell = [alert('b', minutesAgo(0)), alert('a', minutesAgo(60))];
    const second = alertsToDeliver(fell, first.seen, NOW);
    expect(ids(second.deliver)).toEqual(['b']);
    expect(ids(alertsToDeliver(fell, second.seen, NOW).deliver)).toEqual([]);
  });

  it('shows a new alert whatever its age (it was raised while the page was open but polled late)', () => {
    const first = alertsToDeliver([], null, NOW);
    expect(ids(alertsToDeliver([alert('late', minutesAgo(90))], first.seen, NOW).deliver)).toEqual(['late']);
  });

  it('never repeats an alert that left the capped history and came back in a re-read', () => {
    const first = alertsToDeliver([alert('a', minutesAgo(1))], null, NOW);
    const without = alertsToDeliver([alert('b', minutesAgo(0))], first.seen, NOW);
    expect(ids(alertsToDeliver([alert('a', minutesAgo(1))], without.seen, NOW).deliver)).toEqual([]);
  });

  it('does not show a new alert that arrives already snoozed, nor later once the snooze is lifted', () => {
    const first = alertsToDeliver([], null, NOW);
    const muted = alertsToDeliver([alert('a', minutesAgo(0), minutesAgo(-30))], first.seen, NOW);
    expect(muted.deliver).toEqual([]);
    expect(alertsToDeliver([alert('a', minutesAgo(0))], muted.seen, NOW).deliver).toEqual([]);
  });
});

describe('deliveryChannel', () => {
  it('uses a web notification only where the user granted it, else a banner; never one in Electron', () => {
    expect(deliveryChannel('granted')).toBe('notification');
    expect(deliveryChannel('default')).toBe('banner');
    expect(deliveryChannel('denied')).toBe('banner');
    expect(deliveryChannel('unsupported')).toBe('banner');
    expect(deliveryChannel('host')).toBe('banner');
  });
});

describe('keepBanners', () => {
  it('drops banners whose rule got snoozed elsewhere or that left the history, keeps the rest in order', () => {
    const banners = [alert('a', minutesAgo(0)), alert('b', minutesAgo(1)), alert('c', minutesAgo(2))];
    const overview = [alert('a', minutesAgo(0)), alert('b', minutesAgo(1), minutesAgo(-60))];
    expect(ids(keepBanners(banners, overview, NOW))).toEqual(['a']);
  });
});

describe('snooze times', () => {
  it('snoozes from now and unsnoozes with a time already past', () => {
    expect(snoozeUntil(60 * 60_000, NOW)).toBe('2026-11-21T11:00:00.000Z');
    expect(Date.parse(unsnoozeTime(NOW))).toBeLessThan(NOW);
  });
});
