/**
 * A small monogram per provider, drawn inline: no logos or external assets (trademarks, CSP, bundle
 * size). Colours are dark enough for white letters in both themes.
 */
const MONOGRAMS: Record<string, [letters: string, colour: string]> = {
  openai: ['AI', '#0f7a5c'],
  anthropic: ['A', '#9a4a2a'],
  xai: ['x', '#3c3c40'],
  deepseek: ['DS', '#3552b8'],
  openrouter: ['OR', '#4a4fb5'],
  moonshot: ['M', '#35356a'],
  siliconflow: ['SF', '#6a3fb0'],
  elevenlabs: ['11', '#45454a'],
  groq: ['G', '#b3401f'],
  mistral: ['Mi', '#b85a00'],
  github: ['GH', '#3d444d'],
  railway: ['R', '#5b2bb5'],
  aws: ['AWS', '#8a5300'],
  gcp: ['GC', '#2a62c9'],
  supabase: ['S', '#1c7a4f'],
  stripe: ['St', '#5243c2'],
  lemonsqueezy: ['LS', '#7a3fb8'],
  perplexity: ['P', '#1d6f78'],
  copilot: ['Co', '#3d3d7a'],
  huggingface: ['HF', '#8a6200'],
  together: ['T', '#2e5aa8'],
  brave: ['B', '#b8381f'],
  custom: ['$', '#55606e'],
};

/** A stable colour for a provider this file does not know yet, so it still looks deliberate. */
function fallback(id: string): [string, string] {
  const hue = [...id].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 360, 7);
  return [id.slice(0, 1).toUpperCase() || '?', `hsl(${hue} 45% 32%)`];
}

export function ProviderIcon({ provider, size = 22 }: { provider: string; size?: number }) {
  const [letters, colour] = MONOGRAMS[provider] ?? fallback(provider);
  const fontSize = letters.length > 2 ? 8 : letters.length > 1 ? 10 : 12;
  return (
    <svg className="provider-icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="6" fill={colour} />
      <text x="12" y="12" dy="0.35em" textAnchor="middle" fontSize={fontSize} fontWeight="700" fill="#fff">
        {letters}
      </text>
    </svg>
  );
}
