/**
 * What a front end gets from the host (the Electron main process, `spendbar serve`, the CLI's watch):
 * one service, its scheduler and the API handlers validated against src/shared/api.ts.
 */
import type { Overview, PollProgressEvent, SpendbarApi } from '../../shared/api.js';
import type { CliLocation } from './assistant-setup.js';

/** One alert as the Overview lists it; `accountId` is null for an overall budget. */
export type HostAlert = Overview['alerts'][number];

export interface OpenHostOptions {
  /** Folder holding settings.json and history/ (see data-dir.ts for the default). */
  dataDir: string;
  /** Serve built-in demo data instead of polling; nothing is written to disk. */
  demo?: boolean;
  /** Environment used for implicit accounts and base URL overrides (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Electron passes how to register the app as a login item; serve has none. */
  launchAtLogin?: (enabled: boolean) => void;
  /**
   * Where the `spendbar` CLI is, for the assistant (MCP) snippets: `serve` passes itself; the app leaves
   * it out and the host looks for an installed CLI each time Settings asks.
   */
  locateCli?: () => CliLocation | null;
  /** Electron passes how to register the global shortcut (src/main/shortcut.ts); serve has none. */
  applyShortcut?: (accelerator: string | null) => { ok: true } | { ok: false; message: string };
  /**
   * Run the local OpenTelemetry receiver when the user's setting says so, starting and stopping it as
   * the setting changes (the app and `serve`; `watch` runs it only with --otlp).
   */
  otlpFromSettings?: boolean;
}

export interface SpendbarHost {
  /** One function per API call; each validates its request and answers with the response schema. */
  readonly api: SpendbarApi;
  /** Start scheduled polling (one poll of every account right away, then per-account intervals). */
  start(): void;
  /** Stop polling while the machine sleeps or is offline; resume polls what is due at once. */
  pause(reason: 'sleep' | 'offline'): void;
  resume(): void;
  /** Each account's progress while a poll cycle runs: small events, no overview rebuilt per step. */
  onProgress(listener: (event: PollProgressEvent) => void): () => void;
  /**
   * Called after every change of what the overview would show: once at the end of each poll cycle, and
   * after an entry, account or setting changes.
   */
  onOverview(listener: (overview: Overview) => void): () => void;
  /**
   * Called once per alert to notify now (a native notification, a terminal line). Alerts are decided
   * after each poll cycle, and every 15 minutes so alerts held for quiet hours go out when they end.
   */
  onAlert(listener: (alert: HostAlert) => void): () => void;
  /**
   * `--otlp[=PORT]`: runs the local OpenTelemetry receiver on 127.0.0.1:PORT whatever the setting says.
   * Resolves with the port once it listens; rejects with a message saying why it could not (port in use).
   */
  startOtlpReceiver(port: number): Promise<number>;
  /** Problems with the app's own files or keychain that the user must be told about. */
  readonly warnings: readonly string[];
  close(): Promise<void>;
}
