/**
 * settings.json: configured accounts and their non-secret settings. Kept with `conf` (the store beneath
 * electron-store) so it runs under plain Node for the CLI and `serve` as well as in the app.
 */
import Conf from 'conf';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, type Warn } from './files.js';

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

const settingsSchema = z.object({
  version: z.literal(1).default(1),
  accounts: z.array(accountConfigSchema).default([]),
  preferences: z
    .object({ launchAtLogin: z.boolean().default(false), monthlyBudget: z.record(z.string(), z.string()).default({}) })
    .default({ launchAtLogin: false, monthlyBudget: {} }),
});
export type StoredPreferences = z.infer<typeof settingsSchema>['preferences'];
type Settings = z.infer<typeof settingsSchema>;

export const SETTINGS_FILE = 'settings.json';

export class SettingsStore {
  private readonly conf: Conf<Settings>;

  constructor(dataDir: string, warn: Warn) {
    // conf would throw on a broken file (or clear it with clearInvalidConfig); we move it aside instead.
    readJsonFile(join(dataDir, SETTINGS_FILE), settingsSchema, warn);
    this.conf = new Conf<Settings>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'spendbar',
      defaults: { version: 1, accounts: [], preferences: { launchAtLogin: false, monthlyBudget: {} } },
      configFileMode: 0o600,
    });
  }

  /** Re-read from disk every time: another Spendbar process may have changed it. */
  accounts(): AccountConfig[] {
    const parsed = settingsSchema.safeParse(this.conf.store);
    return parsed.success ? parsed.data.accounts : [];
  }

  saveAccounts(accounts: AccountConfig[]): void {
    this.conf.set('accounts', accounts);
  }

  preferences(): StoredPreferences {
    const parsed = settingsSchema.safeParse(this.conf.store);
    return parsed.success ? parsed.data.preferences : { launchAtLogin: false, monthlyBudget: {} };
  }

  savePreferences(preferences: StoredPreferences): void {
    this.conf.set('preferences', preferences);
  }
}
