/**
 * The alert settings form as the user types it, its instant checks (mirroring the engine's schema, whose
 * message still wins), and the request it saves. A draft is never rewritten: a refused value stays put.
 */
import type { AlertSettingsDto, ApiRequest } from '../../shared/api';
import { checkDecimal } from './validation';

export interface AlertSettingsDraft {
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  reconciliationPercent: string;
  reconciliationFloor: string;
}

export type AlertSettingsField = 'quietStart' | 'quietEnd' | 'reconciliationPercent' | 'reconciliationFloor';
export type AlertSettingsProblems = Partial<Record<AlertSettingsField, string>>;

/** Offered when quiet hours are switched on for the first time: a night. */
const DEFAULT_QUIET = { start: '22:00', end: '07:00' };
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function draftFrom(settings: AlertSettingsDto): AlertSettingsDraft {
  return {
    quietEnabled: settings.quietHours !== null,
    quietStart: settings.quietHours?.start ?? DEFAULT_QUIET.start,
    quietEnd: settings.quietHours?.end ?? DEFAULT_QUIET.end,
    reconciliationPercent: String(settings.reconciliationPercent),
    reconciliationFloor: settings.reconciliationFloor,
  };
}

function checkClockTime(text: string, which: 'start' | 'end'): string | null {
  if (text.trim() === '') return `Enter the time quiet hours ${which === 'start' ? 'start' : 'end'}, for example ${DEFAULT_QUIET[which]}.`;
  return CLOCK_TIME.test(text.trim()) ? null : `Use a 24-hour time such as ${DEFAULT_QUIET[which]}.`;
}

export function checkAlertSettings(draft: AlertSettingsDraft): AlertSettingsProblems {
  const problems: AlertSettingsProblems = {};
  if (draft.quietEnabled) {
    const start = checkClockTime(draft.quietStart, 'start');
    const end = checkClockTime(draft.quietEnd, 'end');
    if (start) problems.quietStart = start;
    if (end) problems.quietEnd = end;
    // The engine reads a window that starts where it ends as empty; saying so beats silently never being quiet.
    if (!start && !end && draft.quietStart.trim() === draft.quietEnd.trim()) problems.quietEnd = 'Quiet hours must end at a different time than they start.';
  }
  const percentText = draft.reconciliationPercent.trim();
  const percent = Number(percentText);
  if (!/^\d+(\.\d+)?$/.test(percentText) || percent < 1 || percent > 1000) {
    problems.reconciliationPercent = 'Enter a percentage from 1 to 1000.';
  }
  const floor = checkDecimal(draft.reconciliationFloor);
  if (floor) problems.reconciliationFloor = floor;
  else if (draft.reconciliationFloor.trim().startsWith('-')) problems.reconciliationFloor = 'The floor cannot be negative.';
  return problems;
}

export function settingsRequest(draft: AlertSettingsDraft): ApiRequest<'setAlertSettings'> {
  return {
    quietHours: draft.quietEnabled ? { start: draft.quietStart.trim(), end: draft.quietEnd.trim() } : null,
    reconciliationPercent: Number(draft.reconciliationPercent.trim()),
    reconciliationFloor: draft.reconciliationFloor.trim(),
  };
}

/**
 * Which control an engine error belongs to, from the error's field ("quietHours.start",
 * "reconciliationFloor"); a quiet-hours error without a side goes to the start time.
 */
export function fieldOfEngineError(field: string | undefined): AlertSettingsField | null {
  if (!field) return null;
  if (field === 'quietHours.end') return 'quietEnd';
  if (field.startsWith('quietHours')) return 'quietStart';
  if (field.startsWith('reconciliationPercent')) return 'reconciliationPercent';
  if (field.startsWith('reconciliationFloor')) return 'reconciliationFloor';
  return null;
}
