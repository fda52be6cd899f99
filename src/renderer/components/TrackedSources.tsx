/**
 * Settings' coding-agent logs: turn reading Claude Code's and Codex's logs on or off, say whose usage it
 * is (a subscription, shown as API-equivalent, or an API account, reconciled against its bill), and see
 * what the reads found. Talks to the engine's getTrackedSources / setTrackedSource calls.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiRequest, TrackedSourceDto } from '../../shared/api';
import { errorMessage } from '../errors';
import { formatAge } from '../format';
import { useNow } from '../hooks';

type Change = Omit<ApiRequest<'setTrackedSource'>, 'source'>;

interface SourceProps {
  source: TrackedSourceDto;
  save: (change: Change) => Promise<void>;
  /** Kept by the parent: this row is rebuilt when the engine fills in the account's name. */
  status: string | null;
  setStatus: (status: string | null) => void;
}

function SourceSettings({ source, save, status, setStatus }: SourceProps) {
  const now = useNow();
  const [account, setAccount] = useState(source.account ?? '');
  const apply = (change: Change) => {
    setStatus(null);
    save(change).then(
      () => setStatus('Saved.'),
      (caught: unknown) => setStatus(errorMessage(caught)),
    );
  };
  const submitAccount = (event: FormEvent) => {
    event.preventDefault();
    if (account.trim() === '') setStatus('Name the API account, e.g. default.');
    else apply({ billing: 'api', account: account.trim() });
  };
  const found =
    source.lastReadAt === null
      ? 'Not read yet.'
      : `${source.files} log file${source.files === 1 ? '' : 's'}, ${source.records} call${source.records === 1 ? '' : 's'} recorded${source.lastRecordAt ? `, the last ${formatAge(source.lastRecordAt, now)}` : ''}; read ${formatAge(source.lastReadAt, now)}.`;
  const provider = source.provider === 'anthropic' ? 'Anthropic' : 'OpenAI';
  return (
    <li className="settings-form" data-testid={`tracked-source-${source.source}`}>
      <label className="checkbox field-wide">
        <input type="checkbox" checked={source.enabled} onChange={(event) => apply({ enabled: event.target.checked })} />
        Read {source.name} logs
      </label>
      <p className="field-hint field-wide">{found}</p>
      <fieldset className="field-wide" disabled={!source.enabled}>
        <legend className="field-hint">Whose usage is it?</legend>
        <label className="checkbox">
          <input type="radio" name={`billing-${source.source}`} checked={source.billing === 'subscription'} onChange={() => apply({ billing: 'subscription' })} />
          A subscription: shown as API-equivalent, never added to spend
        </label>
        <label className="checkbox">
          <input type="radio" name={`billing-${source.source}`} checked={source.billing === 'api'} onChange={() => apply({ billing: 'api', ...(account.trim() ? { account: account.trim() } : {}) })} />
          An {provider} API account: tracked spend, reconciled against its bill
        </label>
      </fieldset>
      {source.billing === 'api' && (
        <form className="field-wide" onSubmit={submitAccount} aria-label={`${source.name} API account`}>
          <label className="field-hint" htmlFor={`tracked-account-${source.source}`}>
            {provider} account name
          </label>
          <input id={`tracked-account-${source.source}`} value={account} maxLength={40} onChange={(event) => setAccount(event.target.value)} />
          <button type="submit" className="button">
            Save
          </button>
        </form>
      )}
      {source.errors.length > 0 && (
        <ul className="field-error field-wide">
          {source.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <p className="form-status field-wide" role="status" aria-live="polite">
        {status}
      </p>
    </li>
  );
}

export function TrackedSources() {
  const [sources, setSources] = useState<TrackedSourceDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [statuses, setStatuses] = useState<Record<string, string | null>>({});
  useEffect(() => {
    let open = true;
    window.spendbar?.getTrackedSources({}).then(
      (answer) => open && setSources(answer.sources),
      (caught: unknown) => open && setError(errorMessage(caught)),
    );
    return () => {
      open = false;
    };
  }, []);
  const save = async (source: TrackedSourceDto['source'], change: Change) => {
    const answer = await window.spendbar!.setTrackedSource({ source, ...change });
    setSources(answer.sources);
  };
  return (
    <section aria-labelledby="tracked-sources-heading" data-testid="tracked-sources">
      <h2 id="tracked-sources-heading" className="section-heading">
        Coding agents
      </h2>
      <p className="field-hint">Spendbar reads the agents&rsquo; session logs where they lie, a few minutes apart and on each refresh.</p>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {sources && (
        <ul className="settings-accounts">
          {sources.map((source) => (
            // Keyed by the account too: the engine may fill in `default` when API is chosen without a name.
            <SourceSettings
              key={`${source.source}:${source.account ?? ''}`}
              source={source}
              save={(change) => save(source.source, change)}
              status={statuses[source.source] ?? null}
              setStatus={(status) => setStatuses((current) => ({ ...current, [source.source]: status }))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
