import { useState, type FormEvent } from 'react';
import type { ApiResponse, ProviderInfo } from '../../shared/api';
import { errorDetails, type ErrorDetails } from '../errors';
import { keysRequiredAgain } from '../model/key-destination';
import { checkInterval } from '../model/validation';
import { useSpendbar } from '../store';
import { CredentialFields, type AccountDraft } from './CredentialFields';
import { Field, isFieldError } from './Field';
import { TestResult } from './TestResult';
import { ViewFrame } from './ViewFrame';

const emptyDraft = (provider: ProviderInfo | undefined): AccountDraft => ({
  account: 'default',
  credentials: {},
  settings: {},
  interval: String(provider?.defaultIntervalMinutes ?? 60),
});

/** Only what the user filled in, so an empty optional field never overwrites a stored value. */
const filled = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));

/**
 * Add an account: pick the provider, type its key (which key, and where to create it, is said right
 * there), test it with one real poll, save. A key that fails the test is not saved (the engine refuses);
 * the key field is cleared once saved and never leaves this form except to the engine.
 */
export function AddAccount({ provider: askedProvider }: { provider?: string }) {
  const providers = useSpendbar((state) => state.providers).filter((provider) => provider.kind === 'api');
  const testConnection = useSpendbar((state) => state.testConnection);
  const saveAccount = useSpendbar((state) => state.saveAccount);
  const home = useSpendbar((state) => state.home);
  const open = useSpendbar((state) => state.open);
  const [providerId, setProviderId] = useState(askedProvider ?? providers[0]?.id ?? '');
  const provider = providers.find((candidate) => candidate.id === providerId) ?? providers[0];
  const [draft, setDraft] = useState<AccountDraft>(() => emptyDraft(provider));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null);
  const [result, setResult] = useState<ApiResponse<'testConnection'> | null>(null);
  const [engineError, setEngineError] = useState<ErrorDetails | null>(null);
  const accounts = useSpendbar((state) => state.accounts);

  if (!provider) {
    return (
      <ViewFrame title="Add account" testId="add-account">
        <p className="muted">Loading providers…</p>
      </ViewFrame>
    );
  }

  // A changed base URL (or region) of a saved account needs its key again, even an optional one.
  const keyAgain = keysRequiredAgain(provider, accounts, draft);
  const required = (spec: ProviderInfo['credentials'][number]) => !spec.optional || keyAgain.includes(spec);
  const missing = checked ? provider.credentials.filter((spec) => required(spec) && !draft.credentials[spec.name]?.trim()) : [];
  const intervalProblem = checked ? checkInterval(draft.interval, provider.minimumIntervalMinutes) : null;
  const request = () => ({
    provider: provider.id,
    account: draft.account.trim() || 'default',
    credentials: filled(draft.credentials),
    settings: filled(draft.settings),
  });
  const valid = () => {
    setChecked(true);
    return provider.credentials.every((spec) => !required(spec) || draft.credentials[spec.name]?.trim()) && !checkInterval(draft.interval, provider.minimumIntervalMinutes);
  };

  async function test() {
    if (!valid()) return;
    setBusy('testing');
    setEngineError(null);
    setResult(null);
    try {
      setResult(await testConnection(request()));
    } catch (caught) {
      setEngineError(errorDetails(caught));
    } finally {
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!valid()) return;
    setBusy('saving');
    setEngineError(null);
    try {
      const id = await saveAccount({ ...request(), intervalMinutes: Number(draft.interval) });
      // The key is in the keychain now; it does not stay on screen or in memory here.
      setDraft((current) => ({ ...current, credentials: {} }));
      home(`row:${id}`);
    } catch (caught) {
      // Everything typed stays, so the user can fix the key or the setting the engine named.
      setEngineError(errorDetails(caught));
      setBusy(null);
    }
  }

  const chooseProvider = (id: string) => {
    setProviderId(id);
    setDraft(emptyDraft(providers.find((candidate) => candidate.id === id)));
    setResult(null);
    setEngineError(null);
    setChecked(false);
  };
  const engineFor = (name: string) => (engineError && isFieldError(engineError.field, name) ? engineError.message : null);
  const fieldNames = ['account', 'baseUrl', 'intervalMinutes', ...provider.credentials.map((spec) => spec.name), ...provider.settings.map((spec) => spec.name)];
  const generalError = engineError && !fieldNames.some((name) => isFieldError(engineError.field, name)) ? engineError.message : null;

  return (
    <ViewFrame title="Add account" testId="add-account">
      <form className="settings-form" onSubmit={(event) => void save(event)} aria-label="Add account" noValidate>
        <Field label="Provider" className="field-wide">
          {(props) => (
            <select {...props} value={provider.id} onChange={(event) => chooseProvider(event.target.value)}>
              {providers.map((info) => (
                <option key={info.id} value={info.id}>
                  {info.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CredentialFields provider={provider} draft={draft} onChange={(changes) => setDraft((current) => ({ ...current, ...changes }))} missing={missing} keyAgain={keyAgain} engineFor={engineFor} />
        <Field label="Refresh every (minutes)" error={intervalProblem ?? engineFor('intervalMinutes')} hint={`At least ${provider.minimumIntervalMinutes} ${provider.minimumIntervalMinutes === 1 ? 'minute' : 'minutes'} for ${provider.name}.`} testId="interval">
          {(props) => (
            <input {...props} type="number" inputMode="numeric" min={provider.minimumIntervalMinutes} step={1} value={draft.interval} onChange={(event) => setDraft((current) => ({ ...current, interval: event.target.value }))} />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void test()} disabled={busy !== null}>
            {busy === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'saving' ? 'Saving…' : 'Save'}
          </button>
        </div>
        <TestResult result={result} error={generalError} />
      </form>
      <p className="muted">
        Groq, Perplexity, GitHub Copilot and others without a billing API need no account:{' '}
        <button type="button" className="link-button" onClick={() => open({ name: 'manual' })}>
          record their spend by hand
        </button>
        .
      </p>
    </ViewFrame>
  );
}
