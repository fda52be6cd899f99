/**
 * Every provider Spendbar knows. Adding one means adding its folder and a line here; the registry test
 * fails when a registered API provider lacks its contract test, fixtures or doc.
 */
import { anthropicProvider } from './anthropic/anthropic-provider.js';
import { awsProvider } from './aws/aws-provider.js';
import { deepseekProvider } from './deepseek/deepseek-provider.js';
import { elevenlabsProvider } from './elevenlabs/elevenlabs-provider.js';
import { gcpProvider } from './gcp/gcp-provider.js';
import { geminiProvider } from './gemini/gemini-provider.js';
import { githubProvider } from './github/github-provider.js';
import { groqProvider } from './groq/groq-provider.js';
import { lemonsqueezyProvider } from './lemonsqueezy/lemonsqueezy-provider.js';
import { manualProviders } from './manual/manual-provider.js';
import { mistralProvider } from './mistral/mistral-provider.js';
import { moonshotProvider } from './moonshot/moonshot-provider.js';
import { openaiProvider } from './openai/openai-provider.js';
import { openrouterProvider } from './openrouter/openrouter-provider.js';
import type { ProviderDefinition } from './provider.js';
import { railwayProvider } from './railway/railway-provider.js';
import { siliconflowProvider } from './siliconflow/siliconflow-provider.js';
import { stripeProvider } from './stripe/stripe-provider.js';
import { supabaseProvider } from './supabase/supabase-provider.js';
import { xaiProvider } from './xai/xai-provider.js';

/** AI model providers first, then cloud and SaaS bills, then the manual ones: the order pickers show. */
export const providers: readonly ProviderDefinition[] = [
  openaiProvider,
  anthropicProvider,
  geminiProvider,
  openrouterProvider,
  xaiProvider,
  deepseekProvider,
  mistralProvider,
  groqProvider,
  moonshotProvider,
  siliconflowProvider,
  elevenlabsProvider,
  awsProvider,
  gcpProvider,
  githubProvider,
  railwayProvider,
  supabaseProvider,
  stripeProvider,
  lemonsqueezyProvider,
  ...manualProviders,
];

const byId = new Map(providers.map((provider) => [provider.id, provider]));

export function findProvider(id: string): ProviderDefinition | undefined {
  return byId.get(id);
}

export function providerIds(): string[] {
  return providers.map((provider) => provider.id);
}
