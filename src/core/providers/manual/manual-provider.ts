/**
 * Providers without a billing API. Their month-to-date is what the user entered (spend entries) plus
 * tracked usage; their balance is the last known balance plus top-ups minus spend since. No HTTP at all.
 */
import { MINUTE, type ProviderDefinition } from '../provider.js';

function manualProvider(id: string, name: string, monogram: ProviderDefinition['monogram'], why: string, priceListId?: string): ProviderDefinition {
  return {
    id,
    name,
    monogram,
    implicitFromEnv: false,
    ...(priceListId ? { priceListId } : {}),
    kind: 'manual',
    credentials: [],
    keyHelp: `${why} Enter spend, top-ups and known balances by hand.`,
    reportsSpend: false,
    defaultCurrency: 'USD',
    refresh: { defaultMs: 15 * MINUTE, minimumMs: 1 * MINUTE },
  };
}

export const manualProviders: readonly ProviderDefinition[] = [
  manualProvider('perplexity', 'Perplexity', { letters: 'P', colour: '#1d6f78' }, 'Perplexity has no billing or balance API.', 'perplexity'),
  manualProvider('copilot', 'GitHub Copilot', { letters: 'Co', colour: '#3d3d7a' }, 'Copilot seats and premium requests are billed through GitHub.', 'github-copilot'),
  manualProvider('huggingface', 'Hugging Face', { letters: 'HF', colour: '#8a6200' }, 'Hugging Face has no public billing API.'),
  manualProvider('together', 'Together AI', { letters: 'T', colour: '#2e5aa8' }, 'Together AI has no public billing API.', 'together'),
  manualProvider('brave', 'Brave Search API', { letters: 'B', colour: '#b8381f' }, 'Brave has no public billing API.'),
  manualProvider('custom', 'Custom', { letters: '$', colour: '#55606e' }, 'Any provider you name (use the account name as its label).'),
];
