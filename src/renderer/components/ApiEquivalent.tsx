/**
 * Coding agents used on a subscription: what this month's calls would cost at API prices. Apart from
 * the accounts and never in the totals; the engine computed the figures (overview/api-equivalent.ts).
 */
import { formatCount, formatMoney } from '../format';
import { userLocale } from '../hooks';
import { useSpendbar } from '../store';

export function ApiEquivalent() {
  // The list itself is selected (a fresh `[]` on every read would make the store re-render forever).
  const agents = useSpendbar((state) => state.overview?.apiEquivalent);
  const locale = userLocale();
  if (!agents || agents.length === 0) return null;
  return (
    <section aria-labelledby="api-equivalent-heading" data-testid="api-equivalent">
      <h2 id="api-equivalent-heading" className="section-heading">
        On subscriptions
      </h2>
      <ul className="notes">
        {agents.map((agent) => (
          <li key={agent.source}>
            {agent.name}: {formatCount(agent.requests, locale)} call{agent.requests === 1 ? '' : 's'}, {formatMoney(agent.cost, agent.currency, { precision: 'total', locale })} at API prices
            <span className="muted"> (API-equivalent, not spend{agent.unpriced.length > 0 ? `; no price for ${agent.unpriced.join(', ')}` : ''})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
