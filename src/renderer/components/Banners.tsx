import { useSpendbar } from '../store';

/** App-level problems: the engine's warnings (a moved-aside file, no keychain) and a lost connection. */
export function Banners() {
  const warnings = useSpendbar((state) => state.overview?.warnings);
  const overviewError = useSpendbar((state) => state.overviewError);
  if (!overviewError && !warnings?.length) return null;
  return (
    <div className="banners">
      {overviewError && (
        <p className="banner banner-error" role="alert">
          {overviewError}
        </p>
      )}
      {warnings?.map((warning) => (
        <p key={warning} className="banner banner-warning" role="status">
          {warning}
        </p>
      ))}
    </div>
  );
}
