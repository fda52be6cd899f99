/**
 * Adding and editing accounts from the popover's settings: test a key with one real poll before
 * anything is stored, keep secrets only in the keychain, and refuse what would not work.
 */
import type { AccountSummary, AccountView, ErrorKind, Thresholds } from '../../shared/api.js';
import { DEFAULT_ACCOUNT, ENV_ACCOUNT, accountId, requireProvider, resolveCredentials, validateAccountName, type Account } from './accounts.js';
import type { HttpClient } from '../http/http-client.js';
import type { BillingMonth } from '../model/billing-month.js';
import { InputError } from '../model/input-error.js';
import { parseAmount, formatAmount } from '../model/money.js';
import { toProviderError } from '../model/provider-error.js';
import type { Snapshot } from '../model/snapshot.js';
import { buildOverview } from '../overview/build-overview.js';
import { createProviderContext } from '../providers/provider-context.js';
import type { ProviderDefinition } from '../providers/provider.js';
import { KeychainUnavailableError, type SecretStore } from '../secrets/secret-store.js';
import { snapshotToJson } from '../ledger/history-store.js';
import type { AccountConfig } from './settings-store.js';

export interface AccountInput {
  provider: string;
  account?: string;
  credentials?: Record<string, string>;
  settings?: Record<string, string>;
}

export interface TestResult {
  ok: boolean;
  account: AccountView | null;
  error: { kind: ErrorKind; message: string } | null;
  snapshot?: Snapshot;
}

export interface ManagerDeps {
  secrets: SecretStore;
  http: HttpClient;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  month: () => BillingMonth;
  existing: () => Account[];
}

/** Builds the account the input describes, with typed credentials first and stored ones as fallback. */
export function draftAccount(input: AccountInput, existing: readonly Account[]): Account {
  const provider = requireProvider(input.provider);
  const name = validateAccountName(input.account ?? DEFAULT_ACCOUNT);
  if (name === ENV_ACCOUNT) throw new InputError('The "env" account comes from environment variables; pick another name.', 'account');
  checkSettingNames(provider, input.settings);
  const previous = existing.find((account) => account.id === accountId(provider.id, name));
  const settings = cleanSettings({ ...previous?.settings, ...input.settings });
  for (const spec of provider.credentials.filter((credential) => !credential.secret)) {
    const typed = input.credentials?.[spec.name]?.trim();
    if (typed) settings[spec.name] = typed;
  }
  return { id: accountId(provider.id, name), provider, name, settings, intervalMs: previous?.intervalMs ?? provider.refresh.defaultMs, implicit: false, thresholds: previous?.thresholds ?? {} };
}

export async function testAccount(input: AccountInput, deps: ManagerDeps): Promise<TestResult> {
  const account = draftAccount(input, deps.existing());
  if (account.provider.kind !== 'api' || !account.provider.fetchSnapshot) {
    return { ok: true, account: null, error: null };
  }
  const stored = await resolveCredentials(account, deps.secrets, deps.env);
  const typedSecrets = Object.fromEntries(
    account.provider.credentials.filter((spec) => spec.secret && input.credentials?.[spec.name]?.trim()).map((spec) => [spec.name, input.credentials![spec.name]!.trim()]),
  );
  // A stored key goes only where it was saved for: after a change of base URL (or region) it is left
  // out, and the test runs with what was typed in this request alone.
  const moved = keyDestinationChanged(account, deps.existing());
  const storedValues = moved ? withoutSecrets(account.provider, stored.values) : stored.values;
  const credentials = { ...storedValues, ...typedSecrets };
  const absent = account.provider.credentials.filter((spec) => !spec.optional && !credentials[spec.name]);
  if (absent.length > 0) {
    const labels = absent.map((spec) => spec.label).join(' and ');
    const message = moved && absent.some((spec) => spec.secret) ? keyAgainMessage(account, labels) : `Enter the ${labels}.`;
    return { ok: false, account: null, error: { kind: 'missing-credential', message } };
  }
  const month = deps.month();
  const context = createProviderContext({ provider: account.provider, http: deps.http, now: deps.now, month, credentials, settings: account.settings, env: deps.env });
  try {
    const snapshot = await account.provider.fetchSnapshot(context);
    const overview = buildOverview({
      month: month.key,
      now: deps.now(),
      accounts: [{ account, monthFile: { version: 1, accountId: account.id, month: month.key, balances: [], lastGood: snapshotToJson(snapshot), lastAttempt: { at: snapshot.fetchedAt, error: null } }, earlierFiles: [], entries: [], tracked: [] }],
      warnings: [],
      demo: false,
      polling: false,
    });
    return { ok: true, account: overview.accounts[0] ?? null, error: null, snapshot };
  } catch (caught) {
    const error = toProviderError(caught, context.secrets);
    return { ok: false, account: null, error: { kind: error.kind, message: error.message } };
  }
}

export function validateThresholds(thresholds: Thresholds | undefined): Thresholds {
  const valid: Thresholds = {};
  if (!thresholds) return valid;
  for (const field of ['lowBalance', 'monthlyBudget'] as const) {
    const value = thresholds[field];
    if (value === undefined || value.trim() === '') continue;
    const amount = parseAmount(value, field);
    if (amount.isNegative()) throw new InputError(`The ${field === 'lowBalance' ? 'low-balance threshold' : 'monthly budget'} cannot be negative.`, field);
    valid[field] = formatAmount(amount);
  }
  if (thresholds.lowRunwayDays !== undefined) valid.lowRunwayDays = thresholds.lowRunwayDays;
  return valid;
}

export function validateInterval(account: Account, minutes: number | undefined): number | undefined {
  if (minutes === undefined) return undefined;
  const floor = account.provider.refresh.minimumMs / 60_000;
  if (minutes < floor) throw new InputError(`${account.provider.name} may be polled at most every ${floor} minutes.`, 'intervalMinutes');
  return minutes;
}

export function toConfig(account: Account, intervalMinutes: number | undefined, thresholds: Thresholds): AccountConfig {
  return { id: account.id, provider: account.provider.id, name: account.name, settings: { ...account.settings }, intervalMinutes, thresholds };
}

export async function summarize(account: Account, secrets: SecretStore, env: NodeJS.ProcessEnv): Promise<AccountSummary> {
  const resolved = account.provider.kind === 'api' ? await resolveCredentials(account, secrets, env).catch(() => ({ values: {} as Record<string, string | undefined> })) : { values: {} };
  return {
    id: account.id,
    provider: account.provider.id,
    providerName: account.provider.name,
    account: account.name,
    implicit: account.implicit,
    credentialsSet: Object.fromEntries(account.provider.credentials.map((spec) => [spec.name, Boolean(resolved.values[spec.name])])),
    settings: { ...account.settings },
    intervalMinutes: account.intervalMs / 60_000,
    thresholds: { ...account.thresholds },
  };
}

/**
 * The settings that decide where an account's keys are sent: the base URL and any setting that picks a
 * host (Moonshot's region). Two accounts with equal destinations send their keys to the same place.
 */
export function keyDestination(provider: ProviderDefinition, settings: Readonly<Record<string, string | undefined>>): string {
  const routing = [...provider.credentials, ...(provider.settings ?? [])].filter((spec) => spec.routesKey).map((spec) => spec.name);
  return JSON.stringify(['baseUrl', ...routing].map((name) => settings[name]?.trim() || null));
}

/**
 * Whether the draft would send its keys somewhere other than where the saved account does (a new
 * account is compared with the provider's default, so a key left in the keychain by an earlier account
 * of that name does not follow a new base URL either).
 */
export function keyDestinationChanged(draft: Account, existing: readonly Account[]): boolean {
  const saved = existing.find((account) => account.id === draft.id);
  return keyDestination(draft.provider, draft.settings) !== keyDestination(draft.provider, saved?.settings ?? {});
}

/**
 * Refuses a change of base URL (or region) for an account whose key is stored, unless the key is typed
 * again in the same request: the stored key must never be sent to an address it was not saved for.
 */
export async function refuseKeyRedirect(input: AccountInput, existing: readonly Account[], secrets: SecretStore, from: 'cli' | 'form'): Promise<void> {
  const draft = draftAccount(input, existing);
  if (!keyDestinationChanged(draft, existing)) return;
  // The command line belongs to the person who owns the keychain and the settings file; where it cannot
  // reach a keychain there is no stored key to protect, and adding an account must still work.
  const stored: string[] = await storedSecretNames(draft, secrets).catch((error: unknown): string[] => {
    if (from === 'cli' && error instanceof KeychainUnavailableError) return [];
    throw error;
  });
  const missing = draft.provider.credentials.filter((spec) => stored.includes(spec.name) && !input.credentials?.[spec.name]?.trim());
  if (missing.length === 0) return;
  const labels = missing.map((spec) => spec.label).join(' and ');
  const flag = draft.name === DEFAULT_ACCOUNT ? '' : ` --account "${draft.name}"`;
  const how =
    from === 'cli'
      ? ` Delete it first (\`spendbar keys delete ${draft.provider.id}${flag}\`), change the setting, then store it again (\`spendbar keys set ${draft.provider.id}${flag}\`).`
      : '';
  throw new InputError(`${keyAgainMessage(draft, labels)}${how}`, missing[0]!.name);
}

/** The secret credentials the keychain holds for an account (names only; used to ask for them again). */
async function storedSecretNames(account: Account, secrets: SecretStore): Promise<string[]> {
  const names: string[] = [];
  for (const spec of account.provider.credentials.filter((credential) => credential.secret)) {
    if (await secrets.get(account.id, spec.name)) names.push(spec.name);
  }
  return names;
}

function keyAgainMessage(account: Account, labels: string): string {
  return `The address ${account.provider.name} is reached at changed: enter the ${labels} again. A stored key is only ever sent to the address it was saved for.`;
}

/** Setting names the provider reads: the base URL, its own settings and its non-secret credentials. */
export function checkSettingNames(provider: ProviderDefinition, settings: Readonly<Record<string, string>> | undefined): void {
  const known = new Set(['baseUrl', ...(provider.settings ?? []).map((spec) => spec.name), ...provider.credentials.filter((spec) => !spec.secret).map((spec) => spec.name)]);
  const unknown = Object.keys(settings ?? {}).filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const secret = unknown.filter((name) => provider.credentials.some((spec) => spec.secret && spec.name === name));
  const hint = secret.length > 0 ? ` ${secret.join(', ')} is a secret: it goes to the keychain, never into settings.` : '';
  throw new InputError(`${provider.name} has no setting ${unknown.map((name) => `"${name}"`).join(', ')}. Its settings: ${[...known].join(', ')}.${hint}`, 'settings');
}

/**
 * Deletes an account's keys, then runs `andThen` (the settings change); if a deletion or `andThen`
 * fails, the keys already deleted are put back, so removing an account is all or nothing.
 */
export async function withKeysRemoved<T>(secrets: SecretStore, id: string, provider: ProviderDefinition, andThen: () => Promise<T>): Promise<T> {
  const deleted: { name: string; value: string }[] = [];
  const restore = async () => {
    for (const { name, value } of deleted) await secrets.set(id, name, value).catch(() => undefined);
  };
  try {
    for (const spec of provider.credentials.filter((credential) => credential.secret)) {
      const value = await secrets.get(id, spec.name);
      if (value === undefined) continue;
      await secrets.delete(id, spec.name);
      deleted.push({ name: spec.name, value });
    }
    return await andThen();
  } catch (error) {
    await restore();
    throw error;
  }
}

function withoutSecrets(provider: ProviderDefinition, values: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !provider.credentials.some((spec) => spec.secret && spec.name === name)));
}

function cleanSettings(settings: Record<string, string | undefined>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined || value.trim() === '') continue;
    if (name === 'baseUrl' && !/^https?:\/\/\S+$/.test(value.trim())) throw new InputError(`Base URL "${value}" is not an http(s) URL.`, 'baseUrl');
    clean[name] = value.trim();
  }
  return clean;
}
