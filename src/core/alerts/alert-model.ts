/**
 * The shapes the alert decisions work on: settings the user chooses, the state carried from one
 * evaluation to the next (persisted as alerts.json), and the alerts raised. Money is kept as exact
 * decimal strings in the state, so the file round-trips without floats.
 */
import { z } from 'zod';
import { quietHoursSchema, type AlertSettingsDto } from '../../shared/api.js';

export type QuietHours = z.infer<typeof quietHoursSchema>;

export const alertSettingsSchema = z.object({
  /** Alerts decided inside this window are held and delivered after it (or dropped if resolved). */
  quietHours: quietHoursSchema.nullable().default(null),
  /** Official and estimated spend may differ by this much (percent of the official figure) before we say so. */
  reconciliationPercent: z.number().min(1).max(1000).default(20),
  /** ...and by at least this amount in the account's currency, so cents never trigger it. */
  reconciliationFloor: z.string().regex(/^\d+(\.\d+)?$/).default('1.00'),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema> & AlertSettingsDto;
export const defaultAlertSettings: AlertSettings = alertSettingsSchema.parse({});

/** What is shown and notified: the Overview's alert item. */
export const raisedAlertSchema = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  raisedAt: z.string(),
  /** The rule instance that raised it (e.g. "low-balance:openrouter:env"); snoozes and holds refer to it. */
  key: z.string(),
  snoozeKey: z.string(),
});
export type RaisedAlert = z.infer<typeof raisedAlertSchema>;

const amountJson = z.object({ amount: z.string(), currency: z.string() });

/** What the previous fresh figures of an account were, to spot top-ups and compare spend with balance. */
const accountTrackSchema = z.object({
  balance: amountJson.extend({ at: z.string() }).optional(),
  official: amountJson.extend({ month: z.string() }).optional(),
  /** Spend seen both ways across poll intervals without a top-up, this month. */
  reconciliation: z
    .object({ month: z.string(), currency: z.string(), official: z.string(), estimated: z.string(), since: z.string() })
    .optional(),
});
export type AccountTrack = z.infer<typeof accountTrackSchema>;

export const topUpSchema = amountJson.extend({ accountId: z.string(), at: z.string() });
export type DetectedTopUp = z.infer<typeof topUpSchema>;

export const alertStateSchema = z.object({
  /** Conditions that fired and have not re-armed, by rule key: a key here never fires again. */
  active: z.record(z.string(), z.object({ since: z.string() })).default({}),
  /** Decided during quiet hours, delivered after them if still active. */
  held: z.array(raisedAlertSchema).default([]),
  /** Snooze key -> until (ISO). */
  snoozes: z.record(z.string(), z.string()).default({}),
  /** Delivered alerts, newest first, capped. */
  history: z.array(raisedAlertSchema).default([]),
  accounts: z.record(z.string(), accountTrackSchema).default({}),
  /** Balance rises seen between polls (payments, auto-recharge), newest first, capped. */
  topUps: z.array(topUpSchema).default([]),
  lastEvaluatedAt: z.string().optional(),
});
export type AlertState = z.infer<typeof alertStateSchema>;
export const emptyAlertState = (): AlertState => alertStateSchema.parse({});

export const HISTORY_LIMIT = 50;
export const TOP_UP_LIMIT = 50;
