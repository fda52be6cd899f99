/**
 * Where the pure decisions meet the data folder: reads alerts.json, decides on the overview just
 * built, writes the new state, all under the data folder lock so the app, the CLI and `serve` on one
 * folder never notify the same crossing twice. Also the snooze and settings calls of the API.
 */
import type { Overview, Thresholds } from '../../shared/api.js';
import { parseRealDateTime } from '../model/billing-month.js';
import { InputError } from '../model/input-error.js';
import { formatAmount, parseAmount } from '../model/money.js';
import { AlertsStore } from './alerts-store.js';
import { withLock, type Warn } from '../store/files.js';
import { alertSettingsSchema, type AlertSettings, type DetectedTopUp, type QuietHours } from './alert-model.js';
import { decideAlerts, type AlertDecision } from './decide.js';
import { factsFromOverview } from './facts.js';
import { localMinuteOfDay } from './quiet-hours.js';

/** The longest snooze accepted: a year is "forever" for a monthly bill. */
const MAX_SNOOZE_MS = 366 * 86_400_000;

export interface AlertSettingsChange {
  quietHours?: QuietHours | null;
  reconciliationPercent?: number;
  reconciliationFloor?: string;
}

export class AlertCenter {
  private readonly store: AlertsStore;

  constructor(
    private readonly dataDir: string,
    warn: Warn,
    private readonly now: () => Date,
    private readonly minuteOfDay: (date: Date) => number = localMinuteOfDay,
  ) {
    this.store = new AlertsStore(dataDir, warn);
  }

  /** Decides on the current month's overview (built right after a poll); returns what to notify. */
  evaluate(overview: Overview, thresholdsOf: (accountId: string) => Thresholds | undefined, monthlyBudget: Readonly<Record<string, string>>): Promise<AlertDecision> {
    return withLock(this.dataDir, () => {
      const { settings, state } = this.store.read();
      const now = this.now();
      const facts = factsFromOverview(overview, thresholdsOf, monthlyBudget, now);
      const decision = decideAlerts(state, facts, settings, { now, minuteOfDay: this.minuteOfDay(now) });
      this.store.writeState(decision.state);
      return decision;
    });
  }

  /** The alert history for the Overview, newest first, with any snooze on each alert's key. */
  recent(): Overview['alerts'] {
    const { state } = this.store.read();
    const now = this.now().getTime();
    return state.history.map((alert) => {
      const until = state.snoozes[alert.snoozeKey];
      return alertView(alert, until && Date.parse(until) > now ? until : null);
    });
  }

  topUps(): DetectedTopUp[] {
    return this.store.read().state.topUps;
  }

  settings(): AlertSettings {
    return this.store.read().settings;
  }

  async updateSettings(changes: AlertSettingsChange): Promise<AlertSettings> {
    const floor = changes.reconciliationFloor === undefined ? undefined : parseAmount(changes.reconciliationFloor, 'reconciliationFloor');
    if (floor?.isNegative()) throw new InputError('The reconciliation floor cannot be negative.', 'reconciliationFloor');
    return withLock(this.dataDir, () => {
      const merged = { ...this.store.read().settings, ...changes, ...(floor ? { reconciliationFloor: formatAmount(floor) } : {}) };
      const parsed = alertSettingsSchema.safeParse(merged);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(`Alert settings: ${issue?.message ?? 'invalid'}.`, issue?.path.join('.') || undefined);
      }
      this.store.writeSettings(parsed.data);
      return parsed.data;
    });
  }

  /**
   * Mutes the rule behind one alert of the history until `until` (a time in the past lifts the snooze).
   * Budget alerts share one snooze per budget, so muting "80%" also mutes "100%" until then.
   */
  async snooze(alertId: string, until: string): Promise<string | null> {
    const untilMs = parseRealDateTime(until)?.getTime() ?? Number.NaN;
    if (!/^\d{4}-\d{2}-\d{2}T/.test(until) || Number.isNaN(untilMs)) throw new InputError(`"${until}" is not a date and time: use ISO 8601, for example 2026-11-21T09:00:00Z.`, 'until');
    const now = this.now().getTime();
    if (untilMs - now > MAX_SNOOZE_MS) throw new InputError('Snooze for at most a year.', 'until');
    return withLock(this.dataDir, () => {
      const { state } = this.store.read();
      const alert = [...state.history, ...state.held].find((candidate) => candidate.id === alertId);
      if (!alert) throw new InputError(`No alert with id ${alertId}.`, 'id');
      const snoozes = { ...state.snoozes };
      if (untilMs > now) snoozes[alert.snoozeKey] = new Date(untilMs).toISOString();
      else delete snoozes[alert.snoozeKey];
      this.store.writeState({ ...state, snoozes });
      return snoozes[alert.snoozeKey] ?? null;
    });
  }
}

/** An alert as the popover, the CLI and notifications see it: without the engine's bookkeeping keys. */
export function alertView<T extends { key: string; snoozeKey: string }>(alert: T, snoozedUntil: string | null = null): Omit<T, 'key' | 'snoozeKey'> & { snoozedUntil: string | null } {
  const { key: _key, snoozeKey: _snoozeKey, ...view } = alert;
  return { ...view, snoozedUntil };
}
