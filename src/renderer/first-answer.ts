/** When the popover's first render may start (app.tsx). */
import type { SpendbarStore } from './store-types';

/** Resolves when the store has an overview or an error to show, or after `waitMs`, whichever is first. */
export function firstAnswer(store: SpendbarStore, waitMs: number): Promise<void> {
  const answered = () => store.getState().overview !== null || store.getState().overviewError !== null;
  if (answered()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    const unsubscribe = store.subscribe(() => answered() && done());
  });
}
