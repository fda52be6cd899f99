/**
 * The engine sends a stored key only to the address it was saved for. When the add-account form changes
 * that address for an account that exists (a new base URL, or a setting that picks the host such as
 * Moonshot's region), the form asks for the key again instead of letting Save fail.
 */
import type { AccountSummary, ProviderInfo } from '../../shared/api';

export interface DestinationDraft {
  account: string;
  credentials: Record<string, string>;
  settings: Record<string, string>;
}

export const KEY_AGAIN_HINT = 'The address changed: enter the key again. A stored key is only ever sent to the address it was saved for.';

/** Names of the routing fields (base URL first) whose typed value differs from the saved account's. */
function changedRoutingFields(provider: ProviderInfo, saved: AccountSummary, draft: DestinationDraft): string[] {
  const typed = (name: string) => (draft.settings[name] ?? draft.credentials[name] ?? '').trim();
  const routing = ['baseUrl', ...provider.credentials.filter((spec) => spec.routesKey).map((spec) => spec.name), ...provider.settings.filter((spec) => spec.routesKey).map((spec) => spec.name)];
  // An empty field keeps what is stored (the form sends only what was filled in).
  return routing.filter((name) => typed(name) !== '' && typed(name) !== (saved.settings[name] ?? '').trim());
}

/** The stored secrets the user must type (again) for this draft to be saved; empty when nothing moved. */
export function keysRequiredAgain(provider: ProviderInfo, accounts: readonly AccountSummary[], draft: DestinationDraft): ProviderInfo['credentials'] {
  const name = draft.account.trim() || 'default';
  const saved = accounts.find((account) => account.provider === provider.id && account.account === name && !account.implicit);
  if (!saved || changedRoutingFields(provider, saved, draft).length === 0) return [];
  return provider.credentials.filter((spec) => spec.secret && saved.credentialsSet[spec.name]);
}
