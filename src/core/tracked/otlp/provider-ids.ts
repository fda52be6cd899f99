/**
 * Provider names as telemetry spells them, mapped to Spendbar's provider ids. Sources: the GenAI
 * semantic conventions' `gen_ai.provider.name` values (and the older `gen_ai.system`), the Vercel AI
 * SDK's `ai.model.provider` ("openai.chat", "anthropic.messages", "google.generative-ai") and LiteLLM's
 * `custom_llm_provider` ("bedrock", "vertex_ai", "together_ai"). A name not listed is reported to the
 * user as unknown rather than guessed: pricing it under the wrong provider would be worse than not at all.
 */
import { findProvider } from '../../providers/registry.js';

const aliases: Record<string, string> = {
  // GenAI semantic conventions (gen_ai.provider.name well-known values)
  'aws.bedrock': 'aws',
  'gcp.gemini': 'gcp',
  'gcp.vertex_ai': 'gcp',
  'gcp.gen_ai': 'gcp',
  'x_ai': 'xai',
  'mistral_ai': 'mistral',
  // Vercel AI SDK provider prefixes (before the first dot)
  google: 'gcp',
  'google-vertex': 'gcp',
  'amazon-bedrock': 'aws',
  togetherai: 'together',
  moonshotai: 'moonshot',
  // LiteLLM custom_llm_provider
  bedrock: 'aws',
  bedrock_converse: 'aws',
  vertex_ai: 'gcp',
  vertex_ai_beta: 'gcp',
  gemini: 'gcp',
  together_ai: 'together',
  'text-completion-openai': 'openai',
  huggingface: 'huggingface',
  github_copilot: 'copilot',
};

/** Spendbar's id for a telemetry provider name, or undefined when Spendbar does not know it. */
export function providerIdFor(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  const candidates = [lower, lower.split('.')[0]!];
  for (const candidate of candidates) {
    const id = aliases[candidate] ?? candidate;
    const provider = findProvider(id);
    // Manual "custom" must be chosen by the user, never matched from a stray name.
    if (provider && provider.id !== 'custom') return provider.id;
  }
  return undefined;
}
