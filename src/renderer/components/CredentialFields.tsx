import type { ProviderInfo } from '../../shared/api';
import { KEY_AGAIN_HINT } from '../model/key-destination';
import { Field } from './Field';
import { Icon } from './Icon';

/** What the add-account form holds. Secrets live only here until Save hands them to the keychain. */
export interface AccountDraft {
  account: string;
  credentials: Record<string, string>;
  settings: Record<string, string>;
  interval: string;
}

interface CredentialFieldsProps {
  provider: ProviderInfo;
  draft: AccountDraft;
  onChange(changes: Partial<AccountDraft>): void;
  /** Required credentials the user left empty (after a Test or Save attempt). */
  missing: ProviderInfo['credentials'];
  /** Stored keys that must be typed again because the address they go to changed. */
  keyAgain: ProviderInfo['credentials'];
  engineFor(name: string): string | null;
}

/** Which key the provider needs and where it is made, then one field per credential and setting. */
export function CredentialFields({ provider, draft, onChange, missing, keyAgain, engineFor }: CredentialFieldsProps) {
  const setCredential = (name: string, value: string) => onChange({ credentials: { ...draft.credentials, [name]: value } });
  const setSetting = (name: string, value: string) => onChange({ settings: { ...draft.settings, [name]: value } });
  return (
    <>
      <div className="key-help field-wide" data-testid="key-help">
        <p>{provider.keyHelp}</p>
        {provider.keyUrl && (
          <a href={provider.keyUrl} target="_blank" rel="noreferrer">
            Create the key at {new URL(provider.keyUrl).host} <Icon name="external" size={12} />
          </a>
        )}
      </div>
      {provider.credentials.map((spec) => (
        <Field
          key={spec.name}
          className="field-wide"
          label={`${spec.label}${spec.optional && !keyAgain.includes(spec) ? ' (optional)' : ''}`}
          error={missing.includes(spec) ? (keyAgain.includes(spec) ? `Enter the ${spec.label} again: the address changed.` : `Enter the ${spec.label}.`) : engineFor(spec.name)}
          hint={keyAgain.includes(spec) ? KEY_AGAIN_HINT : spec.secret ? `Stored only in your system keychain. The CLI can read ${spec.env} instead.` : `The CLI can read ${spec.env} instead.`}
          testId={`credential-${spec.name}`}
        >
          {(props) => (
            <input
              {...props}
              type={spec.secret ? 'password' : 'text'}
              autoComplete="off"
              spellCheck={false}
              value={draft.credentials[spec.name] ?? ''}
              onChange={(event) => setCredential(spec.name, event.target.value)}
            />
          )}
        </Field>
      ))}
      {provider.settings.map((spec) => (
        <Field key={spec.name} className="field-wide" label={`${spec.label}${spec.optional ? ' (optional)' : ''}`} hint={spec.help} error={engineFor(spec.name)}>
          {(props) => <input {...props} autoComplete="off" spellCheck={false} value={draft.settings[spec.name] ?? ''} onChange={(event) => setSetting(spec.name, event.target.value)} />}
        </Field>
      ))}
      <Field label="Base URL (optional)" className="field-wide" hint="Only for a proxy, gateway or regional host; empty uses the provider's own." error={engineFor('baseUrl')} testId="baseUrl">
        {(props) => (
          <input {...props} type="url" autoComplete="off" spellCheck={false} placeholder="https://…" value={draft.settings.baseUrl ?? ''} onChange={(event) => setSetting('baseUrl', event.target.value)} />
        )}
      </Field>
      <Field label="Account name" hint="Tells two accounts of one provider apart." error={engineFor('account')} testId="account">
        {(props) => <input {...props} autoComplete="off" spellCheck={false} value={draft.account} onChange={(event) => onChange({ account: event.target.value })} />}
      </Field>
    </>
  );
}
