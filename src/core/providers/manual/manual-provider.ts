/**
 * Providers without a billing API. Their month-to-date is what the user entered (spend entries) plus
 * tracked usage; their balance is the last known balance plus top-ups minus spend since. No HTTP at all.
 */
import { MINUTE, type ProviderDefinition } from '../provider.js';

function manualProvider(id: string, name: string, why: string): ProviderDefinition {
  return {
    id,
    name,
    kind: 'manual',
    credentials: [],
    keyHelp: `${why} Enter spend, top-ups and known balances by hand.`,
    reportsSpend: false,
    defaultCurrency: 'USD',
    refresh: { defaultMs: 15 * MINUTE, minimumMs: 1 * MINUTE },
  };
}

export const manualProviders: readonly ProviderDefinition[] = [
  manualProvider('perplexity', 'Perplexity', 'Perplexity has no billing or balance API.'),
  manualProvider('copilot', 'GitHub Copilot', 'Copilot seats and premium requests are billed through GitHub.'),
  manualProvider('huggingface', 'Hugging Face', 'Hugging Face has no public billing API.'),
  manualProvider('together', 'Together AI', 'Together AI has no public billing API.'),
  manualProvider('brave', 'Brave Search API', 'Brave has no public billing API.'),
  manualProvider('custom', 'Custom', 'Any provider you name (use the account name as its label).'),
];
