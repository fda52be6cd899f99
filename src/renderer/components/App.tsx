import { Suspense, useEffect } from 'react';
import { useSpendbar, type View } from '../store';
import { AccountList } from './AccountList';
import { AlertBanners } from './AlertBanners';
import { AlertHistory } from './AlertHistory';
import { ApiEquivalent } from './ApiEquivalent';
import { Banners } from './Banners';
import { Header } from './Header';
import { lazyView } from './lazy-view';
import { Onboarding } from './Onboarding';

// The views opened from the list are not needed for the first paint of the total: their code loads once
// the popover has painted and the page is idle (or when one is opened before that).
const views = {
  detail: lazyView(() => import('./AccountDetail').then((module) => module.AccountDetail)),
  addAccount: lazyView(() => import('./AddAccount').then((module) => module.AddAccount)),
  manual: lazyView(() => import('./ManualPanel').then((module) => module.ManualPanel)),
  settings: lazyView(() => import('./Settings').then((module) => module.Settings)),
};
const AccountDetail = views.detail.View;
const AddAccount = views.addAccount.View;
const ManualPanel = views.manual.View;
const Settings = views.settings.View;

function preloadViewsWhenIdle(): () => void {
  const preload = () => Object.values(views).forEach((view) => void view.preload().catch(() => undefined));
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(preload, 200);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(preload, { timeout: 2_000 });
  return () => cancelIdleCallback(handle);
}

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

  useEffect(preloadViewsWhenIdle, []);

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
