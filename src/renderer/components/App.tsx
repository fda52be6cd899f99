import { lazy, Suspense, useEffect } from 'react';
import { useSpendbar, type View } from '../store';
import { AccountList } from './AccountList';
import { AlertBanners } from './AlertBanners';
import { AlertHistory } from './AlertHistory';
import { ApiEquivalent } from './ApiEquivalent';
import { Banners } from './Banners';
import { Header } from './Header';
import { Onboarding } from './Onboarding';

// The views opened from the list load on demand: the first paint of the total needs none of their code.
const AccountDetail = lazy(() => import('./AccountDetail').then((module) => ({ default: module.AccountDetail })));
const AddAccount = lazy(() => import('./AddAccount').then((module) => ({ default: module.AddAccount })));
const ManualPanel = lazy(() => import('./ManualPanel').then((module) => ({ default: module.ManualPanel })));
const Settings = lazy(() => import('./Settings').then((module) => ({ default: module.Settings })));

/** Shown while a view's code loads (a few milliseconds from the local server or the app's files). */
function ViewLoading() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}

function Home() {
  const empty = useSpendbar((state) => state.overview?.accounts.length === 0);
  return (
    <>
      <Header />
      <Banners />
      <AlertBanners />
      {empty ? <Onboarding /> : <AccountList />}
      <ApiEquivalent />
      <AlertHistory />
    </>
  );
}

function CurrentView({ view }: { view: View }) {
  switch (view.name) {
    case 'detail':
      return <AccountDetail accountId={view.accountId} />;
    case 'manual':
      return <ManualPanel />;
    case 'settings':
      return <Settings />;
    case 'add-account':
      return <AddAccount provider={view.provider} />;
    default:
      return <Home />;
  }
}

/** The popover: the list of accounts, or one of the views opened from it. */
export function App() {
  const view = useSpendbar((state) => state.view);
  const back = useSpendbar((state) => state.back);
  const returnFocus = useSpendbar((state) => state.returnFocus);

  // Escape closes whatever view is open. Controls that use Escape themselves (an edit row cancelling)
  // call preventDefault, and are left alone.
  useEffect(() => {
    if (view.name === 'home') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      back();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [view.name, back]);

  // Back on the list, focus returns to what opened the view, so keyboard users keep their place.
  useEffect(() => {
    if (view.name !== 'home' || !returnFocus) return;
    document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(returnFocus)}"]`)?.focus();
  }, [view, returnFocus]);

  return (
    <main className="popover">
      <Suspense fallback={<ViewLoading />}>
        <CurrentView view={view} />
      </Suspense>
    </main>
  );
}
