import type { ApiResponse } from '../../shared/api';
import { formatMaybeMoney } from '../format';
import { userLocale } from '../hooks';

/**
 * What "Test connection" found: the figures one real poll returned, or why it (or Save) failed. The
 * live region is always there, so screen readers announce each new verdict.
 */
export function TestResult({ result, error }: { result: ApiResponse<'testConnection'> | null; error: string | null }) {
  const locale = userLocale();
  const failure = error ?? (result && !result.ok ? (result.error?.message ?? 'The connection test failed.') : null);
  const account = result?.ok ? result.account : null;
  return (
    <div className="field-wide" aria-live="polite">
      {failure ? (
        <p className="banner banner-error" data-testid="test-result">
          {failure}
        </p>
      ) : (
        result?.ok && (
          <p className="banner banner-success" data-testid="test-result">
            Connection works.
            {account && ` This month ${formatMaybeMoney(account.monthToDate, { precision: 'total', locale })} · balance ${formatMaybeMoney(account.balance, { precision: 'total', locale })}.`}
          </p>
        )
      )}
    </div>
  );
}
