/**
 * A view whose code loads on demand (App.tsx), and can be loaded ahead. React.lazy shows the fallback for
 * at least a moment on the first render even when the code is already here; once `preload` has resolved,
 * the view renders straight away instead, so opening it after the popover settled is as quick (and as
 * keyboard-safe: focus has somewhere to go at once) as when it was in the main bundle.
 */
import { createElement, lazy, type ComponentType } from 'react';

export interface LazyView<P extends object> {
  View: ComponentType<P>;
  preload(): Promise<unknown>;
}

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A chunk that failed to load (serve restarted meanwhile) is asked for again next time.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function View(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy, props);
  }
  return { View, preload };
}
