/**
 * Which accounts exist: those added in settings, the implicit `env` accounts whose credentials are in the
 * environment (CLI and serve), and manual accounts that have ledger entries. Also where each account's
 * credentials come from.
 */
import type { Thresholds } from '../../shared/api.js';
import { InputError } from '../model/input-error.js';
import type { ProviderDefinition } from '../providers/provider.js';
import { findProvider, providers } from '../providers/registry.js';
import { KeychainUnavailableError, type SecretStore } from '../secrets/secret-store.js';
import type { LedgerEntry } from '../ledger/entries-store.js';
import type { AccountConfig } from './settings-store.js';

export interface Account {
  /** `<provider>:<name>` */
  readonly id: string;
  readonly provider: ProviderDefinition;
  readonly name: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly intervalMs: number;
  /** Configured through environment variables rather than settings. */
  readonly implicit: boolean;
  readonly thresholds: Thresholds;
}

export const ENV_ACCOUNT = 'env';
export const DEFAULT_ACCOUNT = 'default';

export function accountId(provider: string, name: string): string {
  return `${provider}:${name}`;
}

export function validateAccountName(name: string): string {
  const trimmed = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(trimmed)) {
    throw new InputError(`"${name}" is not a usable account name: use up to 40 letters, digits, spaces, dots, dashes or underscores.`, 'account');
  }
  return trimmed;
}

export function requireProvider(id: string): ProviderDefinition {
  const provider = findProvider(id);
  if (!provider) {
    throw new InputError(`Unknown provider "${id}". Known providers: ${providers.map((known) => known.id).join(', ')}.`, 'provider');
  }
  return provider;
}

/**
 * @param entries ledger entries and tracked usage: a manual account exists once something was recorded for it.
 */
export function resolveAccounts(configs: readonly AccountConfig[], entries: readonly Pick<LedgerEntry, 'provider' | 'account'>[], env: NodeJS.ProcessEnv): Account[] {
  const accounts = new Map<string, Account>();
  for (const config of configs) {
    const provider = findProvider(config.provider);
    if (!provider) continue;
    accounts.set(config.id, {
      id: config.id,
      provider,
      name: config.name,
      settings: config.settings,
      intervalMs: Math.max(config.intervalMinutes ? config.intervalMinutes * 60_000 : provider.refresh.defaultMs, provider.refresh.minimumMs),
      // `accounts add openrouter --account env --threshold lowBalance=10` gives the env account thresholds
      // or settings; it still reads its key from the environment, like the implicit one.
      implicit: config.name === ENV_ACCOUNT && provider.kind === 'api' && provider.implicitFromEnv,
      thresholds: config.thresholds ?? {},
    });
  }
  for (const provider of providers) {
    if (provider.kind !== 'api' || !provider.implicitFromEnv) continue;
    const required = provider.credentials.filter((spec) => !spec.optional);
    // Providers whose credentials are all optional (Groq's key only unlocks extras) count when any is set.
    const configured = required.length > 0 ? required.every((spec) => nonEmpty(env[spec.env])) : provider.credentials.some((spec) => nonEmpty(env[spec.env]));
    if (!configured) continue;
    const id = accountId(provider.id, ENV_ACCOUNT);
    if (!accounts.has(id)) {
      accounts.set(id, { id, provider, name: ENV_ACCOUNT, settings: {}, intervalMs: provider.refresh.defaultMs, implicit: true, thresholds: {} });
    }
  }
  for (const entry of entries) {
    const provider = findProvider(entry.provider);
    const id = accountId(entry.provider, entry.account);
    if (!provider || accounts.has(id)) continue;
    accounts.set(id, { id, provider, name: entry.account, settings: {}, intervalMs: provider.refresh.defaultMs, implicit: false, thresholds: {} });
  }
  return [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export interface ResolvedCredentials {
  readonly values: Record<string, string | undefined>;
  /** Set when a required credential is missing: what the user should do. */
  readonly missing?: string;
}

/**
 * Credentials of an account: the `env` account reads the environment only; other accounts read the
 * keychain (ids such as a team id may also be settings). Only AWS and Google Cloud, which are never
 * implicit, fall back to the environment (GOOGLE_APPLICATION_CREDENTIALS): for any other provider the
 * environment already makes the `env` account, and a second account on the same key would count its
 * spend twice.
 */
export async function resolveCredentials(account: Account, secrets: SecretStore, env: NodeJS.ProcessEnv): Promise<ResolvedCredentials> {
  const values: Record<string, string | undefined> = {};
  let keychainProblem: string | undefined;
  for (const spec of account.provider.credentials) {
    if (account.implicit) {
      values[spec.name] = nonEmpty(env[spec.env]) ? env[spec.env] : undefined;
      continue;
    }
    let stored: string | undefined = spec.secret ? undefined : account.settings[spec.name];
    if (stored === undefined) {
      try {
        stored = await secrets.get(account.id, spec.name);
      } catch (error) {
        if (!(error instanceof KeychainUnavailableError)) throw error;
        keychainProblem = error.message;
      }
    }
    const fromEnv = account.provider.kind === 'api' && !account.provider.implicitFromEnv && nonEmpty(env[spec.env]) ? env[spec.env] : undefined;
    values[spec.name] = stored ?? fromEnv;
  }
  const absent = account.provider.credentials.filter((spec) => !spec.optional && !values[spec.name]);
  if (absent.length === 0) return { values };
  const flag = account.name === DEFAULT_ACCOUNT ? '' : ` --account "${account.name}"`;
  const how = absent
    .map((spec) =>
      account.implicit
        ? `${spec.label}: set ${spec.env}`
        : spec.secret
          ? `${spec.label}: run \`spendbar keys set ${account.provider.id}${flag}\``
          : `${spec.label}: run \`spendbar accounts add ${account.provider.id}${flag} --set ${spec.name}=…\``,
    )
    .join('; ');
  return { values, missing: keychainProblem ?? `${account.provider.name} needs its ${absent.map((spec) => spec.label).join(' and ')}. ${how}.` };
}

function nonEmpty(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
