import { useEffect, useState, type FormEvent } from 'react';
import type { OtlpReceiverStatus } from '../../shared/api';
import { errorDetails } from '../errors';
import { formatClockTime, formatCount } from '../format';
import { useNow, userLocale } from '../hooks';
import { useSpendbar } from '../store';
import { Field } from './Field';

/** How often the counts refresh while the section is on screen. */
const REFRESH_MS = 5_000;

function checkPort(text: string): string | null {
  const port = Number(text);
  return /^\d+$/.test(text.trim()) && port >= 1024 && port <= 65535 ? null : 'Enter a port from 1024 to 65535.';
}

/** The lines to paste into the exporting program's environment (and LiteLLM's config). */
function SetupHelp({ status }: { status: OtlpReceiverStatus }) {
  return (
    <details className="otlp-setup">
      <summary>How to send usage here</summary>
      <p className="field-hint">Any OpenTelemetry SDK or agent (JSON over HTTP; protobuf is refused):</p>
      <pre data-testid="otlp-env">{`OTEL_EXPORTER_OTLP_ENDPOINT=${status.otlpEndpoint}\nOTEL_EXPORTER_OTLP_PROTOCOL=http/json`}</pre>
      <p className="field-hint">Claude Code, in addition:</p>
      <pre>{'CLAUDE_CODE_ENABLE_TELEMETRY=1\nOTEL_METRICS_EXPORTER=otlp\nOTEL_LOGS_EXPORTER=otlp'}</pre>
      <p className="field-hint">LiteLLM proxy config.yaml:</p>
      <pre>{`litellm_settings:\n  callbacks: ["spendbar"]\ncallback_settings:\n  spendbar:\n    callback_type: generic_api\n    endpoint: ${status.litellmEndpoint}\n    log_format: ndjson`}</pre>
    </details>
  );
}

/** What the receiver took in since it started: counts, the newest call, and what it could not use. */
function ReceivedSummary({ status }: { status: OtlpReceiverStatus }) {
  const locale = userLocale();
  const now = useNow();
  const count = (value: number) => formatCount(value, locale);
  const unknownCalls = status.unknownProviders.reduce((sum, provider) => sum + provider.calls, 0);
  return (
    <div className="otlp-received" data-testid="otlp-received">
      <p>
        {status.received === 0
          ? 'Nothing received yet.'
          : `${count(status.received)} ${status.received === 1 ? 'call' : 'calls'} received: ${[
              `${count(status.added)} added`,
              `${count(status.duplicates)} already stored`,
              ...(status.rejected > 0 ? [`${count(status.rejected)} unreadable`] : []),
              ...(unknownCalls > 0 ? [`${count(unknownCalls)} from unknown providers`] : []),
            ].join(', ')}.`}
      </p>
      {status.lastRecordTime && <p className="field-hint">Newest call: {formatClockTime(status.lastRecordTime, now, locale)}</p>}
      {status.coveredByEvents > 0 && <p className="field-hint">{count(status.coveredByEvents)} Claude Code metric points skipped: its request events already count those calls.</p>}
      {status.unpricedModels.length > 0 && <p className="field-hint">No price for: {status.unpricedModels.join(', ')} (cost shown as unknown).</p>}
      {status.unknownProviders.length > 0 && (
        <p className="field-hint">Not counted, provider unknown to Spendbar: {status.unknownProviders.map((provider) => `${provider.name} (${count(provider.calls)})`).join(', ')}</p>
      )}
      {status.lastError && <p className="field-error">Last problem ({formatClockTime(status.lastError.at, now, locale)}): {status.lastError.message}</p>}
    </div>
  );
}

/** Settings › OpenTelemetry and LiteLLM: turn the local receiver on or off, choose its port, see what it got. */
export function OtlpReceiverSettings() {
  const preferences = useSpendbar((state) => state.preferences);
  const status = useSpendbar((state) => state.otlpStatus);
  const setPreferences = useSpendbar((state) => state.setPreferences);
  const loadOtlpStatus = useSpendbar((state) => state.loadOtlpStatus);
  const [port, setPort] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () => void loadOtlpStatus().catch((caught: unknown) => setError(errorDetails(caught).message));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadOtlpStatus]);

  if (!preferences) return null;
  const setting = preferences.otlpReceiver;
  // Started by `spendbar serve --otlp`: the command line decides until that process ends.
  const fromCommandLine = status?.startedBy === 'command-line';
  const typedPort = port ?? String(fromCommandLine ? status.port : setting.port);
  const portProblem = checkPort(typedPort);
  const save = (changes: { enabled?: boolean; port?: number }) =>
    setPreferences({ otlpReceiver: changes }).then(
      () => setError(null),
      (caught: unknown) => setError(errorDetails(caught).message),
    );

  function savePort(event: FormEvent) {
    event.preventDefault();
    if (portProblem) return;
    void save({ port: Number(typedPort) }).then(() => setPort(null));
  }

  return (
    <section aria-labelledby="otlp-heading" data-testid="otlp-settings">
      <h2 id="otlp-heading" className="section-heading">
        OpenTelemetry and LiteLLM
      </h2>
      <label className="checkbox">
        <input type="checkbox" checked={setting.enabled || fromCommandLine} disabled={fromCommandLine} onChange={(event) => void save({ enabled: event.target.checked })} />
        Receive usage from programs on this computer
      </label>
      <p className="field-hint" role="status">
        {fromCommandLine
          ? `Started with --otlp: listening at ${status.otlpEndpoint}.`
          : status?.listening
            ? `Listening at ${status.otlpEndpoint} (this computer only).`
            : status?.error
              ? `Not listening: ${status.error}`
              : setting.enabled
                ? 'On, but the receiver does not run with demo data.'
                : 'Off. Traces, metrics and logs sent to Spendbar become tracked usage.'}
      </p>
      <form className="settings-form" onSubmit={savePort} aria-label="Receiver port" noValidate>
        <Field label="Port" error={port === null ? null : portProblem} testId="otlp-port">
          {(props) => <input {...props} inputMode="numeric" value={typedPort} disabled={fromCommandLine} onChange={(event) => setPort(event.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={fromCommandLine || port === null || portProblem !== null}>
            Save port
          </button>
        </div>
      </form>
      {error && <p className="field-error">{error}</p>}
      {status && (status.listening || status.received > 0) && <ReceivedSummary status={status} />}
      {status && <SetupHelp status={status} />}
    </section>
  );
}
