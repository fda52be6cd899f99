import { describe, expect, it } from 'vitest';
import type { AccountSummary, ProviderInfo } from '../../shared/api';
import { keysRequiredAgain } from './key-destination';

const moonshot: ProviderInfo = {
  id: 'moonshot',
  name: 'Moonshot',
  kind: 'api',
  keyHelp: '',
  keyUrl: null,
  credentials: [
    { name: 'apiKey', label: 'API key', env: 'MOONSHOT_API_KEY', secret: true, optional: false },
    { name: 'region', label: 'Region', env: 'MOONSHOT_REGION', secret: false, optional: true, routesKey: true },
  ],
  settings: [],
  defaultIntervalMinutes: 60,
  minimumIntervalMinutes: 5,
  costPerRefresh: null,
};
const saved: AccountSummary = {
  id: 'moonshot:work',
  provider: 'moonshot',
  providerName: 'Moonshot',
  account: 'work',
  implicit: false,
  credentialsSet: { apiKey: true, region: true },
  settings: { baseUrl: 'https://api.moonshot.ai/v1', region: 'global' },
  intervalMinutes: 60,
  thresholds: {},
};
const draft = (settings: Record<string, string>, credentials: Record<string, string> = {}) => ({ account: 'work', settings, credentials });

describe('the settings form asks for the key again when the address changes', () => {
  it('asks when the base URL of a saved account with a key changes', () => {
    expect(keysRequiredAgain(moonshot, [saved], draft({ baseUrl: 'https://proxy.example/v1' })).map((spec) => spec.name)).toEqual(['apiKey']);
  });

  it('asks when a setting that picks the host changes (region)', () => {
    expect(keysRequiredAgain(moonshot, [saved], draft({}, { region: 'cn' })).map((spec) => spec.name)).toEqual(['apiKey']);
  });

  it('does not ask when the address stays, a field is left empty, the account is new or has no key', () => {
    expect(keysRequiredAgain(moonshot, [saved], draft({ baseUrl: 'https://api.moonshot.ai/v1' }))).toEqual([]);
    expect(keysRequiredAgain(moonshot, [saved], draft({ baseUrl: '' }))).toEqual([]);
    expect(keysRequiredAgain(moonshot, [saved], { ...draft({ baseUrl: 'https://proxy.example/v1' }), account: 'other' })).toEqual([]);
    expect(keysRequiredAgain(moonshot, [{ ...saved, credentialsSet: { apiKey: false } }], draft({ baseUrl: 'https://proxy.example/v1' }))).toEqual([]);
  });
});
