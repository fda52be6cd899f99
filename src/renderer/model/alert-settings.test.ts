import { describe, expect, it } from 'vitest';
import { checkAlertSettings, draftFrom, fieldOfEngineError, settingsRequest, type AlertSettingsDraft } from './alert-settings';

const saved = { quietHours: null, reconciliationPercent: 20, reconciliationFloor: '1.00' };
const draft = (changes: Partial<AlertSettingsDraft> = {}): AlertSettingsDraft => ({ ...draftFrom(saved), ...changes });

describe('alert settings form', () => {
  it('starts from the saved settings, offering a night when quiet hours are off', () => {
    expect(draftFrom(saved)).toEqual({ quietEnabled: false, quietStart: '22:00', quietEnd: '07:00', reconciliationPercent: '20', reconciliationFloor: '1.00' });
    expect(draftFrom({ ...saved, quietHours: { start: '23:30', end: '06:15' } })).toMatchObject({ quietEnabled: true, quietStart: '23:30', quietEnd: '06:15' });
  });

  it('accepts the saved settings and saves quiet hours only when enabled', () => {
    expect(checkAlertSettings(draft())).toEqual({});
    expect(settingsRequest(draft())).toEqual({ quietHours: null, reconciliationPercent: 20, reconciliationFloor: '1.00' });
    expect(settingsRequest(draft({ quietEnabled: true, reconciliationPercent: ' 35.5 ', reconciliationFloor: ' 2 ' }))).toEqual({
      quietHours: { start: '22:00', end: '07:00' },
      reconciliationPercent: 35.5,
      reconciliationFloor: '2',
    });
  });

  it('names the quiet-hours field at fault: empty, not a 24-hour time, or ending where it starts', () => {
    expect(checkAlertSettings(draft({ quietEnabled: true, quietEnd: '' }))).toEqual({ quietEnd: expect.stringMatching(/^Enter the time quiet hours end/) });
    expect(checkAlertSettings(draft({ quietEnabled: true, quietStart: '24:00' }))).toEqual({ quietStart: 'Use a 24-hour time such as 22:00.' });
    expect(checkAlertSettings(draft({ quietEnabled: true, quietStart: '07:00' }))).toEqual({ quietEnd: expect.stringMatching(/different time/) });
    // Switched off, whatever is left in the time fields does not matter.
    expect(checkAlertSettings(draft({ quietEnabled: false, quietEnd: '' }))).toEqual({});
  });

  it('refuses a percentage outside 1..1000 and a floor that is not a non-negative amount', () => {
    for (const percent of ['0', '1001', 'ten', '', '-5']) {
      expect(checkAlertSettings(draft({ reconciliationPercent: percent })).reconciliationPercent).toBe('Enter a percentage from 1 to 1000.');
    }
    expect(checkAlertSettings(draft({ reconciliationPercent: '1000' }))).toEqual({});
    expect(checkAlertSettings(draft({ reconciliationFloor: '1,50' })).reconciliationFloor).toMatch(/not an amount/);
    expect(checkAlertSettings(draft({ reconciliationFloor: '-1' })).reconciliationFloor).toBe('The floor cannot be negative.');
    expect(checkAlertSettings(draft({ reconciliationFloor: '0' }))).toEqual({});
  });

  it('puts an engine error beside the control its field names', () => {
    expect(fieldOfEngineError('quietHours.start')).toBe('quietStart');
    expect(fieldOfEngineError('quietHours.end')).toBe('quietEnd');
    expect(fieldOfEngineError('quietHours')).toBe('quietStart');
    expect(fieldOfEngineError('reconciliationPercent')).toBe('reconciliationPercent');
    expect(fieldOfEngineError('reconciliationFloor')).toBe('reconciliationFloor');
    expect(fieldOfEngineError('somethingElse')).toBeNull();
    expect(fieldOfEngineError(undefined)).toBeNull();
  });
});
