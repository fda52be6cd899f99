/**
 * Runs the local OpenTelemetry receiver for a host: from the user's setting (the app, `serve`), or
 * forced on by `--otlp[=PORT]` (`serve`, `watch`), in which case the setting does not stop it. Changing
 * the port restarts it; its counts start again with it.
 */
import type { OtlpReceiverStatus } from '../../shared/api.js';
import { LITELLM_PATH, OtlpReceiver, ReceiverListenError } from '../tracked/otlp/otlp-receiver.js';
import { ReceiverCounters } from '../tracked/otlp/receiver-counters.js';
import type { StoredPreferences } from '../accounts/settings-store.js';
import type { SpendbarService } from './service.js';

type Setting = StoredPreferences['otlpReceiver'];

export class OtlpControl {
  private receiver: OtlpReceiver | undefined;
  private startedBy: OtlpReceiverStatus['startedBy'] = null;
  private port: number;
  private error: string | null = null;
  /** Serialises starts and stops, so quick toggles never leave two receivers. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly service: SpendbarService,
    private readonly changed: () => void,
  ) {
    this.port = service.preferences().otlpReceiver.port;
  }

  /** Follows the setting, unless `--otlp` already started the receiver. */
  apply(setting: Setting): Promise<void> {
    return this.serially(async () => {
      if (this.startedBy === 'command-line') return;
      if (!setting.enabled) {
        await this.stop();
        this.port = setting.port;
        return;
      }
      if (this.receiver && this.port === setting.port) return;
      await this.stop();
      // A port that cannot be opened is shown in the status (error), not thrown at whoever changed the setting.
      await this.start(setting.port, 'settings').catch((error: unknown) => {
        if (!(error instanceof ReceiverListenError)) throw error;
      });
    });
  }

  /** `--otlp[=PORT]`: starts the receiver or rejects with a ReceiverListenError saying why it could not. */
  force(port: number): Promise<number> {
    return this.serially(async () => {
      await this.stop();
      return this.start(port, 'command-line');
    });
  }

  status(): OtlpReceiverStatus {
    return {
      ...idleOtlpStatus(this.port),
      enabled: this.startedBy !== null,
      startedBy: this.startedBy,
      listening: this.receiver?.port !== undefined,
      error: this.error,
      ...this.receiver?.counters.view(),
    };
  }

  close(): Promise<void> {
    return this.serially(() => this.stop());
  }

  private async start(port: number, by: NonNullable<OtlpReceiverStatus['startedBy']>): Promise<number> {
    this.port = port;
    this.startedBy = by;
    const receiver = new OtlpReceiver({ port, track: (inputs) => this.service.track(inputs), onAdded: this.changed });
    try {
      await receiver.listen();
      this.receiver = receiver;
      this.error = null;
      return port;
    } catch (error) {
      this.error = (error as Error).message;
      throw error;
    }
  }

  private async stop(): Promise<void> {
    const receiver = this.receiver;
    this.receiver = undefined;
    this.startedBy = null;
    this.error = null;
    await receiver?.close();
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.pending.then(operation, operation);
    this.pending = run.catch(() => undefined);
    return run;
  }
}


/** The status of a receiver that is not running (nothing received). */
export function idleOtlpStatus(port: number): OtlpReceiverStatus {
  const origin = `http://127.0.0.1:${port}`;
  return {
    enabled: false,
    startedBy: null,
    port,
    listening: false,
    error: null,
    otlpEndpoint: origin,
    litellmEndpoint: `${origin}${LITELLM_PATH}`,
    ...new ReceiverCounters(() => new Date()).view(),
  };
}
