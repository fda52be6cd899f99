/**
 * What the renderer expects on `window.spendbar`: the shared API contract plus a way to hear about new
 * overviews. Electron's preload pushes them; the browser bridge polls for them. The renderer cannot tell,
 * except through `inBrowser`, which only decides who raises desktop notifications.
 */
import type { Overview, PollProgressEvent, SpendbarApi } from '../../shared/api';

export type OverviewListener = (overview: Overview) => void;

export type SpendbarBridge = SpendbarApi & {
  /**
   * Calls `listener` with each new overview until the returned function is called. `onError` is an
   * optional extension: a bridge that can lose its connection (the HTTP one) reports failures there.
   */
  onOverview(listener: OverviewListener, onError?: (error: Error) => void): () => void;
  /**
   * True on the HTTP bridge (`spendbar serve` in a browser). There no main process raises desktop
   * notifications, so the page raises web ones itself; Electron's preload leaves this unset.
   */
  readonly inBrowser?: boolean;
  /** Electron only: calls `listener` with an account id when a native notification about it is clicked. */
  onFocusAccount?(listener: (accountId: string) => void): () => void;
  /**
   * Electron only: each account's progress while a poll cycle runs. The browser bridge has none; it
   * asks for the overview more often during a Refresh instead.
   */
  onPollProgress?(listener: (event: PollProgressEvent) => void): () => void;
};

declare global {
  interface Window {
    spendbar?: SpendbarBridge;
  }
}
