/**
 * The seam every front end opens: the Electron main process, `spendbar serve` and the CLI import
 * `openHost` and the host's types from here, and nothing deeper in the engine.
 */
export type { HostAlert, OpenHostOptions, SpendbarHost } from './host-api.js';
export { openHost } from './open-host.js';
