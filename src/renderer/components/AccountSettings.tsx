import { useState, type FormEvent } from 'react';
import type { AccountSummary, ProviderInfo } from '../../shared/api';
import { errorDetails, type ErrorDetails } from '../errors';
import { checkInterval, checkOptionalMoney, checkRunwayDays } from '../model/validation';
import { monthlyPollingCost } from '../../shared/polling-cost';
import { useSpendbar } from '../store';
import { Field, isFieldError } from './Field';
import { ProviderIcon } from './ProviderIcon';

function keyState(account: AccountSummary, provider: ProviderInfo | undefined): string {
  if (account.implicit) return 'from environment variables';
  if (provider?.kind === 'manual') return 'entered by hand';
  const secrets = provider?.credentials.filter((spec) => spec.secret) ?? [];
  if (secrets.length === 0) return '';
  return secrets.every((spec) => account.credentialsSet[spec.name]) ? 'key set' : 'no key';
}

/** One account's refresh interval and alert thresholds, and its removal (the key goes, history stays). */
export function AccountSettings({ account, provider }: { account: AccountSummary; provider: ProviderInfo | undefined }) {
  const saveAccount = useSpendbar((state) => state.saveAccount);
  const removeAccount = useSpendbar((state) => state.removeAccount);
  const [interval, setIntervalText] = useState(String(account.intervalMinutes));
  const [lowBalance, setLowBalance] = useState(account.thresholds.lowBalance ?? '');
  const [lowRunwayDays, setLowRunwayDays] = useState(account.thresholds.lowRunwayDays?.toString() ?? '');
  const [monthlyBudget, setMonthlyBudget] = useState(account.thresholds.monthlyBudget ?? '');
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [engineError, setEngineError] = useState<ErrorDetails | null>(null);
  const polled = provider?.kind === 'api';
  // Thresholds are in the account's own currency; the overview knows which one that is.
  const currency = useSpendbar((state) => {
    const view = state.overview?.accounts.find((candidate) => candidate.id === account.id);
    return view?.balance?.currency ?? view?.monthToDate?.currency;
  });
  const inCurrency = currency ? `In ${currency}.` : undefined;
  const problems = {
    interval: polled ? checkInterval(interval, provider.minimumIntervalMinutes) : null,
    lowBalance: checkOptionalMoney(lowBalance, 'A low-balance threshold'),
    lowRunwayDays: checkRunwayDays(lowRunwayDays),
    monthlyBudget: checkOptionalMoney(monthlyBudget, 'A budget'),
  };
  const engineFor = (name: string) => (engineError && isFieldError(engineError.field, name) ? engineError.message : null);
  const name = `${account.providerName} · ${account.account}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    if (Object.values(problems).some(Boolean)) return;
    try {
      await saveAccount({
        provider: account.provider,
        account: account.account,
        ...(polled ? { intervalMinutes: Number(interval) } : {}),
        thresholds: {
          ...(lowBalance.trim() ? { lowBalance: lowBalance.trim() } : {}),
          ...(lowRunwayDays.trim() ? { lowRunwayDays: Number(lowRunwayDays) } : {}),
          ...(monthlyBudget.trim() ? { monthlyBudget: monthlyBudget.trim() } : {}),
        },
      });
      setEngineError(null);
      setStatus('Saved.');
    } catch (caught) {
      setEngineError(errorDetails(caught));
    }
  }

  async function remove() {
    try {
      await removeAccount(account.id);
      // The row is gone; focus goes to a stable place instead of falling back to the page.
      document.querySelector<HTMLElement>('[data-focus-key="settings:add"]')?.focus();
    } catch (caught) {
      setEngineError(errorDetails(caught));
      setConfirming(false);
    }
  }

  const otherError = engineError && !['intervalMinutes', 'lowBalance', 'lowRunwayDays', 'monthlyBudget'].some((field) => isFieldError(engineError.field, field)) ? engineError.message : null;
  return (
    <li className="settings-account" data-testid="settings-account" data-account-id={account.id}>
      <details>
        <summary>
          <ProviderIcon provider={account.provider} monogram={provider?.monogram} size={18} />
          <span className="provider-name">{account.providerName}</span> <span className="account-label">{account.account}</span>
          <span className="muted settings-key">{keyState(account, provider)}</span>
        </summary>
        {account.implicit ? (
          <p className="muted">Configured through environment variables for the CLI and serve: change or unset them there.</p>
        ) : (
          <form className="settings-form" onSubmit={(event) => void save(event)} aria-label={`Settings for ${name}`} noValidate>
            {provider?.keyHelp && polled && <p className="field-wide muted">{provider.keyHelp}</p>}
            {polled && (
              <Field label="Refresh every (minutes)" error={problems.interval ?? engineFor('intervalMinutes')} hint={intervalHint(provider, interval)}>
                {(props) => <input {...props} type="number" min={provider.minimumIntervalMinutes} step={1} value={interval} onChange={(event) => setIntervalText(event.target.value)} />}
              </Field>
            )}
            <Field label="Alert below balance" error={problems.lowBalance ?? engineFor('lowBalance')} hint={inCurrency}>
              {(props) => <input {...props} inputMode="decimal" placeholder="none" value={lowBalance} onChange={(event) => setLowBalance(event.target.value)} />}
            </Field>
            <Field label="Alert below runway (days)" error={problems.lowRunwayDays ?? engineFor('lowRunwayDays')}>
              {(props) => <input {...props} inputMode="decimal" placeholder="none" value={lowRunwayDays} onChange={(event) => setLowRunwayDays(event.target.value)} />}
            </Field>
            <Field label="Monthly budget" error={problems.monthlyBudget ?? engineFor('monthlyBudget')} hint={inCurrency}>
              {(props) => <input {...props} inputMode="decimal" placeholder="none" value={monthlyBudget} onChange={(event) => setMonthlyBudget(event.target.value)} />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                Save
              </button>
              {!polled ? null : confirming ? (
                <>
                  <button type="button" className="button button-danger" onClick={() => void remove()} autoFocus>
                    Remove {name}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(false)}>
                    Keep
                  </button>
                </>
              ) : (
                <button type="button" className="button" onClick={() => setConfirming(true)}>
                  Remove…
                </button>
              )}
              <p className="form-status" role="status" aria-live="polite">
                {otherError ? <span className="field-error">{otherError}</span> : confirming ? 'Its key is deleted; its history stays on disk.' : status}
              </p>
            </div>
          </form>
        )}
      </details>
    </li>
  );
}

/** The floor, and for providers that charge per request, what this interval costs a month. */
function intervalHint(provider: ProviderInfo, interval: string): string {
  const floor = `At least ${provider.minimumIntervalMinutes}.`;
  if (!provider.costPerRefresh) return floor;
  const monthly = monthlyPollingCost(provider.costPerRefresh.amount, Number(interval));
  const perRefresh = `${provider.costPerRefresh.amount} ${provider.costPerRefresh.currency} a refresh`;
  return monthly === null ? `${floor} ${provider.name} charges ${perRefresh}.` : `${floor} ${provider.name} charges ${perRefresh}: about ${monthly} ${provider.costPerRefresh.currency} a month at this interval.`;
}
