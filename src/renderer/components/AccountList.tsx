import { useNow } from '../hooks';
import { useSpendbar } from '../store';
import { AccountRow } from './AccountRow';

/** Every configured account, in the order the engine gives them. */
export function AccountList() {
  const accounts = useSpendbar((state) => state.overview?.accounts);
  const generatedAt = useSpendbar((state) => state.overview?.generatedAt);
  // One clock for every row, so all ages agree. The overview cannot be older than its own generation
  // time, so a clock that last ticked before it arrived is moved up to that time.
  const now = Math.max(useNow(), generatedAt ? Date.parse(generatedAt) || 0 : 0);
  if (!accounts) return null;
  if (accounts.length === 0) {
    return (
      <p className="empty">
        No accounts yet. Set a provider key (<code>spendbar keys set</code>), or record spend by hand below.
      </p>
    );
  }
  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" className="section-heading">
        Accounts
      </h2>
      <ul className="accounts">
        {accounts.map((account) => (
          <AccountRow key={account.id} account={account} now={now} />
        ))}
      </ul>
    </section>
  );
}
