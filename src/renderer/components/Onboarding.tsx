import { useSpendbar } from '../store';
import { ProviderIcon } from './ProviderIcon';

/** Providers offered first: the ones most people pay for an API key. */
const SUGGESTED = ['openai', 'anthropic', 'openrouter', 'deepseek', 'xai', 'aws'];

/** First run: nothing configured yet. Offer a provider, hand entry, or a look at the demo. */
export function Onboarding() {
  const providers = useSpendbar((state) => state.providers);
  const open = useSpendbar((state) => state.open);
  const suggested = SUGGESTED.map((id) => providers.find((provider) => provider.id === id)).filter((provider) => provider !== undefined);
  return (
    <section className="onboarding" aria-labelledby="onboarding-heading" data-testid="onboarding">
      <h2 id="onboarding-heading">Welcome to Spendbar</h2>
      <p>See this month&rsquo;s AI and cloud spend and the credit left, from the providers&rsquo; own billing APIs. Keys stay in your system keychain.</p>
      <ul className="onboarding-providers" aria-label="Add an account">
        {suggested.map((provider) => (
          <li key={provider.id}>
            <button type="button" className="button provider-choice" onClick={() => open({ name: 'add-account', provider: provider.id }, 'onboarding')} data-focus-key="onboarding">
              <ProviderIcon provider={provider.id} monogram={provider.monogram} size={18} />
              {provider.name}
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="button provider-choice" onClick={() => open({ name: 'add-account' }, 'onboarding')}>
            More providers…
          </button>
        </li>
      </ul>
      <p>
        No API for a provider (Groq, Perplexity, GitHub Copilot)?{' '}
        <button type="button" className="link-button" onClick={() => open({ name: 'manual' }, 'onboarding')}>
          Record spend by hand
        </button>
        .
      </p>
      <p className="muted">
        Just looking? Run <code>spendbar serve --demo</code> and open the link it prints: the same popover with demo accounts, nothing polled.
      </p>
    </section>
  );
}
