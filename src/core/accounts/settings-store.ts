/**
 * settings.json: configured accounts and their non-secret settings, shared by the app, the CLI and
 * `serve`. Written like every other file of the data folder (whole or not at all, under the lock).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';

export const accountConfigSchema = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  settings: z.record(z.string(), z.string()).default({}),
  /** Poll interval chosen by the user; the provider's floor still applies. */
  intervalMinutes: z.number().positive().optional(),
  thresholds: z
    .object({ lowBalance: z.string().optional(), lowRunwayDays: z.number().optional(), monthlyBudget: z.string().optional() })
    .default({}),
});
export type AccountConfig = z.infer<typeof accountConfigSchema>;

/** How the app looks at a glance (issue 13); every field defaults to what Spendbar did before. */
const glancePreferences = {
  /** Null: no converted total (the default). */
  displayCurrency: z.string().nullable().default(null),
  /** Keyed by the currency converted from: one unit is worth `rate` of `currency`. */
  userRates: z.record(z.string(), z.object({ rate: z.string(), currency: z.string(), setOn: z.string() })).default({}),
  ratesRefresh: z.boolean().default(false),
  trayTitle: z
    .object({ format: z.enum(['total', 'total-runway', 'lowest-balance', 'none']).default('total'), precision: z.enum(['whole', 'cents']).default('cents') })
    .default({ format: 'total', precision: 'cents' }),
  shortcut: z.string().nullable().default(null),
};

/** The local OpenTelemetry receiver: off until the user turns it on (it opens a port). */
export const DEFAULT_OTLP_RECEIVER = { enabled: false, port: 4318 };
const otlpReceiverSchema = z.object({ enabled: z.boolean().default(false), port: z.number().int().min(1).max(65535).default(4318) });

const defaultPreferences = {
  launchAtLogin: false,
  monthlyBudget: {},
  displayCurrency: null,
  userRates: {},
  ratesRefresh: false,
  trayTitle: { format: 'total', precision: 'cents' },
  shortcut: null,
  otlpReceiver: DEFAULT_OTLP_RECEIVER,
} as const;
/**
 * Whose usage a coding agent's logs show: a subscription's (Claude Pro/Max, ChatGPT plans; shown as
 * API-equivalent, never added to spend) or an API account's (tracked spend on that account, reconciled
 * against its official figure). Most coding-agent users are on a subscription, so that is the default.
 */
export const trackedSourceSettingSchema = z.object({
  enabled: z.boolean().default(true),
  billing: z.enum(['subscription', 'api']).default('subscription'),
  /** The API account's name (provider: anthropic for Claude Code, openai for Codex) when billing is `api`. */
  account: z.string().optional(),
});
export type TrackedSourceSetting = z.infer<typeof trackedSourceSettingSchema>;
export const defaultTrackedSourceSetting: TrackedSourceSetting = { enabled: true, billing: 'subscription' };

const settingsSchema = z.object({
  version: z.literal(1).default(1),
  accounts: z.array(accountConfigSchema).default([]),
  preferences: z
    .object({ launchAtLogin: z.boolean().default(false), monthlyBudget: z.record(z.string(), z.string()).default({}), ...glancePreferences, otlpReceiver: otlpReceiverSchema.default(DEFAULT_OTLP_RECEIVER) })
    .default({ ...defaultPreferences, monthlyBudget: {}, userRates: {}, trayTitle: { ...defaultPreferences.trayTitle }, otlpReceiver: { ...DEFAULT_OTLP_RECEIVER } }),
  /** Per agent-log source (claude-code, codex); absent in files written before sources existed. */
  trackedSources: z.record(z.string(), trackedSourceSettingSchema).optional(),
});
export type StoredPreferences = z.infer<typeof settingsSchema>['preferences'];
type Settings = z.infer<typeof settingsSchema>;

export const SETTINGS_FILE = 'settings.json';

const defaults: Settings = { version: 1, accounts: [], preferences: { ...defaultPreferences, monthlyBudget: {}, userRates: {}, trayTitle: { ...defaultPreferences.trayTitle }, otlpReceiver: { ...DEFAULT_OTLP_RECEIVER } } };

export class SettingsStore {
  private readonly path: string;
  private readonly context: StoreContext;

  constructor(dataDir: string, warn: Warn) {
    this.path = join(dataDir, SETTINGS_FILE);
    this.context = { dataDir, warn };
    // Read once now, so a damaged file is moved aside (and reported) when the app starts.
    this.read();
  }

  /** Re-read from disk every time: another Spendbar process may have changed it. */
  accounts(): AccountConfig[] {
    return this.read().accounts;
  }

  /** Call inside the data folder lock. */
  saveAccounts(accounts: AccountConfig[]): void {
    this.write({ ...this.read(), accounts });
  }

  preferences(): StoredPreferences {
    return this.read().preferences;
  }

  /** Call inside the data folder lock. */
  savePreferences(preferences: StoredPreferences): void {
    this.write({ ...this.read(), preferences });
  }

  /** The saved choice for a source, or the default (on, subscription). */
  trackedSource(source: string): TrackedSourceSetting {
    return this.read().trackedSources?.[source] ?? defaultTrackedSourceSetting;
  }

  /** Call inside the data folder lock. */
  saveTrackedSource(source: string, setting: TrackedSourceSetting): void {
    const current = this.read();
    this.write({ ...current, trackedSources: { ...current.trackedSources, [source]: setting } });
  }

  private read(): Settings {
    return readJsonFile(this.path, settingsSchema, this.context) ?? defaults;
  }

  private write(settings: Settings): void {
    writeJsonAtomic(this.path, settings);
  }
}
