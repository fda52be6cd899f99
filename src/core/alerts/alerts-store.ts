/**
 * alerts.json: the alert settings (quiet hours, reconciliation tolerance) and the state the decisions
 * carry between evaluations (active conditions, held alerts, snoozes, history, detected top-ups).
 * Shared by the app, the CLI and `serve` on one folder, so every read-modify-write happens under the
 * data folder lock; a damaged file is moved aside and alerting starts afresh.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { alertSettingsSchema, alertStateSchema, defaultAlertSettings, emptyAlertState, type AlertSettings, type AlertState } from './alert-model.js';
import { readJsonFile, writeJsonAtomic, type StoreContext, type Warn } from '../store/files.js';

const alertsFileSchema = z.object({
  version: z.literal(1),
  settings: alertSettingsSchema.default(defaultAlertSettings),
  state: alertStateSchema.default(emptyAlertState),
});
type AlertsFile = z.infer<typeof alertsFileSchema>;

export const ALERTS_FILE = 'alerts.json';

export class AlertsStore {
  private readonly path: string;
  private readonly context: StoreContext;

  constructor(dataDir: string, warn: Warn) {
    this.path = join(dataDir, ALERTS_FILE);
    this.context = { dataDir, warn };
  }

  read(): { settings: AlertSettings; state: AlertState } {
    const file = readJsonFile(this.path, alertsFileSchema, this.context);
    return { settings: file?.settings ?? defaultAlertSettings, state: file?.state ?? emptyAlertState() };
  }

  /** Call inside the data folder lock. */
  writeState(state: AlertState): void {
    this.write({ ...this.read(), state });
  }

  /** Call inside the data folder lock. */
  writeSettings(settings: AlertSettings): void {
    this.write({ ...this.read(), settings });
  }

  private write(file: Omit<AlertsFile, 'version'>): void {
    writeJsonAtomic(this.path, { version: 1, settings: file.settings, state: file.state } satisfies AlertsFile);
  }
}
