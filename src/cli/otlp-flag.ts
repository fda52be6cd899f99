/**
 * `--otlp[=PORT]` of `serve` and `watch`: also run the local OpenTelemetry receiver (OTLP/HTTP JSON and
 * LiteLLM's generic_api) on 127.0.0.1, port 4318 unless given. A port that cannot be opened is an
 * error (exit 1) rather than a receiver silently missing.
 */
import type { SpendbarHost } from '../core/host/host.js';
import { DEFAULT_OTLP_PORT, LITELLM_PATH } from '../core/tracked/otlp/otlp-receiver.js';
import { UsageError } from './args.js';

export const otlpOption = { otlp: { type: 'string' } } as const;

/** parseArgs needs a value for a string option: a bare `--otlp` means the default port. */
export function withOtlpDefault(argv: string[]): string[] {
  return argv.map((arg) => (arg === '--otlp' ? `--otlp=${DEFAULT_OTLP_PORT}` : arg));
}

export function otlpPort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(`--otlp takes a port from 1 to 65535, as --otlp=4318; got "${value}".`);
  return port;
}

/** Starts the receiver and says where it listens (on stderr: stdout belongs to each command's own output). */
export async function startOtlpReceiver(host: SpendbarHost, port: number): Promise<boolean> {
  try {
    await host.startOtlpReceiver(port);
  } catch (error) {
    process.stderr.write(`Error: the OpenTelemetry receiver could not start: ${(error as Error).message}\n`);
    return false;
  }
  const origin = `http://127.0.0.1:${port}`;
  process.stderr.write(`OpenTelemetry receiver listening at ${origin} (OTLP/HTTP JSON: /v1/traces, /v1/metrics, /v1/logs; LiteLLM: ${origin}${LITELLM_PATH})\n`);
  return true;
}
