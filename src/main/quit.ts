/**
 * Quitting: stop listening, abort the polls in flight (the host lets writes already begun finish), then
 * let the quit go on. Bounded, so a provider or keychain that does not answer cannot keep the process and
 * its tray icon alive.
 */
export interface QuitApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface QuitOptions {
  app: QuitApp;
  /** Called first and synchronously: stop listeners, let the popover close for good. */
  stop(): void;
  /** Closes the host; its promise settles once files are released. */
  close(): Promise<void>;
  /** Called last, just before the real quit (destroy the tray). */
  finish(): void;
  /** The longest quit waits for close() (default 1.5 s). */
  limitMs?: number;
}

export function handleQuit(options: QuitOptions): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  options.app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    options.stop();
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error('Spendbar: closing took too long; quitting anyway.');
        resolve();
      }, options.limitMs ?? 1500);
    });
    void Promise.race([options.close().catch((error: unknown) => console.error('Spendbar: closing the data folder failed:', error)), limit]).finally(() => {
      clearTimeout(timer);
      state = 'closed';
      options.finish();
      options.app.quit();
    });
  });
}
