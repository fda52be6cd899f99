import type { Monogram } from '../../shared/api';

/**
 * A provider's monogram, drawn inline: letters and colour come from the provider's definition (through
 * the overview or the provider list); no logos or external assets (trademarks, CSP, bundle size).
 */

/** A stable colour for a provider the engine sent no monogram for, so it still looks deliberate. */
function fallback(id: string): [string, string] {
  const hue = [...id].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 360, 7);
  return [id.slice(0, 1).toUpperCase() || '?', `hsl(${hue} 45% 32%)`];
}

export function ProviderIcon({ provider, monogram, size = 22 }: { provider: string; monogram?: Monogram | undefined; size?: number }) {
  const [letters, colour] = monogram ? [monogram.letters, monogram.colour] : fallback(provider);
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
