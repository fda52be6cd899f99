import { useSpendbar } from '../store';
import { AccountSettings } from './AccountSettings';
import { AlertSettings } from './AlertSettings';
import { AssistantSetup } from './AssistantSetup';
import { Icon } from './Icon';
import { OtlpReceiverSettings } from './OtlpReceiverSettings';
import { Preferences } from './Preferences';
import { TrackedSources } from './TrackedSources';
import { ViewFrame } from './ViewFrame';

/** Accounts (add, interval, thresholds, remove) and the app's preferences. */
export function Settings() {
  const accounts = useSpendbar((state) => state.accounts);
  const providers = useSpendbar((state) => state.providers);
  const settingsError = useSpendbar((state) => state.settingsError);
  const open = useSpendbar((state) => state.open);
  return (
    <ViewFrame title="Settings" testId="settings">
      {settingsError && (
        <p className="banner banner-error" role="alert">
          {settingsError}
        </p>
      )}
      <section aria-labelledby="settings-accounts-heading">
        <div className="section-top">
          <h2 id="settings-accounts-heading" className="section-heading">
            Accounts
          </h2>
          <button type="button" className="button" data-focus-key="settings:add" onClick={() => open({ name: 'add-account' })}>
            <Icon name="plus" size={14} />
            Add account
          </button>
        </div>
        {accounts.length === 0 ? (
          <p className="empty">No accounts yet. Add one to poll its provider&rsquo;s billing API.</p>
        ) : (
          <ul className="settings-accounts">
            {accounts.map((account) => (
              <AccountSettings key={account.id} account={account} provider={providers.find((provider) => provider.id === account.provider)} />
            ))}
          </ul>
        )}
      </section>
      <AlertSettings />
      <OtlpReceiverSettings />
      <TrackedSources />
      <Preferences />
      <AssistantSetup />
    </ViewFrame>
  );
}
