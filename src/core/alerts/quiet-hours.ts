/** Quiet hours in the user's local time; a window may span midnight (22:00-07:00). */
import type { QuietHours } from './alert-model.js';

export function minutesOf(clockTime: string): number {
  const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Start inclusive, end exclusive; a window that starts where it ends is empty (no quiet hours). */
export function isQuietTime(quietHours: QuietHours | null, minuteOfDay: number): boolean {
  if (!quietHours) return false;
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/** The local time of day the quiet-hours check needs, taken from the machine's time zone. */
export function localMinuteOfDay(date: Date): number {
  return date.getHours() * 60 + date.getMinutes();
}
