/**
 * What the renderer expects on `window.spendbar`: the shared API contract plus a way to hear about new
 * overviews. Electron's preload pushes them; the browser bridge polls for them. The renderer cannot tell.
 */
import type { Overview, SpendbarApi } from '../../shared/api';

export type OverviewListener = (overview: Overview) => void;

export type SpendbarBridge = SpendbarApi & {
  /**
   * Calls `listener` with each new overview until the returned function is called. `onError` is an
   * optional extension: a bridge that can lose its connection (the HTTP one) reports failures there.
   */
  onOverview(listener: OverviewListener, onError?: (error: Error) => void): () => void;
};

declare global {
  interface Window {
    spendbar?: SpendbarBridge;
  }
}
