import { describe, expect, it } from 'vitest';
import { describeRunway, formatAge, formatClockTime, formatCount, formatEntryDate, formatMaybeMoney, formatMoney, formatPercent, formatRunway, latestIso, localIsoDate, UNKNOWN } from './format';

// Some locales put a no-break space between number and symbol; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('shows cents even when the amount has none', () => {
    expect(formatMoney('12.5', 'USD', { locale: 'en-US' })).toBe('$12.50');
    expect(formatMoney('100', 'USD', { locale: 'en-US', precision: 'total' })).toBe('$100.00');
  });

  it('keeps fractional cents up to six decimals in exact mode, and rounds totals to cents', () => {
    expect(formatMoney('0.001234', 'USD', { locale: 'en-US' })).toBe('$0.001234');
    expect(formatMoney('12.3456789', 'USD', { locale: 'en-US' })).toBe('$12.345679');
    expect(formatMoney('12.345678', 'USD', { locale: 'en-US', precision: 'total' })).toBe('$12.35');
  });

  it('formats the decimal string exactly, without float error', () => {
    expect(formatMoney('9007199254740993.01', 'USD', { locale: 'en-US', precision: 'total' })).toBe(
      '$9,007,199,254,740,993.01',
    );
  });

  it("follows the user's locale and the currency's own digits", () => {
    expect(plain(formatMoney('1234.5', 'EUR', { locale: 'de-DE' }))).toBe('1.234,50 €');
    expect(formatMoney('1234', 'JPY', { locale: 'en-US', precision: 'total' })).toBe('¥1,234');
    expect(formatMoney('-5.2', 'USD', { locale: 'en-US' })).toBe('-$5.20');
  });

  it('falls back to "amount CODE" for a code Intl does not know or an unreadable amount', () => {
    expect(formatMoney('42', 'CREDITS', { locale: 'en-US' })).toBe('42 CREDITS');
    expect(formatMoney('1e5', 'USD', { locale: 'en-US' })).toBe('1e5 USD');
  });
});

describe('formatMaybeMoney', () => {
  it('shows an unknown figure as a dash, never as zero', () => {
    expect(formatMaybeMoney(null)).toBe(UNKNOWN);
    expect(formatMaybeMoney(undefined)).toBe(UNKNOWN);
    expect(formatMaybeMoney({ amount: '0', currency: 'USD' }, { locale: 'en-US' })).toBe('$0.00');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-11-21T12:00:00.000Z');
  it.each([
    ['2026-11-21T11:59:30.000Z', 'just now'],
    ['2026-11-21T12:00:30.000Z', 'just now'],
    ['2026-11-21T11:55:00.000Z', '5 min ago'],
    ['2026-11-21T10:00:00.000Z', '2 h ago'],
    ['2026-11-21T09:01:00.000Z', '2 h ago'],
    ['2026-11-18T12:00:00.000Z', '3 d ago'],
    ['not a date', ''],
  ])('%s -> %s', (since, expected) => {
    expect(formatAge(since, now)).toBe(expected);
  });
});

describe('formatClockTime', () => {
  it('shows only the time for today and adds the date for an earlier day', () => {
    const now = new Date(2026, 10, 21, 15, 0).getTime();
    expect(formatClockTime(new Date(2026, 10, 21, 10, 4).toISOString(), now, 'en-US')).toBe('10:04 AM');
    expect(plain(formatClockTime(new Date(2026, 10, 20, 10, 4).toISOString(), now, 'en-US'))).toBe(
      'Nov 20, 10:04 AM',
    );
    expect(formatClockTime('garbage', now, 'en-US')).toBe('');
  });
});

describe('localIsoDate', () => {
  it('uses the local calendar date, zero-padded', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localIsoDate(new Date(2026, 11, 31, 0, 1))).toBe('2026-12-31');
  });
});

describe('formatEntryDate', () => {
  const now = new Date(2026, 10, 21, 12, 0).getTime();
  it('reads the date as a local calendar day, with the year only when it is not this year', () => {
    expect(formatEntryDate('2026-11-01', now, 'en-US')).toBe('Nov 1');
    expect(formatEntryDate('2025-12-31', now, 'en-US')).toBe('Dec 31, 2025');
    expect(formatEntryDate('yesterday', now, 'en-US')).toBe('yesterday');
  });
});

describe('latestIso', () => {
  it('picks the latest timestamp and ignores missing ones', () => {
    expect(latestIso([null, '2026-11-21T10:00:00Z', '2026-11-21T11:00:00Z', null])).toBe('2026-11-21T11:00:00Z');
    expect(latestIso([null])).toBeNull();
  });
});

describe('formatRunway and describeRunway', () => {
  it('shows whole days, a floor under one day, and a dash when unknown', () => {
    expect(formatRunway(12.7)).toBe('12 d');
    expect(formatRunway(0.4)).toBe('< 1 d');
    expect(formatRunway(null)).toBe(UNKNOWN);
    expect(formatRunway(5000)).toBe('999+ d');
    expect(describeRunway(1.2)).toBe('1 day of credit left at the recent burn rate');
    expect(describeRunway(undefined)).toBe('Runway unknown');
  });
});

describe('formatPercent and formatCount', () => {
  it('follow the locale', () => {
    expect(formatPercent(0.374, 'en-US')).toBe('37%');
    expect(plain(formatPercent(0.374, 'de-DE'))).toBe('37 %');
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
  });
});
