import type { ProviderInfo } from '../shared/api';

export interface ProviderGroup {
  label: string;
  providers: ProviderInfo[];
}

/**
 * Providers for the entry form, those without a billing API first: they are the ones a user records by
 * hand most often. Within a group the engine's order is kept.
 */
export function providerGroupsForEntry(providers: readonly ProviderInfo[]): ProviderGroup[] {
  const groups: ProviderGroup[] = [
    { label: 'Entered by hand', providers: providers.filter((provider) => provider.kind === 'manual') },
    { label: 'With a billing API', providers: providers.filter((provider) => provider.kind !== 'manual') },
  ];
  return groups.filter((group) => group.providers.length > 0);
}
